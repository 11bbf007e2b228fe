from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms_pages import site_cache
from cms_pages.models.achievements import AchievementIndexPage, AchievementPage
from cms_pages.models.base import ColumnMixin
from cms_pages.models.centres import CentreIndexPage, CentrePage
from cms_pages.models.districts import DistrictSectionPage
from cms_pages.models.guides import ServiceGuideIndexPage, ServiceGuidePage
from cms_pages.models.knowledge import KnowledgeArticlePage, KnowledgeIndexPage
from cms_pages.models.listing import public_children, public_descendants
from cms_pages.models.news import NewsIndexPage, NewsPage
from cms_pages.models.policy import PolicyIndexPage, PolicyPage

COLUMN_TYPES = {
    "news_index": NewsIndexPage,
    "policy_index": PolicyIndexPage,
    "guide_index": ServiceGuideIndexPage,
    "centre_index": CentreIndexPage,
    "achievement_index": AchievementIndexPage,
    "knowledge_index": KnowledgeIndexPage,
}


def home_listings(home) -> dict:
    """The latest items of each column for the home page, built once per publication (site_cache)."""
    columns = {}
    for page in site_cache.upper_pages().values():
        if (
            page.depth == home.depth + 1
            and page.path.startswith(home.path)
            and site_cache.is_public(page.path)
        ):
            columns.setdefault(type(page), page)
    return {
        **{name: columns.get(model) for name, model in COLUMN_TYPES.items()},
        "district_sections": list(
            public_children(home, DistrictSectionPage).order_by("district__sort_order")
        ),
        "latest_news": list(public_descendants(home, NewsPage).order_by("-date", "-pk")[:6]),
        "policies": list(public_descendants(home, PolicyPage).order_by("-issue_date", "-pk")[:5]),
        "guides": list(public_descendants(home, ServiceGuidePage).order_by("path")[:6]),
        "centres": list(
            public_descendants(home, CentrePage)
            .established()
            .select_related("district")
            .order_by("-established_on")[:6]
        ),
        "achievements": list(public_descendants(home, AchievementPage).order_by("-year", "-pk")[:6]),
        "knowledge": list(
            public_descendants(home, KnowledgeArticlePage).order_by("-first_published_at", "-pk")[:6]
        ),
    }


class HomePage(ColumnMixin, Page):
    """The portal's home page: the root of the public site."""

    intro = models.TextField("导语", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms_pages.PolicyIndexPage",
        "cms_pages.ServiceGuideIndexPage",
        "cms_pages.NewsIndexPage",
        "cms_pages.CentreIndexPage",
        "cms_pages.AchievementIndexPage",
        "cms_pages.KnowledgeIndexPage",
        "cms_pages.DistrictSectionPage",
    ]
    max_count = 1
    column_type = "首页"

    class Meta:
        verbose_name = "首页"
        verbose_name_plural = "首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(site_cache.remember(f"home-listings:{self.pk}", lambda: home_listings(self)))
        return context
