from django.db import models
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms_pages.blocks import FaqBlock, MaterialBlock
from cms_pages.models.base import ColumnMixin, DemoFlag
from cms_pages.models.listing import public_children
from cms_pages.search_fields import SegmentedSearchMixin
from services.reference.applicant_services import Service


class ServiceGuideIndexPage(ColumnMixin, Page):
    """办事服务: the column of service guides."""

    intro = models.TextField("栏目说明", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.ServiceGuidePage"]

    class Meta:
        verbose_name = "办事服务栏目"
        verbose_name_plural = "办事服务栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = public_children(self, ServiceGuidePage).order_by("path")
        return context


class ServiceGuidePage(SegmentedSearchMixin, ColumnMixin, DemoFlag, Page):
    """A service guide (办事指南) with the elements a government service guide must show."""

    item_name = models.CharField("事项名称", max_length=120)
    # the standard elements of a government service guide (办事指南要素)
    item_code = models.CharField("事项编码", max_length=60, blank=True)
    case_type = models.CharField(
        "办件类型", max_length=10, choices=[("承诺件", "承诺件"), ("即办件", "即办件")], default="承诺件"
    )
    result_name = models.CharField("结果名称", max_length=200, blank=True, help_text="办理结果的文书名称。")
    onsite_visits = models.PositiveSmallIntegerField(
        "到现场次数", default=0, help_text="申请人须到办理现场的次数；全程网办为0。"
    )
    legal_basis = models.TextField("设定依据")
    scope = models.TextField("受理范围")
    conditions = StreamField(
        [("condition", blocks.TextBlock(label="条件"))], verbose_name="申请条件", blank=True
    )
    materials = StreamField([("material", MaterialBlock())], verbose_name="申请材料", blank=True)
    process = StreamField([("step", blocks.TextBlock(label="步骤"))], verbose_name="办理流程", blank=True)
    time_limit = models.CharField("办理时限", max_length=120)
    fees = models.TextField("收费标准", default="不收费")
    agency_name = models.CharField("办理机构", max_length=120)
    agency_address = models.CharField("办理地点", max_length=200, blank=True)
    agency_phone = models.CharField("办理机构电话", max_length=60, blank=True)
    consultation = models.TextField("咨询方式", blank=True)
    complaint = models.TextField("监督投诉方式", blank=True)
    online_path = models.CharField(
        "网上办理地址", max_length=200, blank=True, help_text="站内路径（如 /applications/new/）或完整网址。"
    )
    service = models.CharField(
        "在线办理事项",
        max_length=30,
        choices=Service.choices,
        blank=True,
        help_text="选择后，“在线办理”进入该事项在服务大厅的开始页面（优先于网上办理地址）。",
    )
    faq = StreamField([("qa", FaqBlock())], verbose_name="常见问题", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("item_name"),
        FieldPanel("item_code"),
        FieldPanel("case_type"),
        FieldPanel("result_name"),
        FieldPanel("onsite_visits"),
        FieldPanel("legal_basis"),
        FieldPanel("scope"),
        FieldPanel("conditions"),
        FieldPanel("materials"),
        FieldPanel("process"),
        FieldPanel("time_limit"),
        FieldPanel("fees"),
        MultiFieldPanel(
            [FieldPanel("agency_name"), FieldPanel("agency_address"), FieldPanel("agency_phone")],
            heading="办理机构",
        ),
        FieldPanel("consultation"),
        FieldPanel("complaint"),
        InlinePanel("forms", label="表格", heading="表格下载"),
        FieldPanel("service"),
        FieldPanel("online_path"),
        FieldPanel("faq"),
        FieldPanel("is_demo"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("item_name"),
        index.SearchField("scope"),
        index.SearchField("conditions"),
        index.SearchField("faq"),
    ]
    parent_page_types = ["cms_pages.ServiceGuideIndexPage"]
    subpage_types = []
    column_type = "文章页"

    class Meta:
        verbose_name = "办事指南"
        verbose_name_plural = "办事指南"

    @property
    def online_url(self) -> str:
        """Where 在线办理 leads: the service's start page in the service hall, else the path entered."""
        if self.service:
            from django.urls import reverse

            return reverse("hall:start", args=[self.service])
        return self.online_path


class ServiceGuideForm(Orderable):
    """A form to download (表格下载). Without a file, the page says where to obtain it."""

    page = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="forms")
    title = models.CharField("表格名称", max_length=120)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="表格文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("title"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "表格"
        verbose_name_plural = "表格"

    def __str__(self):
        return self.title
