"""The match table of the database fallback on PostgreSQL (R-44; docs/decisions/0146): its triggers keep one
row per entry, with the entry's lexeme hashes and facet codes, through every way the entries are written,
so that the counts and facets read from it are those of the entries themselves.
"""

import pytest
from django.db import connection

from benchmarks.bench_search import generate
from search.backends.database import DatabaseBackend
from search.backends.pg_search import tsquery_sql
from search.models import SearchEntry
from search.query import SearchQuery
from search.segmentation import query_terms
from tests.search.conftest import corpus_records

pytestmark = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the match table exists on PostgreSQL only"
)


def match_rows() -> dict[int, tuple]:
    """entry id -> (lexeme hashes, facet values by name, year, date), decoded from the match table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT m.entry_id, m.terms, k.value, t.value, f.value, d.value, c.value, m.year, m.date "
            "FROM search_searchmatch m "
            "JOIN search_facetvalue k ON k.id = m.kind JOIN search_facetvalue t ON t.id = m.type "
            "JOIN search_facetvalue f ON f.id = m.key_field JOIN search_facetvalue d ON d.id = m.district "
            "JOIN search_facetvalue c ON c.id = m.centre"
        )
        return {row[0]: (sorted(row[1]), row[2:7], row[7], row[8]) for row in cursor.fetchall()}


def entry_rows() -> dict[int, tuple]:
    """The same, computed from the entries (their tsvector's lexemes hashed by PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.id, ARRAY(SELECT hashtextextended(l, 0) FROM unnest(tsvector_to_array(e.search_vector)) l), "
            "e.kind, e.type, e.key_field, e.district, e.centre, e.year, e.date FROM search_searchentry e"
        )
        return {row[0]: (sorted(row[1]), row[2:7], row[7], row[8]) for row in cursor.fetchall()}


@pytest.fixture
def indexed(host_pages):
    pages = host_pages(13)
    backend = DatabaseBackend()
    backend.rebuild(corpus_records(pages[:6]), 6)
    backend.bulk_add(list(generate(40, pages[6].pk)), 40)
    return backend, pages


def test_every_write_keeps_the_match_table_in_step(indexed):
    """R-44: insert, bulk insert, update of text or facets, delete, a page's deletion and a rebuild."""
    backend, pages = indexed
    assert len(match_rows()) == SearchEntry.objects.count() == 46
    assert match_rows() == entry_rows()

    entry = SearchEntry.objects.filter(doc_id__startswith="bench-").first()
    entry.district, entry.centre = "宁河区", "天津市新设计量数据建设应用中心"  # a value never seen before
    entry.body_segmented = "远程 校准 电能表"
    entry.save()
    SearchEntry.objects.filter(doc_id__startswith="bench-1").update(year=2031, type="软件")
    assert match_rows() == entry_rows()
    assert match_rows()[entry.pk][1][3:] == ("宁河区", "天津市新设计量数据建设应用中心")

    backend.delete(["bench-2", "bench-3"])
    pages[0].delete()  # its entries go with it (ON DELETE CASCADE in Django)
    assert match_rows() == entry_rows()
    assert len(match_rows()) == SearchEntry.objects.count() < 46

    backend.rebuild(corpus_records(pages[7:13]), 6)
    assert match_rows() == entry_rows()
    assert len(match_rows()) == SearchEntry.objects.count()


def test_a_truncate_empties_the_match_table(indexed):
    """A TRUNCATE of the entries (as a test database's flush does) leaves no match row behind."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the inserts' deferred foreign-key checks, first
        cursor.execute("TRUNCATE search_searchentry")
    assert match_rows() == {} == entry_rows()
    assert DatabaseBackend().search(SearchQuery(text="计量")).total == 0


def test_the_counts_are_the_entries_own(indexed):
    """The total from the match table is the number of entries whose tsvector matches the same words."""
    backend, _ = indexed
    compared = 0
    for text in ["计量", "计量数据", "碳计量共享清单", "电能表", "校准证书 量值溯源", "计量 _", "较准证收"]:
        expression, params = tsquery_sql(query_terms(text), "AND")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM search_searchentry WHERE search_vector @@ ({expression})", params
            )
            expected = cursor.fetchone()[0]
        total = backend.search(SearchQuery(text=text, with_facets=False)).total
        if expected:  # with no entry matching every word, the any-word retry answers (compared elsewhere)
            assert total == expected, text
            compared += 1
    assert compared >= 5


def _term(word, *alternatives):
    from search.segmentation import QueryTerm

    return QueryTerm(word=word, alternatives=((word,), *alternatives))


def test_the_terms_distribute_into_clauses_that_say_the_same():
    """(x ∧ y) ∨ z becomes (x ∨ z) ∧ (y ∨ z); a word without a lexeme drops out; a clause holding another
    is implied by it. Checked against the OR form on every assignment of the lexemes."""
    from itertools import product as assignments

    from search.backends.pg_search import all_terms_clauses, alternatives_of, term_sets

    hashes = {
        "计量器具": (1,),
        "计量": (2,),
        "器具": (3,),
        "测量仪器": (4,),
        "碳": (5,),
        "_": (),
        "gb-t": (6, 7),
    }
    terms = [
        _term("计量器具", ("计量", "器具"), ("测量仪器",)),
        _term("碳", ("_",)),
        _term("gb-t"),
        _term("_"),
    ]
    clauses = all_terms_clauses(term_sets(terms, hashes))
    assert frozenset({1, 2, 4}) in clauses and frozenset({5}) in clauses
    assert len(clauses) == 5  # {1,2,4}, {1,3,4}, {5}, {6}, {7}
    lexemes = sorted({h for values in hashes.values() for h in values})
    for present in assignments([False, True], repeat=len(lexemes)):
        row = {h for h, here in zip(lexemes, present, strict=True) if here}
        or_form = all(
            any(alt <= row for alt in alternatives_of(term, hashes))
            for term in terms
            if alternatives_of(term, hashes)
        )
        assert all(clause & row for clause in clauses) == or_form, row


def test_too_many_clauses_fall_back_to_the_or_form():
    from search.backends.pg_search import MAX_CLAUSES, all_terms_clauses, term_sets, terms_sql

    words = [f"w{i}" for i in range(8)]
    hashes = {w: (i * 10, i * 10 + 1) for i, w in enumerate(words)}  # 2 lexemes each: 2^8 = 256 choices
    terms = [_term("w0", *((w,) for w in words[1:]))]
    assert 2 ** len(words) > MAX_CLAUSES
    assert all_terms_clauses(term_sets(terms, hashes)) is None
    sql, params = terms_sql(terms, "AND", hashes)
    assert sql.count("@>") == len(words) and len(params) == len(words)
