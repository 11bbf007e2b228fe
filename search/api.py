"""/api/v1/search/ and /api/v1/search/suggest/: the public search as JSON (R-44), in the OpenAPI schema.

Parameters are parsed by the same `search.query.parse` as the page; where the page corrects bad input with
a notice, the API refuses it with 400 and a Chinese message per parameter."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from search.backends import run_search, run_suggest
from search.constants import FACETS, MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, SUGGESTION_LIMIT, Kind, Sort
from search.query import clean_text, parse
from search.vocabulary import allowed_facet_values


class HitSerializer(serializers.Serializer):
    id = serializers.CharField(source="doc_id")
    kind = serializers.ChoiceField(choices=Kind.choices)
    kind_label = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    score = serializers.FloatField()
    title_highlighted = serializers.CharField(help_text="HTML：已转义，命中词以 <mark> 标出")
    snippet = serializers.CharField(help_text="HTML：已转义，命中词以 <mark> 标出")
    date = serializers.DateField(allow_null=True)
    facets = serializers.DictField(child=serializers.CharField())


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    truncated = serializers.BooleanField(help_text=f"检索词超过 {MAX_QUERY_LENGTH} 个字符时被截取")
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    partial_match = serializers.BooleanField()
    hits = HitSerializer(many=True)
    facets = serializers.DictField(child=FacetValueSerializer(many=True))
    suggestions = serializers.ListField(child=serializers.CharField())
    did_you_mean = serializers.CharField(allow_blank=True)
    backend = serializers.CharField()


ERROR = inline_serializer(
    "SearchError",
    {"detail": serializers.CharField(), "errors": serializers.DictField(child=serializers.CharField())},
)

PARAMETERS = [
    OpenApiParameter(
        "q", OpenApiTypes.STR, description=f"检索词（超过 {MAX_QUERY_LENGTH} 个字符的部分不参与检索）"
    ),
    OpenApiParameter("page", OpenApiTypes.INT, description=f"页码，1–{MAX_PAGE}"),
    OpenApiParameter("page_size", OpenApiTypes.INT, description=f"每页条数，1–{MAX_PAGE_SIZE}"),
    OpenApiParameter("sort", OpenApiTypes.STR, enum=Sort.values, description="排序"),
    *[
        OpenApiParameter(name, OpenApiTypes.STR, many=True, description=f"筛选：{label}（可多选）")
        for name, label in FACETS.items()
    ],
]


class SearchAPIView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        operation_id="search",
        summary="检索公开成果、知识库、中心介绍与管理办法条款",
        parameters=PARAMETERS,
        responses={200: SearchResponseSerializer, 400: ERROR},
        tags=["检索"],
    )
    def get(self, request):
        parsed = parse(request.query_params, allowed_facet_values())
        if parsed.errors:
            return Response({"detail": "检索参数有误。", "errors": parsed.errors}, status=400)
        results = run_search(parsed.query)
        query = parsed.query
        data = {
            "query": query.text,
            "truncated": parsed.truncated,
            "total": results.total,
            "page": query.page,
            "page_size": query.page_size,
            "num_pages": results.num_pages,
            "partial_match": results.partial_match,
            "hits": HitSerializer(results.hits, many=True).data,
            "facets": {
                name: FacetValueSerializer(values, many=True).data for name, values in results.facets.items()
            },
            "suggestions": results.suggestions,
            "did_you_mean": results.did_you_mean,
            "backend": results.backend,
        }
        return Response(data)


class SuggestAPIView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        operation_id="search_suggest",
        summary="检索框联想词",
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="已输入的字词")],
        responses={
            200: inline_serializer(
                "SearchSuggestions",
                {
                    "query": serializers.CharField(),
                    "suggestions": serializers.ListField(child=serializers.CharField()),
                },
            )
        },
        tags=["检索"],
    )
    def get(self, request):
        prefix, _ = clean_text(request.query_params.get("q"))
        prefix = prefix[:30]
        suggestions = run_suggest(prefix, SUGGESTION_LIMIT) if prefix else []
        return Response({"query": prefix, "suggestions": suggestions})
