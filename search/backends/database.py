"""The database fallback: full-text search over jieba-segmented text, with no search server.

PostgreSQL: a weighted tsvector ('simple' configuration: the text is already segmented, so no stemming or
stopwords of another language apply) kept by a trigger, a GIN index, `ts_rank` with the title at weight A
over the body at weight B. SQLite: an FTS5 table kept by triggers, `bm25()` with the title column weighted
over the body. Both: every query word must match (itself, or one of its synonyms, or all the words inside
it); when no document has them all, any word may match and the page says the results are partial. A
document whose title (or body) holds the query as typed gets a phrase boost; on PostgreSQL, one whose title
holds every query word gets a title-match boost too (docs/decisions/0145).
"""

import logging
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Case, Count, F, FloatField, Func, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from search.backends.base import ProgressCallback, SearchBackend
from search.backends.pg_search import TITLE_MATCH_BOOST, MatchedSet, word_hashes
from search.constants import FACETS, MAX_FACET_VALUES, Kind, Sort
from search.highlight import highlight_title, snippet
from search.models import SearchEntry
from search.query import FacetValue, Hit, SearchQuery, SearchResults, clean_text
from search.records import IndexRecord
from search.segmentation import QueryTerm, query_terms
from search.segmentation_pool import segmented
from search.suggestions import completions, did_you_mean, related_terms

logger = logging.getLogger(__name__)

FTS_TABLE = "search_searchentry_fts"
SQLITE_WEIGHTS = (10.0, 1.0)  # bm25 column weights: title, body (docs/decisions/0145)
TITLE_PHRASE_BOOST = 2.0
BODY_PHRASE_BOOST = 0.5
BATCH_SIZE = 500


def _fts5_string(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def fts5_expression(terms: list[QueryTerm], operator: str) -> str:
    """An FTS5 MATCH expression: each word as a quoted string (no FTS syntax can leak in)."""
    groups = []
    for term in terms:
        alternatives = [" AND ".join(_fts5_string(w) for w in alt) for alt in term.alternatives]
        groups.append("(" + " OR ".join(f"({a})" for a in alternatives) + ")")
    return f" {operator} ".join(groups)


def tsquery(terms: list[QueryTerm], operator: str):
    """The same expression for PostgreSQL, built from plainto_tsquery pieces (input is never parsed)."""
    from django.contrib.postgres.search import SearchQuery as PGQuery

    combined = None
    for term in terms:
        term_query = None
        for alt in term.alternatives:
            alt_query = None
            for word in alt:
                piece = PGQuery(word, config="simple", search_type="plain")
                alt_query = piece if alt_query is None else alt_query & piece
            term_query = alt_query if term_query is None else term_query | alt_query
        if combined is None:
            combined = term_query
        elif operator == "AND":
            combined = combined & term_query
        else:
            combined = combined | term_query
    return combined


class DatabaseBackend(SearchBackend):
    name = "database"

    # --- searching -------------------------------------------------------------------------------

    def _filtered(self, query: SearchQuery, skip: str | None = None) -> QuerySet:
        qs = SearchEntry.objects.all()
        for facet, values in query.filters.items():
            if facet == skip:
                continue
            if facet == "year":
                qs = qs.filter(year__in=[int(v) for v in values])
            else:
                qs = qs.filter(**{f"{facet}__in": values})
        return qs

    def _match(self, qs: QuerySet, terms: list[QueryTerm], operator: str, phrase: str) -> QuerySet:
        """`qs` narrowed to matching entries and annotated with `score`."""
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchRank, SearchVectorField

            pg_query = tsquery(terms, operator)
            qs = qs.filter(search_vector=pg_query).alias(
                title_vector=Func(
                    F("search_vector"),
                    function="ts_filter",
                    template="%(function)s(%(expressions)s, '{a}')",
                    output_field=SearchVectorField(),
                )
            )
            # As pg_search.MatchedSet.page: ts_rank, plus TITLE_MATCH_BOOST when the title alone matches.
            qs = qs.annotate(
                text_score=SearchRank(F("search_vector"), pg_query, normalization=1)
                + Case(
                    When(title_vector=pg_query, then=Value(TITLE_MATCH_BOOST)),
                    default=Value(0.0),
                    output_field=FloatField(),
                )
            )
        else:
            expression = fts5_expression(terms, operator)
            weights = ", ".join(str(w) for w in SQLITE_WEIGHTS)
            qs = qs.filter(
                id__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [expression])
            ).annotate(
                text_score=RawSQL(
                    f"SELECT -bm25({FTS_TABLE}, {weights}) FROM {FTS_TABLE} "
                    f"WHERE {FTS_TABLE} MATCH %s AND rowid = search_searchentry.id",
                    [expression],
                    output_field=FloatField(),
                )
            )
        boost = Value(0.0, output_field=FloatField())
        if len(phrase) > 1:
            boost = Case(
                When(title__icontains=phrase, then=Value(TITLE_PHRASE_BOOST)),
                When(body__icontains=phrase, then=Value(BODY_PHRASE_BOOST)),
                default=Value(0.0),
                output_field=FloatField(),
            )
        return qs.annotate(score=F("text_score") + boost)

    def search(self, query: SearchQuery) -> SearchResults:
        text, _ = clean_text(query.text)  # parse() did it already; a caller that did not is bounded too
        terms = query_terms(text)
        phrase = "".join(text.split()) if not text.isascii() else text
        if connection.vendor == "postgresql":
            total, partial, entries, facets = self._search_postgresql(query, terms, phrase)
        else:
            total, partial, entries, facets = self._search_orm(query, terms, phrase)
        marked = {w for term in terms for w in term.index_words()}
        hits = [self._hit(entry, marked) for entry in entries]
        results = SearchResults(
            query=query, hits=hits, total=total, facets=facets, partial_match=partial, backend=self.name
        )
        if text:
            results.did_you_mean = did_you_mean(text)
        if total == 0 and text:
            results.suggestions = related_terms(text)
        return results

    def _search_postgresql(self, query: SearchQuery, terms: list[QueryTerm], phrase: str):
        """At most four statements: the query words' lexeme hashes, count and facets from one matched set
        (again with any word enough when no entry has every word), then the page of hits
        (search.backends.pg_search)."""
        partial = False
        hashes = word_hashes(terms)
        matched = MatchedSet(terms, "AND", query.filters, hashes)
        total, counts = matched.counts(query.with_facets)
        if total == 0 and len(terms) > 1:
            partial = True
            matched = MatchedSet(terms, "OR", query.filters, hashes)
            total, counts = matched.counts(query.with_facets)
        rows = []
        if total:
            boosts = (TITLE_PHRASE_BOOST, BODY_PHRASE_BOOST)
            rows = matched.page(query.sort, phrase, query.offset, query.page_size, boosts, total)
        entries = []
        for row in rows:
            score = row.pop("score")
            entry = SearchEntry(**row)
            entry.score = score
            entries.append(entry)
        facets = {}
        if query.with_facets:
            for facet in FACETS:
                selected = query.filters.get(facet, ())
                facets[facet] = [self._facet_value(facet, value, n, selected) for value, n in counts[facet]]
        return total, partial, entries, facets

    def _search_orm(self, query: SearchQuery, terms: list[QueryTerm], phrase: str):
        """SQLite (the embedded default): the ORM, one statement for the count and one per facet."""
        partial = False

        def matched(qs: QuerySet, operator: str) -> QuerySet:
            return self._match(qs, terms, operator, phrase) if terms else qs

        operator = "AND"
        qs = matched(self._filtered(query), operator)
        total = qs.count()
        if total == 0 and len(terms) > 1:
            operator, partial = "OR", True
            qs = matched(self._filtered(query), operator)
            total = qs.count()

        if query.sort == Sort.NEWEST or not terms:
            ordered = qs.order_by(F("date").desc(nulls_last=True), "-id")
        elif query.sort == Sort.OLDEST:
            ordered = qs.order_by(F("date").asc(nulls_last=True), "id")
        else:
            ordered = qs.order_by("-score", F("date").desc(nulls_last=True), "id")

        entries = list(ordered[query.offset : query.offset + query.page_size]) if total else []
        facets = {}
        if query.with_facets:
            for facet in FACETS:
                facet_qs = matched(self._filtered(query, skip=facet), operator)
                facets[facet] = self._facet_counts(facet_qs, facet, query.filters.get(facet, ()))
        return total, partial, entries, facets

    @staticmethod
    def _facet_value(facet: str, value, n: int, selected) -> FacetValue:
        value = str(value)
        label = Kind(value).label if facet == "kind" and value in Kind.values else value
        return FacetValue(value=value, label=label, count=n, selected=value in selected)

    def _facet_counts(self, qs: QuerySet, facet: str, selected) -> list[FacetValue]:
        column = facet
        rows = (
            qs.exclude(**{f"{column}__isnull": True})
            .exclude(**{column: ""} if facet != "year" else {})
            .order_by()
            .values(column)
            .annotate(n=Count("id"))
            .order_by("-n", column)[:MAX_FACET_VALUES]
        )
        return [self._facet_value(facet, row[column], row["n"], selected) for row in rows]

    def _hit(self, entry: SearchEntry, marked: set[str]) -> Hit:
        score = getattr(entry, "score", 0.0) or 0.0
        return Hit(
            doc_id=entry.doc_id,
            kind=entry.kind,
            title=entry.title,
            url=entry.url,
            score=float(score),
            snippet=snippet(entry.body, marked),
            title_highlighted=highlight_title(entry.title, marked),
            facets={
                "type": entry.type,
                "key_field": entry.key_field,
                "district": entry.district,
                "centre": entry.centre,
                "year": str(entry.year or ""),
            },
            date=entry.date.isoformat() if entry.date else None,
        )

    def suggest(self, prefix: str, limit: int) -> list[str]:
        prefix = prefix.strip()
        if not prefix:
            return []
        found = list(completions(prefix, limit))
        titles = (
            SearchEntry.objects.filter(Q(title__istartswith=prefix) | Q(suggest__icontains=prefix))
            .order_by(F("date").desc(nulls_last=True))
            .values_list("title", flat=True)[: limit * 2]
        )
        for title in titles:
            if title not in found:
                found.append(title)
        return found[:limit]

    # --- indexing --------------------------------------------------------------------------------

    @staticmethod
    def _fields(record: IndexRecord, title_words: str, body_words: str) -> dict:
        """The entry's columns, with the segmented title and body (search.segmentation_pool.segmented)."""
        return {
            "kind": record.kind,
            "page_id": record.page_id,
            "url": record.url[:500],
            "title": record.title[:300],
            "body": record.body,
            "title_segmented": title_words,
            "body_segmented": body_words,
            "type": record.type[:60],
            "key_field": record.key_field[:60],
            "district": record.district[:20],
            "centre": record.centre[:120],
            "year": record.year,
            "date": record.date,
            "suggest": "\n".join(record.suggest),
        }

    def index(self, records: Iterable[IndexRecord]) -> int:
        count = 0
        records = list(records)
        with transaction.atomic():
            for record, title_words, body_words in segmented(records, len(records)):
                fields = self._fields(record, title_words, body_words)
                SearchEntry.objects.update_or_create(doc_id=record.doc_id, defaults=fields)
                count += 1
        return count

    def delete(self, doc_ids: Iterable[str]) -> None:
        SearchEntry.objects.filter(doc_id__in=list(doc_ids)).delete()

    def delete_page(self, page_id: int) -> None:
        SearchEntry.objects.filter(page_id=page_id).delete()

    def rebuild(
        self, records: Iterable[IndexRecord], total: int, progress: ProgressCallback | None = None
    ) -> int:
        """Replace every entry in one transaction: readers see the old entries until it commits."""
        with transaction.atomic():
            SearchEntry.objects.all().delete()
            return self.bulk_add(records, total, progress)

    def bulk_add(
        self, records: Iterable[IndexRecord], total: int, progress: ProgressCallback | None = None
    ) -> int:
        """Insert new records in batches (the full-text index is kept by the database's triggers); a large
        set is segmented in a child process meanwhile (search.segmentation_pool)."""
        done = 0
        batch = []
        for record, title_words, body_words in segmented(records, total):
            batch.append(SearchEntry(doc_id=record.doc_id, **self._fields(record, title_words, body_words)))
            if len(batch) >= BATCH_SIZE:
                SearchEntry.objects.bulk_create(batch)
                done += len(batch)
                batch = []
                if progress:
                    progress(done, total, "数据库检索索引")
        if batch:
            SearchEntry.objects.bulk_create(batch)
            done += len(batch)
        if progress:
            progress(done, total, "数据库检索索引")
        return done
