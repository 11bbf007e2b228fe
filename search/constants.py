"""What the public search indexes and how its requests are bounded."""

from django.db import models


class Kind(models.TextChoices):
    """The kinds of published content that are searchable (R-44)."""

    ACHIEVEMENT = "achievement", "成果"
    KNOWLEDGE = "knowledge", "知识库"
    CENTRE = "centre", "中心介绍"
    MEASURE = "measure", "管理办法条款"


class Sort(models.TextChoices):
    RELEVANCE = "relevance", "按相关度"
    NEWEST = "newest", "按日期（新→旧）"
    OLDEST = "oldest", "按日期（旧→新）"


# Facets: the request parameter, the SearchEntry column / Elasticsearch field, and the label shown.
FACETS = {
    "kind": "内容类别",
    "type": "成果类型",
    "key_field": "重点领域",
    "district": "所在区",
    "centre": "计量数据中心",
    "year": "年度",
}

MAX_QUERY_LENGTH = 100  # characters; longer queries are cut and the page says so
DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 50
MAX_PAGE = 100  # deep pages are refused: nobody reads result 5,000, and they cost the most
MAX_FACET_VALUES = 20
SNIPPET_LENGTH = 160
SUGGESTION_LIMIT = 8
