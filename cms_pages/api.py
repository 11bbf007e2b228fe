"""Read-only public API of the published content (R-44): established centres, achievements, knowledge articles.

Only live, publicly visible pages are served; drafts, private pages and unpublished changes never are.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import permissions, routers, serializers, viewsets

from cms_pages.models import (
    AchievementPage,
    AchievementType,
    CentrePage,
    KnowledgeArticlePage,
    KnowledgeCategory,
)


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The page's absolute public URL."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        request = self.context.get("request")
        url = page.get_url(request=request)
        return request.build_absolute_uri(url) if request and url else url


class KeyFieldSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True, help_text="重点领域代码")
    name = serializers.CharField(read_only=True, help_text="重点领域名称")


class CentreSerializer(serializers.ModelSerializer):
    url = PageUrlField(help_text="中心简介页地址")
    district = serializers.CharField(source="district.name", read_only=True, help_text="所在区")
    district_code = serializers.CharField(source="district.code", read_only=True, help_text="行政区划代码")
    key_fields = KeyFieldSerializer(many=True, read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = CentrePage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "unit_name",
            "district",
            "district_code",
            "key_fields",
            "status",
            "status_display",
            "established_on",
            "contact_name",
            "contact_phone",
            "contact_email",
            "summary",
        ]


class CentreRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)


class AchievementSerializer(serializers.ModelSerializer):
    url = PageUrlField(help_text="成果页地址")
    type_display = serializers.CharField(source="get_achievement_type_display", read_only=True)
    key_field = KeyFieldSerializer(read_only=True)
    centre = serializers.SerializerMethodField(help_text="所属中心（已公开的中心简介）")

    class Meta:
        model = AchievementPage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "achievement_type",
            "type_display",
            "key_field",
            "centre",
            "year",
            "abstract",
        ]

    @extend_schema_field(CentreRefSerializer(allow_null=True))
    def get_centre(self, page):
        centre = page.centre_page
        if centre is None or not centre.live:
            return None
        return {"id": centre.pk, "title": centre.title}


class KnowledgeArticleSerializer(serializers.ModelSerializer):
    url = PageUrlField(help_text="文章页地址")
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    tags = serializers.SerializerMethodField()

    class Meta:
        model = KnowledgeArticlePage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "category",
            "category_display",
            "tags",
            "summary",
            "last_published_at",
        ]

    def get_tags(self, page) -> list[str]:
        return [tag.name for tag in page.tags.all()]


class PublicPageViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.AllowAny]
    model = None

    def base_queryset(self):
        return self.model.objects.live().public()


@extend_schema_view(
    list=extend_schema(
        summary="已成立的计量数据中心",
        parameters=[
            OpenApiParameter("district", str, description="行政区划代码，如 120116"),
            OpenApiParameter("key_field", str, description="重点领域代码"),
        ],
    ),
    retrieve=extend_schema(summary="计量数据中心简介"),
)
class CentreViewSet(PublicPageViewSet):
    """R-27, R-35: the list holds established centres only; a revoked centre's profile stays readable by id."""

    serializer_class = CentreSerializer
    model = CentrePage

    def get_queryset(self):
        queryset = self.base_queryset().select_related("district").prefetch_related("key_fields")
        if self.action == "list":
            queryset = queryset.established()
            if district := self.request.query_params.get("district"):
                queryset = queryset.filter(district__code=district)
            if key_field := self.request.query_params.get("key_field"):
                queryset = queryset.filter(key_fields__code=key_field)
        return queryset.order_by("-established_on", "title", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="成果列表",
        parameters=[
            OpenApiParameter("type", str, enum=AchievementType.values, description="成果类型"),
            OpenApiParameter("key_field", str, description="重点领域代码"),
            OpenApiParameter("year", int, description="年度"),
        ],
    ),
    retrieve=extend_schema(summary="成果详情"),
)
class AchievementViewSet(PublicPageViewSet):
    serializer_class = AchievementSerializer
    model = AchievementPage

    def get_queryset(self):
        queryset = self.base_queryset().select_related("key_field", "centre_page")
        params = self.request.query_params
        if params.get("type") in AchievementType.values:
            queryset = queryset.filter(achievement_type=params["type"])
        if params.get("key_field"):
            queryset = queryset.filter(key_field__code=params["key_field"])
        if (params.get("year") or "").isdigit():
            queryset = queryset.filter(year=int(params["year"]))
        return queryset.order_by("-year", "title", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="知识库文章",
        parameters=[
            OpenApiParameter("category", str, enum=KnowledgeCategory.values, description="分类"),
            OpenApiParameter("tag", str, description="标签"),
        ],
    ),
    retrieve=extend_schema(summary="知识库文章详情"),
)
class KnowledgeArticleViewSet(PublicPageViewSet):
    serializer_class = KnowledgeArticleSerializer
    model = KnowledgeArticlePage

    def get_queryset(self):
        queryset = self.base_queryset().prefetch_related("tags")
        params = self.request.query_params
        if params.get("category") in KnowledgeCategory.values:
            queryset = queryset.filter(category=params["category"])
        if params.get("tag"):
            queryset = queryset.filter(tags__name=params["tag"])
        return queryset.order_by("-first_published_at", "pk")


router = routers.SimpleRouter()
router.register("centres", CentreViewSet, basename="api-centre")
router.register("achievements", AchievementViewSet, basename="api-achievement")
router.register("knowledge", KnowledgeArticleViewSet, basename="api-knowledge")
urlpatterns = router.urls
