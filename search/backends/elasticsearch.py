"""The Elasticsearch backend, on `elasticsearch.dsl` (the DSL inside the `elasticsearch` 8 client).

The request bodies are built by pure functions (`build_search`, `build_suggest`) so that tests check them
as data without a server. Facets are disjunctive: facet filters go in `post_filter`, and each facet's
aggregation is filtered by the other facets only, so a selected value still shows its alternatives.

No client error leaves this module: a missing index or alias, a refused connection, a timeout or a failed
bulk item becomes `SearchBackendUnavailable` (the selector fails over to the database, the indexing tasks
retry), and deleting from an absent index is not an error. Writes go through aliases with
`require_alias=true`, so a write before the first rebuild fails instead of creating an index with dynamic
mappings. Every write is first noted in the rebuild journal, if a rebuild is running, so that the rebuild
catches it up (`search.backends.es_rebuild`, docs/decisions/0080).
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from elasticsearch import Elasticsearch
from elasticsearch.dsl import A, Q, Search

from search.backends import es_rebuild
from search.backends.base import ProgressCallback, SearchBackend
from search.backends.es_writes import client_errors, delete_by_query, note_in_journal, write
from search.constants import FACETS, MAX_FACET_VALUES, MAX_QUERY_LENGTH, SNIPPET_LENGTH, Kind, Sort
from search.documents import DOCUMENTS, alias_name
from search.query import FacetValue, Hit, SearchQuery, SearchResults
from search.records import IndexRecord, page_id_of
from search.suggestions import did_you_mean, related_terms

logger = logging.getLogger(__name__)

TITLE_BOOST = 3
TITLE_PHRASE_BOOST = 6
BODY_PHRASE_BOOST = 2


def all_aliases() -> list[str]:
    return [alias_name(kind) for kind in DOCUMENTS]


def has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text or "")


def _facet_filter(facet: str, values) -> Q:
    if facet == "year":
        return Q("terms", year=[int(v) for v in values])
    return Q("terms", **{facet: list(values)})


def build_search(query: SearchQuery) -> Search:
    """The request for one results page: scored text match, disjunctive facets, highlights, sort, page.

    The ranked title is `index_title`, as on the database backend; `title` is highlighted for display. A
    query without a letter or digit (only punctuation) browses, as it does on the database backend."""
    search = Search(index=all_aliases())
    text = query.text[:MAX_QUERY_LENGTH] if has_word(query.text) else ""
    if text:
        search = search.query(
            Q(
                "bool",
                must=[
                    Q(
                        "multi_match",
                        query=text,
                        fields=[f"index_title^{TITLE_BOOST}", "body"],
                        type="best_fields",
                        operator="or",
                        minimum_should_match="75%",
                    )
                ],
                should=[
                    Q("match_phrase", index_title={"query": text, "slop": 2, "boost": TITLE_PHRASE_BOOST}),
                    Q("match_phrase", body={"query": text, "slop": 2, "boost": BODY_PHRASE_BOOST}),
                ],
            )
        )
    else:
        search = search.query(Q("match_all"))

    filters = {facet: _facet_filter(facet, values) for facet, values in query.filters.items()}
    if filters:
        search = search.post_filter(Q("bool", filter=list(filters.values())))

    if query.with_facets:
        for facet in FACETS:
            others = [f for name, f in filters.items() if name != facet]
            bucket = A("filter", Q("bool", filter=others) if others else Q("match_all"))
            bucket.bucket(facet, "terms", field=facet, size=MAX_FACET_VALUES)
            search.aggs.bucket(facet, bucket)

    search = search.highlight_options(
        pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html", require_field_match=False
    )
    search = search.highlight("title", number_of_fragments=0)
    search = search.highlight(
        "body", fragment_size=SNIPPET_LENGTH, number_of_fragments=1, no_match_size=SNIPPET_LENGTH
    )

    if query.sort == Sort.NEWEST or not text:
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    elif query.sort == Sort.OLDEST:
        search = search.sort({"date": {"order": "asc", "missing": "_last"}}, "_score")
    else:
        search = search.sort("_score", {"date": {"order": "desc", "missing": "_last"}})

    search = search.source(excludes=["body", "index_title", "suggest"])
    search = search.extra(track_total_hits=10_000)
    return search[query.offset : query.offset + query.page_size]


def build_suggest(prefix: str, limit: int) -> Search:
    return (
        Search(index=all_aliases())
        .suggest("titles", prefix, completion={"field": "suggest", "size": limit, "skip_duplicates": True})
        .extra(size=0)
        .source(False)
    )


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url: str | None = None, timeout: float = 5.0):
        self.url = url or settings.ELASTICSEARCH_URL
        self.client = Elasticsearch(self.url, request_timeout=timeout, max_retries=0)

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except Exception:  # any transport failure means "not reachable"
            return False

    def _execute(self, search: Search):
        with client_errors():
            return search.using(self.client).execute()

    def search(self, query: SearchQuery) -> SearchResults:
        response = self._execute(build_search(query))
        hits = []
        for hit in response.hits:
            highlight = getattr(hit.meta, "highlight", None)
            title = hit.title
            title_html = highlight.title[0] if highlight and "title" in highlight else escape(title)
            body_html = highlight.body[0] if highlight and "body" in highlight else ""
            hits.append(
                Hit(
                    doc_id=hit.meta.id,
                    kind=hit.kind,
                    title=title,
                    url=hit.url,
                    score=float(hit.meta.score or 0.0),
                    snippet=mark_safe(body_html),  # encoder=html: the server escaped the text
                    title_highlighted=mark_safe(title_html),
                    facets={f: str(getattr(hit, f, "") or "") for f in FACETS if f != "kind"},
                    date=str(hit.date)[:10] if getattr(hit, "date", None) else None,
                )
            )
        facets = {}
        if query.with_facets and hasattr(response, "aggregations"):
            for facet in FACETS:
                buckets = response.aggregations[facet][facet].buckets
                selected = query.filters.get(facet, ())
                facets[facet] = [
                    FacetValue(
                        value=str(b.key),
                        label=Kind(b.key).label if facet == "kind" and b.key in Kind.values else str(b.key),
                        count=b.doc_count,
                        selected=str(b.key) in selected,
                    )
                    for b in buckets
                ]
        total = response.hits.total.value
        results = SearchResults(query=query, hits=hits, total=total, facets=facets, backend=self.name)
        if query.text:
            results.did_you_mean = did_you_mean(query.text)
        if total == 0 and query.text:
            results.suggestions = related_terms(query.text)
        return results

    def suggest(self, prefix: str, limit: int) -> list[str]:
        """Completions of `prefix`. None, and no request, for an empty prefix (the DSL would send no
        suggester and the answer would have none) or one without a letter or digit (the completion
        field's `simple` analyzer leaves no prefix of it)."""
        prefix = (prefix or "").strip()[:MAX_QUERY_LENGTH]
        if not has_word(prefix) or limit < 1:
            return []
        response = self._execute(build_suggest(prefix, limit))
        suggestions = getattr(response, "suggest", None)
        if suggestions is None or "titles" not in suggestions:
            return []
        return [option.text for entry in suggestions.titles for option in entry.options][:limit]

    def index(self, records: Iterable[IndexRecord]) -> int:
        records = list(records)
        note_in_journal(self.client, {r.page_id for r in records})
        return write(self.client, records, alias_name)

    def delete(self, doc_ids: Iterable[str]) -> None:
        ids = list(doc_ids)
        if ids:
            note_in_journal(self.client, {page_id_of(doc_id) for doc_id in ids} - {None})
            delete_by_query(self.client, all_aliases(), {"ids": {"values": ids}})

    def delete_page(self, page_id: int) -> None:
        note_in_journal(self.client, {page_id})
        delete_by_query(self.client, all_aliases(), {"term": {"page_id": page_id}})

    def rebuild(
        self, records: Iterable[IndexRecord], total: int, progress: ProgressCallback | None = None
    ) -> int:
        return es_rebuild.Rebuild(self.client).run(records, total, progress)
