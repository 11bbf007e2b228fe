from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms_pages.models.base import ColumnMixin


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
        from cms_pages.models.listing import home_listings

        context = super().get_context(request, *args, **kwargs)
        context.update(home_listings(self))
        return context
