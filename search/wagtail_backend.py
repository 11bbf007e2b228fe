"""Wagtail's database search backend with the query segmented by jieba, as the index is.

Configured in `WAGTAILSEARCH_BACKENDS`. Wagtail's database backend module picks a class per database
vendor at start-up (PostgreSQL, SQLite FTS5, or the plain fallback); this module wraps whichever it picks,
so `search()` and `autocomplete()` receive "验收 考核" for "验收考核" and match the segmented text indexed by
`cms_pages.search_fields.SegmentedSearchMixin` (whose indexed text search.text.index_text segments).
"""

from wagtail.search.backends.database import SearchBackend as vendor_backend

from search.segmentation import words

_classes: dict[type, type] = {}


def segment_query(query):
    if isinstance(query, str):
        return " ".join(words(query)) or query
    return query  # a wagtail.search.query object: the caller built it deliberately


class SegmentedQueryMixin:
    def search(self, query, model_or_queryset, *args, **kwargs):
        return super().search(segment_query(query), model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        return super().autocomplete(segment_query(query), model_or_queryset, *args, **kwargs)


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    base = type(vendor_backend(params))
    if base not in _classes:
        _classes[base] = type(f"Segmented{base.__name__}", (SegmentedQueryMixin, base), {})
    return _classes[base](params)
