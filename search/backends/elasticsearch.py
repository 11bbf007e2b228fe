"""The Elasticsearch backend, on `elasticsearch.dsl` (the DSL inside the `elasticsearch` 8 client).

The request bodies are built by pure functions (`build_search`, `build_suggest`) so that tests check them
as data without a server. Facets are disjunctive: facet filters go in `post_filter`, and each facet's
aggregation is filtered by the other facets only, so a selected value still shows its alternatives.
"""

import logging
from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from elasticsearch import Elasticsearch, helpers
from elasticsearch import exceptions as es_exceptions
from elasticsearch.dsl import A, Q, Search

from search.backends.base import ProgressCallback, SearchBackend, SearchBackendUnavailable
from search.constants import FACETS, MAX_FACET_VALUES, SNIPPET_LENGTH, Kind, Sort
from search.documents import DOCUMENTS, alias_name
from search.query import FacetValue, Hit, SearchQuery, SearchResults
from search.records import IndexRecord
from search.suggestions import did_you_mean, related_terms

logger = logging.getLogger(__name__)

TITLE_BOOST = 3
TITLE_PHRASE_BOOST = 6
BODY_PHRASE_BOOST = 2
BULK_CHUNK = 500


def all_aliases() -> list[str]:
    return [alias_name(kind) for kind in DOCUMENTS]


def _facet_filter(facet: str, values) -> Q:
    if facet == "year":
        return Q("terms", year=[int(v) for v in values])
    return Q("terms", **{facet: list(values)})


def build_search(query: SearchQuery) -> Search:
    """The request for one results page: scored text match, disjunctive facets, highlights, sort, page."""
    search = Search(index=all_aliases())
    if query.text:
        search = search.query(
            Q(
                "bool",
                must=[
                    Q(
                        "multi_match",
                        query=query.text,
                        fields=[f"title^{TITLE_BOOST}", "body"],
                        type="best_fields",
                        operator="or",
                        minimum_should_match="75%",
                    )
                ],
                should=[
                    Q("match_phrase", title={"query": query.text, "slop": 2, "boost": TITLE_PHRASE_BOOST}),
                    Q("match_phrase", body={"query": query.text, "slop": 2, "boost": BODY_PHRASE_BOOST}),
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

    if query.sort == Sort.NEWEST or not query.text:
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    elif query.sort == Sort.OLDEST:
        search = search.sort({"date": {"order": "asc", "missing": "_last"}}, "_score")
    else:
        search = search.sort("_score", {"date": {"order": "desc", "missing": "_last"}})

    search = search.source(excludes=["body", "suggest"])
    search = search.extra(track_total_hits=10_000)
    return search[query.offset : query.offset + query.page_size]


def build_suggest(prefix: str, limit: int) -> Search:
    return (
        Search(index=all_aliases())
        .suggest("titles", prefix, completion={"field": "suggest", "size": limit, "skip_duplicates": True})
        .extra(size=0)
        .source(False)
    )


def new_index_name(kind: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S%f")
    return f"{alias_name(kind)}-{stamp}"


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
        try:
            return search.using(self.client).execute()
        except (es_exceptions.ConnectionError, es_exceptions.TransportError, es_exceptions.ApiError) as exc:
            raise SearchBackendUnavailable(str(exc)) from exc

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
        response = self._execute(build_suggest(prefix, limit))
        return [option.text for option in response.suggest.titles[0].options][:limit]

    def _actions(self, records: Iterable[IndexRecord], index_for_kind):
        for record in records:
            doc = DOCUMENTS[record.kind].from_record(record)
            yield {**doc.to_dict(include_meta=True), "_index": index_for_kind(record.kind)}

    def index(self, records: Iterable[IndexRecord]) -> int:
        try:
            count, _ = helpers.bulk(self.client, self._actions(records, alias_name), refresh="wait_for")
        except (es_exceptions.ConnectionError, es_exceptions.TransportError) as exc:
            raise SearchBackendUnavailable(str(exc)) from exc
        return count

    def delete(self, doc_ids: Iterable[str]) -> None:
        ids = list(doc_ids)
        if ids:
            self.client.delete_by_query(
                index=",".join(all_aliases()),
                query={"ids": {"values": ids}},
                refresh=True,
                conflicts="proceed",
            )

    def delete_page(self, page_id: int) -> None:
        self.client.delete_by_query(
            index=",".join(all_aliases()),
            query={"term": {"page_id": page_id}},
            refresh=True,
            conflicts="proceed",
        )

    def rebuild(
        self, records: Iterable[IndexRecord], total: int, progress: ProgressCallback | None = None
    ) -> int:
        """Write every record into new timestamped indices, then swap each alias in one atomic request.

        Searches hit the old indices until the swap; the old indices are deleted after it."""
        new_names = {kind: new_index_name(kind) for kind in DOCUMENTS}
        for kind, document in DOCUMENTS.items():
            document._index.clone(name=new_names[kind]).create(using=self.client)
        done = 0
        for ok, _ in helpers.streaming_bulk(
            self.client, self._actions(records, new_names.__getitem__), chunk_size=BULK_CHUNK
        ):
            done += 1 if ok else 0
            if progress and done % BULK_CHUNK == 0:
                progress(done, total, "Elasticsearch 索引")
        self.client.indices.refresh(index=",".join(new_names.values()))
        actions, old = [], []
        for kind, new_name in new_names.items():
            alias = alias_name(kind)
            if self.client.indices.exists_alias(name=alias):
                current = list(self.client.indices.get_alias(name=alias).keys())
                old += current
                actions += [{"remove": {"index": name, "alias": alias}} for name in current]
            elif self.client.indices.exists(index=alias):
                # a concrete index squatting on the alias name (e.g. created by a stray write)
                actions.append({"remove_index": {"index": alias}})
            actions.append({"add": {"index": new_name, "alias": alias}})
        self.client.indices.update_aliases(actions=actions)
        for name in old:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        if progress:
            progress(done, total, "Elasticsearch 索引")
        return done
