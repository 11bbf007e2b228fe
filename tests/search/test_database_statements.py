"""The database fallback on PostgreSQL (R-44: published outcomes are searchable, also without a search server):
the count and all six facet counts come from one matched set, so a search runs a bounded number of SQL
statements whatever the number of documents, and its results and facets are those of the previous
implementation (the ORM path, which SQLite still uses: one statement for the count and one per facet).
"""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.bench_search import generate
from search.backends import pg_search
from search.backends.database import DatabaseBackend
from search.constants import Kind, Sort
from search.query import SearchQuery, parse
from tests.search.conftest import corpus_records

pytestmark = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the PostgreSQL statements of the database fallback"
)

# the words' hashes, count and facets, the same once more with any word enough, the page of hits
MAX_STATEMENTS = 4

QUERIES = [
    SearchQuery(text="计量"),
    SearchQuery(text="碳计量共享清单"),
    SearchQuery(text="alert 打分"),  # no entry has both: any word is enough
    SearchQuery(text="计量", filters={"kind": (Kind.ACHIEVEMENT,)}),
    SearchQuery(text="计量数据", filters={"district": ("西青区", "南开区"), "year": ("2024", "2025")}),
    SearchQuery(text="数据", sort=Sort.NEWEST, page=2, page_size=5),
    SearchQuery(text="数据", sort=Sort.OLDEST),
    SearchQuery(text="", filters={"kind": (Kind.ACHIEVEMENT,)}),
    SearchQuery(text="数据安全", page=3, page_size=4),
    SearchQuery(text="较准证收"),  # nothing matches
    SearchQuery(text="100%_数据"),  # LIKE's wildcards are plain characters in the phrase boost
    SearchQuery(text="计量 _"),  # a word without a lexeme is dropped, as plainto_tsquery drops it
]


@pytest.fixture
def entries(host_pages):
    """The behaviour suite's corpus and `n` generated abstracts (benchmarks.bench_search's vocabulary)."""
    backend = DatabaseBackend()
    pages = host_pages(7)
    backend.rebuild(corpus_records(pages[:6]), 6)

    def add(n: int, start: int = 0):
        records = list(generate(start + n, pages[6].pk))[start:]
        backend.bulk_add(records, n)

    return add


def statements(query: SearchQuery) -> int:
    with CaptureQueriesContext(connection) as captured:
        DatabaseBackend().search(query)
    return len(captured.captured_queries)


def as_data(total, partial, entries, facets):
    return {
        "total": total,
        "partial": partial,
        "hits": [(e.doc_id, pytest.approx(float(getattr(e, "score", 0.0)), abs=1e-6)) for e in entries],
        "facets": {name: [(f.value, f.count, f.selected) for f in values] for name, values in facets.items()},
    }


def test_a_search_with_facets_runs_at_most_four_statements_whatever_the_number_of_documents(entries):
    """R-44: the count and the six facets come from one matched set, not one full match each."""
    entries(20)
    few = [statements(query) for query in QUERIES]
    entries(300, start=20)
    many = [statements(query) for query in QUERIES]
    assert few == many
    assert max(many) <= MAX_STATEMENTS, many
    assert statements(SearchQuery(text="alert 打分")) == 4  # the partial-match retry is the third


def test_results_and_facets_equal_the_previous_implementation(entries):
    """R-44: same totals, same hits in the same order with the same scores, same facet values and counts."""
    entries(120)
    backend = DatabaseBackend()
    for query in QUERIES:
        terms = pg_search_terms(query)
        phrase = "".join(query.text.split()) if not query.text.isascii() else query.text
        new = as_data(*backend._search_postgresql(query, terms, phrase))
        old = as_data(*backend._search_orm(query, terms, phrase))
        assert new == old, query
    totals = [backend.search(query).total for query in QUERIES]
    assert all(totals[:9]) and totals[9] == 0  # the comparison covered real matches


def pg_search_terms(query):
    from search.segmentation import query_terms

    return query_terms(query.text)


def test_the_relevance_sort_scores_a_bounded_set_of_the_newest_matches(entries, monkeypatch):
    """At most RANK_CANDIDATES matches are scored (the newest); the total still counts every match."""
    entries(60)
    backend = DatabaseBackend()
    everything = backend.search(SearchQuery(text="数据", page_size=50))
    monkeypatch.setattr(pg_search, "RANK_CANDIDATES", 10)
    bounded = backend.search(SearchQuery(text="数据", page_size=5))
    assert bounded.total == everything.total > 10
    newest = backend.search(SearchQuery(text="数据", sort=Sort.NEWEST, page_size=10))
    candidates = {hit.doc_id for hit in newest.hits}
    assert {hit.doc_id for hit in bounded.hits} <= candidates
    scores = [hit.score for hit in bounded.hits]
    assert scores == sorted(scores, reverse=True)
    deep = backend.search(SearchQuery(text="数据", page=3, page_size=10))
    assert len(deep.hits) == 10  # a page beyond the bound widens it rather than coming back empty


@pytest.mark.parametrize(
    "text",
    [
        "".join(chr(0x4E00 + (i * 37) % 20000) for i in range(10_000)),  # 10,000 characters, many words
        "计量 " * 3_000,
        "& | ! ( ) : * <-> <2> ' \" \\ % _ 计量:* !数据 (校准|证书) 'a':A" * 100,
        "\x00\x1f计量\u202e数据\ufeff",
    ],
)
def test_bad_input_stays_bounded_and_fast(entries, client, text):
    """Bad input: a 10,000-character query or tsquery/LIKE syntax is plain text, a normal page, bounded."""
    entries(50)
    client.get("/search/", {"q": "计量"})  # the first search loads the segmentation dictionary
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", {"q": text})
    assert response.status_code == 200
    assert time.perf_counter() - started < 5.0  # seconds, on a shared machine; typically well under 0.5
    search_statements = [q for q in captured.captured_queries if "search_search" in q["sql"]]
    assert len(search_statements) <= MAX_STATEMENTS
    # The backend bounds the text itself too, for a caller that did not parse it.
    assert statements(SearchQuery(text=text)) <= MAX_STATEMENTS
    assert DatabaseBackend().search(parse({"q": text}).query).total >= 0
