"""Listing helpers of the index pages: live public children, paginated, in a fixed number of queries."""

from django.core.paginator import Paginator

PAGE_SIZE = 20


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def public_children(index_page, model):
    """Live, publicly visible pages of `model` directly under `index_page`."""
    return model.objects.child_of(index_page).live().public()


def home_listings(home) -> dict:
    """The latest items of each column for the home page."""
    from cms_pages.models.achievements import AchievementPage
    from cms_pages.models.centres import CentrePage
    from cms_pages.models.guides import ServiceGuidePage
    from cms_pages.models.knowledge import KnowledgeArticlePage
    from cms_pages.models.news import NewsPage
    from cms_pages.models.policy import PolicyPage

    def live(model):
        return model.objects.descendant_of(home).live().public()

    return {
        "latest_news": live(NewsPage).order_by("-date", "-pk")[:6],
        "policies": live(PolicyPage).order_by("-issue_date", "-pk")[:5],
        "guides": live(ServiceGuidePage).order_by("path")[:6],
        "centres": live(CentrePage).established().select_related("district").order_by("-established_on")[:6],
        "achievements": live(AchievementPage).order_by("-year", "-pk")[:6],
        "knowledge": live(KnowledgeArticlePage).order_by("-first_published_at", "-pk")[:6],
    }
