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
    from django.contrib.contenttypes.models import ContentType

    from cms_pages.models.achievements import AchievementIndexPage, AchievementPage
    from cms_pages.models.centres import CentreIndexPage, CentrePage
    from cms_pages.models.districts import DistrictSectionPage
    from cms_pages.models.guides import ServiceGuideIndexPage, ServiceGuidePage
    from cms_pages.models.knowledge import KnowledgeArticlePage, KnowledgeIndexPage
    from cms_pages.models.news import NewsIndexPage, NewsPage
    from cms_pages.models.policy import PolicyIndexPage, PolicyPage

    def live(model):
        return model.objects.descendant_of(home).live().public()

    # One query for the columns under the home page; the content types come from Django's cache.
    columns = {}
    for child in home.get_children().live().public():
        columns.setdefault(ContentType.objects.get_for_id(child.content_type_id).model_class(), child)

    return {
        "news_index": columns.get(NewsIndexPage),
        "policy_index": columns.get(PolicyIndexPage),
        "guide_index": columns.get(ServiceGuideIndexPage),
        "centre_index": columns.get(CentreIndexPage),
        "achievement_index": columns.get(AchievementIndexPage),
        "knowledge_index": columns.get(KnowledgeIndexPage),
        "district_sections": DistrictSectionPage.objects.child_of(home)
        .live()
        .public()
        .order_by("district__sort_order"),
        "latest_news": live(NewsPage).order_by("-date", "-pk")[:6],
        "policies": live(PolicyPage).order_by("-issue_date", "-pk")[:5],
        "guides": live(ServiceGuidePage).order_by("path")[:6],
        "centres": live(CentrePage).established().select_related("district").order_by("-established_on")[:6],
        "achievements": live(AchievementPage).order_by("-year", "-pk")[:6],
        "knowledge": live(KnowledgeArticlePage).order_by("-first_published_at", "-pk")[:6],
    }
