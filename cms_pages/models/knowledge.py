from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms_pages.blocks import BodyStreamBlock
from cms_pages.models.base import ColumnMixin, DemoFlag
from cms_pages.models.listing import paginate, public_children
from cms_pages.search_fields import SegmentedSearchMixin


class KnowledgeCategory(models.TextChoices):
    """The knowledge base of Article 7(6) (R-44)."""

    POLICY = "policy", "政策解读"
    BASICS = "basics", "计量基础"
    GOVERNANCE = "governance", "数据治理"
    SECURITY = "security", "数据安全"
    SPECIFICATION = "specification", "技术规范"
    CASE = "case", "应用案例"
    SERVICE = "service", "办事问答"


class KnowledgeIndexPage(ColumnMixin, Page):
    """知识库: articles by category and tag."""

    intro = models.TextField("栏目说明", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.KnowledgeArticlePage"]

    class Meta:
        verbose_name = "知识库栏目"
        verbose_name_plural = "知识库栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = public_children(self, KnowledgeArticlePage).prefetch_related("tags")
        selected_category = request.GET.get("category", "")
        if selected_category in KnowledgeCategory.values:
            items = items.filter(category=selected_category)
        selected_tag = request.GET.get("tag", "")
        if selected_tag:
            items = items.filter(tags__name=selected_tag)
        context["items"] = paginate(request, items.order_by("-first_published_at", "-pk"))
        context["categories"] = KnowledgeCategory.choices
        context["selected_category"] = selected_category
        context["selected_tag"] = selected_tag
        return context


class KnowledgeArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms_pages.KnowledgeArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = "知识库标签"
        verbose_name_plural = "知识库标签"


class KnowledgeArticlePage(SegmentedSearchMixin, ColumnMixin, DemoFlag, Page):
    category = models.CharField("分类", max_length=20, choices=KnowledgeCategory.choices)
    tags = ClusterTaggableManager("标签", through=KnowledgeArticleTag, blank=True)
    summary = models.TextField("摘要", blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name="正文", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("category"),
        FieldPanel("tags"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("is_demo"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("category"),
    ]
    parent_page_types = ["cms_pages.KnowledgeIndexPage"]
    subpage_types = []
    column_type = "文章页"

    class Meta:
        verbose_name = "知识库文章"
        verbose_name_plural = "知识库文章"
