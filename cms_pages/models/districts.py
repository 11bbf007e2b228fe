from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms_pages import site_cache
from cms_pages.models.base import ColumnMixin
from cms_pages.models.centres import CentrePage
from cms_pages.models.listing import paginate, public_children
from cms_pages.models.news import NewsPage


class DistrictSectionPage(ColumnMixin, Page):
    """区局专栏: one section per district bureau, where that bureau's editors publish their news."""

    district = models.OneToOneField(
        "reference.District", verbose_name="行政区", on_delete=models.PROTECT, related_name="section_page"
    )
    intro = models.TextField("栏目说明", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("district"), FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.NewsPage"]

    class Meta:
        verbose_name = "区局专栏"
        verbose_name_plural = "区局专栏"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = paginate(request, public_children(self, NewsPage).order_by("-date"))
        context["centres"] = (
            site_cache.public(CentrePage.objects.live())
            .established()
            .filter(district_id=self.district_id)
            .order_by("title")
        )
        return context
