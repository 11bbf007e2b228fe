from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms_pages.blocks import BodyStreamBlock
from cms_pages.models.base import ColumnMixin, DemoFlag
from cms_pages.models.listing import paginate, public_children
from cms_pages.search_fields import SegmentedSearchMixin


class AchievementType(models.TextChoices):
    """The published outcomes of Article 7(3) and 7(5) (R-44)."""

    CATALOGUE = "catalogue", "共享数据目录"
    DATASET = "dataset", "数据集"
    SPECIFICATION = "specification", "技术规范"
    PATENT = "patent", "专利"
    CASE = "case", "示范案例"
    SOFTWARE = "software", "软件"


class AchievementIndexPage(ColumnMixin, Page):
    """成果展示: published outcomes of the centres, filterable by type and key field."""

    intro = models.TextField("栏目说明", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.AchievementPage"]

    class Meta:
        verbose_name = "成果展示栏目"
        verbose_name_plural = "成果展示栏目"

    def get_context(self, request, *args, **kwargs):
        from services.reference.models import KeyField

        context = super().get_context(request, *args, **kwargs)
        items = public_children(self, AchievementPage).select_related("key_field", "centre_page")
        selected_type = request.GET.get("type", "")
        if selected_type in AchievementType.values:
            items = items.filter(achievement_type=selected_type)
        selected_field = request.GET.get("field", "")
        if selected_field:
            items = items.filter(key_field__code=selected_field)
        context["items"] = paginate(request, items.order_by("-year", "title"))
        context["types"] = AchievementType.choices
        context["key_fields"] = KeyField.objects.all()
        context["selected_type"] = selected_type
        context["selected_field"] = selected_field
        return context


class AchievementPage(SegmentedSearchMixin, ColumnMixin, DemoFlag, Page):
    """A published outcome: shared data catalogue, data set, technical specification, patent, case, software."""

    achievement_type = models.CharField("成果类型", max_length=20, choices=AchievementType.choices)
    centre_page = models.ForeignKey(
        "cms_pages.CentrePage",
        verbose_name="所属中心",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="achievement_pages",
    )
    key_field = models.ForeignKey("reference.KeyField", verbose_name="重点领域", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField("年度")
    abstract = models.TextField("摘要")
    body = StreamField(BodyStreamBlock(), verbose_name="正文", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("achievement_type"),
        FieldPanel("centre_page"),
        FieldPanel("key_field"),
        FieldPanel("year"),
        FieldPanel("abstract"),
        FieldPanel("body"),
        InlinePanel("files", label="文件", heading="成果文件"),
        FieldPanel("is_demo"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("abstract"),
        index.SearchField("body"),
        index.FilterField("achievement_type"),
        index.FilterField("key_field"),
        index.FilterField("year"),
    ]
    parent_page_types = ["cms_pages.AchievementIndexPage"]
    subpage_types = []
    column_type = "文章页"

    class Meta:
        verbose_name = "成果"
        verbose_name_plural = "成果"


class AchievementFile(Orderable):
    page = ParentalKey(AchievementPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("显示名称", max_length=120, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "成果文件"
        verbose_name_plural = "成果文件"

    def __str__(self):
        return self.title or self.document.title
