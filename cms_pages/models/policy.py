from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms_pages.blocks import ChapterBlock
from cms_pages.models.base import ColumnMixin, DemoFlag
from cms_pages.models.listing import paginate, public_children
from cms_pages.search_fields import SegmentedSearchMixin


class PolicyIndexPage(ColumnMixin, Page):
    """政策法规: the column holding normative documents."""

    intro = models.TextField("栏目说明", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.PolicyPage"]

    class Meta:
        verbose_name = "政策法规栏目"
        verbose_name_plural = "政策法规栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = paginate(request, public_children(self, PolicyPage).order_by("-issue_date", "-pk"))
        return context


class PolicyPage(SegmentedSearchMixin, ColumnMixin, DemoFlag, Page):
    """A normative document (规范性文件), chapter by chapter and article by article.

    Each article is rendered with the anchor `article-N`, so other pages link to e.g. `#article-13` (R-21).
    """

    document_number = models.CharField("文号", max_length=60, blank=True)
    issuer = models.CharField("发布机关", max_length=100)
    issue_date = models.DateField("成文日期")
    effective_date = models.DateField("施行日期", null=True, blank=True)
    summary = models.TextField("摘要", blank=True)
    body = StreamField([("chapter", ChapterBlock())], verbose_name="正文", blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("document_number"),
                FieldPanel("issuer"),
                FieldPanel("issue_date"),
                FieldPanel("effective_date"),
            ],
            heading="文件信息",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("annexes", label="附件", heading="附件"),
        FieldPanel("is_demo"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("document_number"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("issue_date"),
    ]
    parent_page_types = ["cms_pages.PolicyIndexPage"]
    subpage_types = []
    column_type = "文章页"

    class Meta:
        verbose_name = "政策文件"
        verbose_name_plural = "政策文件"

    def article_count(self) -> int:
        return sum(len(chapter.value["articles"]) for chapter in self.body)


class PolicyAnnex(Orderable):
    """An annex (附件) of a normative document: its number, title and, where published, the file."""

    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="annexes")
    number = models.PositiveSmallIntegerField("附件序号")
    title = models.CharField("附件名称", max_length=120)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="附件文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("number"), FieldPanel("title"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self):
        return f"附件{self.number}：{self.title}"
