from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms_pages.blocks import BodyStreamBlock
from cms_pages.models.base import ColumnMixin, DemoFlag
from cms_pages.models.listing import paginate, public_children
from cms_pages.search_fields import SegmentedSearchMixin


class NewsIndexPage(ColumnMixin, Page):
    """工作动态: the column of news and notices."""

    intro = models.TextField("栏目说明", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.NewsPage"]

    class Meta:
        verbose_name = "工作动态栏目"
        verbose_name_plural = "工作动态栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = paginate(request, public_children(self, NewsPage).order_by("-date", "-pk"))
        return context


class NewsPage(SegmentedSearchMixin, ColumnMixin, DemoFlag, Page):
    """A news item or notice; lives in the news column or in a district bureau's section."""

    date = models.DateField("发布日期")
    source = models.CharField("来源", max_length=100, blank=True)
    summary = models.TextField("摘要", blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name="正文", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("source"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("is_demo"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms_pages.NewsIndexPage", "cms_pages.DistrictSectionPage"]
    subpage_types = []
    column_type = "文章页"

    class Meta:
        verbose_name = "新闻动态"
        verbose_name_plural = "新闻动态"
