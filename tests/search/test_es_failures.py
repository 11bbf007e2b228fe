"""No client error escapes the Elasticsearch backend: a missing index or alias, a refused or dropped
connection, a timeout, an HTTP error all become `SearchBackendUnavailable`, or are handled (deleting from an
absent index is not an error). Writes never create an index; indexing tasks retry; the database fallback
serves searches meanwhile (R-44). Real client, loopback endpoint (tests/search/es_standin.py).
"""

import pytest
from elasticsearch import Elasticsearch

from search import backends
from search.backends.base import SearchBackendUnavailable
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.es_rebuild import Rebuild
from search.constants import Kind
from search.documents import alias_name
from search.models import SearchEntry
from search.query import SearchQuery, parse
from tests.search.conftest import CORPUS, assert_conforming, corpus_records

OPERATIONS = {
    "index": lambda es, r: es.index([r]),
    "delete": lambda es, r: es.delete([r.doc_id]),
    "delete_page": lambda es, r: es.delete_page(r.page_id),
    "search": lambda es, r: es.search(SearchQuery(text="验收")),
    "suggest": lambda es, r: es.suggest("计量", 5),
    "rebuild": lambda es, r: es.rebuild([r], 1),
}


@pytest.fixture
def record(host_pages):
    return corpus_records(host_pages(len(CORPUS)))[0]


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_a_server_that_is_not_there_is_unavailable_not_a_raw_error(db, record, operation):
    """A closed local port: connection refused."""
    es = ElasticsearchBackend("http://127.0.0.1:9", timeout=1.0)
    with pytest.raises(SearchBackendUnavailable):
        OPERATIONS[operation](es, record)


@pytest.mark.parametrize("failure", ["drop", 503, 500, 429], ids=["dropped", "503", "500", "429"])
@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_dropped_connections_and_http_errors_are_unavailable(es, standin, record, operation, failure):
    es.rebuild([record], 1)
    standin.fail_when(lambda request: True, failure)
    with pytest.raises(SearchBackendUnavailable):
        OPERATIONS[operation](es, record)


@pytest.mark.parametrize("operation", ["index", "search", "delete_page"])
def test_a_timeout_is_unavailable(standin, record, operation):
    es = ElasticsearchBackend(standin.url, timeout=0.2)
    es.rebuild([record], 1)
    standin.fail_when(lambda request: True, 0.6)
    with pytest.raises(SearchBackendUnavailable):
        OPERATIONS[operation](es, record)


def test_an_index_before_the_first_rebuild_fails_cleanly_and_creates_no_index(es, standin, record):
    """Bad input: a write before the first rebuild. require_alias=true: 404, not a stray dynamic index."""
    with pytest.raises(SearchBackendUnavailable, match="require_alias"):
        es.index([record])
    assert standin.indices == {}
    assert_conforming(standin)


def test_a_delete_before_the_first_rebuild_is_not_an_error_and_creates_no_index(es, standin, record):
    """Bad input: a delete before the first rebuild, and a page deleted twice."""
    es.delete([record.doc_id])
    es.delete_page(record.page_id)
    es.delete_page(record.page_id)
    assert standin.indices == {}
    assert_conforming(standin)


def test_a_page_deleted_twice_after_a_rebuild_is_not_an_error(es, standin, record):
    es.rebuild([record], 1)
    es.delete_page(record.page_id)
    es.delete_page(record.page_id)
    assert standin.docs(alias_name(record.kind)) == {}
    assert_conforming(standin)


def test_search_before_the_first_rebuild_fails_over_to_the_database(db, standin, caplog):
    assert isinstance(backends.get_backend(), ElasticsearchBackend)
    results = backends.run_search(parse({"q": "验收"}).query)
    assert results.backend == "database"
    backends._state.update(url=None, checked_at=0.0, reachable=False)
    assert isinstance(backends.run_suggest("计量", 5), list)
    messages = [r.getMessage() for r in caplog.records]
    assert any("Elasticsearch search failed" in m for m in messages)
    assert any("Elasticsearch suggest failed" in m for m in messages)
    assert standin.indices == {}


@pytest.fixture
def eager_retries(monkeypatch):
    """Eager tasks retry inline (Celery re-applies the task) instead of raising Retry to the caller."""
    from portal.celery import app

    monkeypatch.setitem(app.conf, "task_eager_propagates", False)


def _live_bulk(request) -> bool:
    return request.path == "/_bulk" and any(
        line.get("index", {}).get("_index") == alias_name(Kind.ACHIEVEMENT) for line in request.body
    )


def test_the_indexing_task_retries_while_elasticsearch_has_no_index_and_the_database_serves(
    standin, achievement_page, eager_retries
):
    """R-44: the page is searchable on the database fallback while the Elasticsearch write keeps failing."""
    from search.tasks import index_page

    result = index_page.apply(args=[achievement_page.pk])
    assert result.failed()
    assert isinstance(result.result, SearchBackendUnavailable)
    attempts = [r for r in standin.requests if _live_bulk(r)]
    assert len(attempts) == 1 + index_page.max_retries
    assert SearchEntry.objects.filter(page_id=achievement_page.pk).exists()
    results = backends.run_search(parse({"q": "碳计量标准物质"}).query)
    assert results.backend == "database"
    assert f"achievement-{achievement_page.pk}" in [hit.doc_id for hit in results.hits]
    assert standin.indices == {}
    assert_conforming(standin)


def test_a_write_before_the_first_rebuild_is_retried_after_it(standin, achievement_page, eager_retries):
    """The task's first attempt fails (no alias yet); a rebuild runs; the retry lands in the new index."""
    from search.sources import records_for_page
    from search.tasks import index_page

    records = records_for_page(achievement_page)
    seen = []

    def rebuild_now(request):
        Rebuild(Elasticsearch(standin.url), reload=lambda ids: seen.append(ids) or []).run([], 0, None)

    standin.before(
        lambda request: _live_bulk(request) and any(map(_live_bulk, standin.requests)), rebuild_now
    )
    result = index_page.apply(args=[achievement_page.pk])
    assert result.successful(), result.result
    assert result.result == len(records) == 1
    attempts = [r for r in standin.requests if _live_bulk(r)]
    assert len(attempts) == 2
    assert seen == []  # nothing was written during that rebuild, so nothing to catch up
    docs = standin.docs(alias_name(Kind.ACHIEVEMENT))
    assert docs[f"achievement-{achievement_page.pk}"]["title"] == achievement_page.title
    assert_conforming(standin)
