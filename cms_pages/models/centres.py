from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms_pages import site_cache
from cms_pages.blocks import BodyStreamBlock
from cms_pages.models.achievements import AchievementPage
from cms_pages.models.base import ColumnMixin, DemoFlag
from cms_pages.models.listing import paginate, public_children
from cms_pages.search_fields import SegmentedSearchMixin
from services.centres.constants import CentreStatus


class CentrePageQuerySet(PageQuerySet):
    def established(self):
        """R-27, R-35: only established centres are listed; a revoked one drops out (its page stays)."""
        return self.filter(status=CentreStatus.ESTABLISHED)


CentrePageManager = PageManager.from_queryset(CentrePageQuerySet)


class CentreIndexPage(ColumnMixin, Page):
    """中心名录: the list of established centres."""

    intro = models.TextField("栏目说明", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.CentrePage"]

    class Meta:
        verbose_name = "中心名录栏目"
        verbose_name_plural = "中心名录栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        centres = (
            public_children(self, CentrePage)
            .established()
            .select_related("district")
            .prefetch_related("key_fields")
            .order_by("-established_on", "title")
        )
        context["items"] = paginate(request, centres)
        return context


class CentrePage(SegmentedSearchMixin, ColumnMixin, DemoFlag, Page):
    """The public profile of a centre (R-27). Its status follows the centre record; a revoked centre's page
    says so and leaves the list of established centres (R-35)."""

    centre = models.ForeignKey(
        "centres.Centre",
        verbose_name="中心记录",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pages",
    )
    unit_name = models.CharField("建设单位", max_length=100)
    district = models.ForeignKey("reference.District", verbose_name="所在区", on_delete=models.PROTECT)
    key_fields = ParentalManyToManyField("reference.KeyField", verbose_name="重点领域", blank=True)
    status = models.CharField(
        "状态", max_length=30, choices=CentreStatus.choices, default=CentreStatus.ESTABLISHED, db_index=True
    )
    established_on = models.DateField("成立日期", null=True, blank=True)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    contact_email = models.EmailField("电子邮箱", blank=True)
    summary = models.TextField("简介", blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name="详细介绍", blank=True)

    objects = CentrePageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("centre"),
        MultiFieldPanel(
            [
                FieldPanel("unit_name"),
                FieldPanel("district"),
                FieldPanel("key_fields"),
                FieldPanel("status"),
                FieldPanel("established_on"),
            ],
            heading="中心信息",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")],
            heading="联系方式",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("is_demo"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("unit_name"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("status"),
        index.FilterField("district"),
    ]
    parent_page_types = ["cms_pages.CentreIndexPage"]
    subpage_types = []
    column_type = "文章页"

    class Meta:
        verbose_name = "中心简介"
        verbose_name_plural = "中心简介"

    @property
    def is_revoked(self) -> bool:
        return self.status == CentreStatus.REVOKED

    @property
    def is_established(self) -> bool:
        return self.status == CentreStatus.ESTABLISHED

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["achievements"] = (
            site_cache.public(AchievementPage.objects.live())
            .filter(centre_page=self)
            .select_related("key_field")
            .order_by("-year")
        )
        return context
