"""Wagtail's own search backend (the admin's page search, `Page.objects.search()`) for Chinese text.

Configured in `WAGTAILSEARCH_BACKENDS`. Two choices, one module:

- **Database** (the default, SQLite and PostgreSQL): Wagtail's database backend module picks a class per
  database vendor at start-up (PostgreSQL, SQLite FTS5, or the plain fallback); this module wraps whichever
  it picks. The database treats a run of Chinese characters as one word, so both sides are segmented by
  jieba: the indexed text by `cms_pages.search_fields.SegmentedSearchMixin` (through search.text.index_text), the query here.
- **Elasticsearch** (when the backend's settings carry `URLS`, i.e. `ELASTICSEARCH_URL` is set): Wagtail's
  Elasticsearch 8 backend, with the index's default analyzer and its autocomplete analyzers built from the
  Chinese tokenizer of `ELASTICSEARCH_ANALYZER` (`search.documents.chain`, the chain the public search
  uses), so a page's text is split into words at both ends. The query is segmented too (harmless: the
  server's tokenizer splits 管理 办法 as it splits 管理办法).

The admin's page search sends query objects, not strings: `page_filter_search` parses the box with
`parse_query_string`, which gives a `PlainText` (or `Phrase`, `And`, …). Every text inside them is
segmented, so 管理办法 typed in the admin becomes PlainText("管理 办法") with the operator the admin chose.
"""

from modelsearch.backends.elasticsearch8 import Elasticsearch8Mapping, Elasticsearch8SearchBackend
from wagtail.search.backends.database import SearchBackend as vendor_backend
from wagtail.search.query import And, Boost, Not, Or, Phrase, PlainText

from search.segmentation import words

_classes: dict[type, type] = {}

CHINESE_ANALYZER = "portal_chinese"
AUTOCOMPLETE_ANALYZER = "edgengram_analyzer"  # the name Wagtail's mapping gives autocomplete fields
AUTOCOMPLETE_SEARCH_ANALYZER = "portal_chinese_autocomplete_search"


def _segment(text: str) -> str:
    return " ".join(words(text)) or text


def segment_query(query):
    """The query with every text in it split into words; query objects keep their operator and boost."""
    if isinstance(query, str):
        return _segment(query)
    if isinstance(query, PlainText):
        return PlainText(_segment(query.query_string), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(_segment(query.query_string))
    if isinstance(query, And | Or):
        return type(query)([segment_query(q) for q in query.subqueries])
    if isinstance(query, Not):
        return Not(segment_query(query.subquery))
    if isinstance(query, Boost):
        return Boost(segment_query(query.subquery), query.boost)
    return query  # MatchAll, Fuzzy: nothing to split


class SegmentedQueryMixin:
    def search(self, query, model_or_queryset, *args, **kwargs):
        return super().search(segment_query(query), model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        return super().autocomplete(segment_query(query), model_or_queryset, *args, **kwargs)


def chinese_index_settings() -> dict:
    """`INDEX_SETTINGS` for Wagtail's Elasticsearch backend: the Chinese chain as the default analyzer of
    every text field, and as the tokenizer of the autocomplete (edge n-gram) analyzer and its search side."""
    from search.documents import chain

    tokenizer, filters = chain()
    return {
        "settings": {
            "analysis": {
                "analyzer": {
                    "default": {"type": "custom", "tokenizer": tokenizer, "filter": list(filters)},
                    CHINESE_ANALYZER: {"type": "custom", "tokenizer": tokenizer, "filter": list(filters)},
                    AUTOCOMPLETE_ANALYZER: {
                        "type": "custom",
                        "tokenizer": tokenizer,
                        "filter": ["lowercase", "edgengram"],
                    },
                    AUTOCOMPLETE_SEARCH_ANALYZER: {
                        "type": "custom",
                        "tokenizer": tokenizer,
                        "filter": ["lowercase"],
                    },
                }
            }
        }
    }


class ChineseElasticsearchMapping(Elasticsearch8Mapping):
    """Autocomplete fields are searched with the Chinese tokenizer (Wagtail's default is `standard`, which
    splits Chinese into single characters that rarely begin a word)."""

    edgengram_analyzer_config = {
        "analyzer": AUTOCOMPLETE_ANALYZER,
        "search_analyzer": AUTOCOMPLETE_SEARCH_ANALYZER,
    }


class SegmentedElasticsearchBackend(SegmentedQueryMixin, Elasticsearch8SearchBackend):
    mapping_class = ChineseElasticsearchMapping
    query_compiler_class = type(
        "ChineseSearchQueryCompiler",
        (Elasticsearch8SearchBackend.query_compiler_class,),
        {"mapping_class": ChineseElasticsearchMapping},
    )
    autocomplete_query_compiler_class = type(
        "ChineseAutocompleteQueryCompiler",
        (Elasticsearch8SearchBackend.autocomplete_query_compiler_class,),
        {"mapping_class": ChineseElasticsearchMapping},
    )

    def __init__(self, params):
        params = dict(params)
        params["INDEX_SETTINGS"] = _merge(chinese_index_settings(), params.get("INDEX_SETTINGS", {}))
        super().__init__(params)


def _merge(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = (
            _merge(merged[key], value)
            if isinstance(value, dict) and isinstance(merged.get(key), dict)
            else value
        )
    return merged


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    if params.get("URLS") or params.get("HOSTS"):
        return SegmentedElasticsearchBackend(params)
    base = type(vendor_backend(params))
    if base not in _classes:
        _classes[base] = type(f"Segmented{base.__name__}", (SegmentedQueryMixin, base), {})
    return _classes[base](params)
