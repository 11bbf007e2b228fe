"""Elasticsearch rebuilds lose nothing and leave nothing (docs/decisions/0080; R-44: what is published is
searchable). Writes made during a rebuild reach the new indices through the rebuild journal's catch-up; a
failed rebuild deletes the indices it created; indices left by a rebuild the server walked away from are
deleted by the next one. Real client, loopback endpoint (tests/search/es_standin.py).
"""

import pytest

from search import indexing
from search.backends.base import SearchBackendUnavailable
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.es_writes import journal_alias
from search.constants import Kind
from search.documents import DOCUMENTS, alias_name
from search.query import SearchQuery
from search.sources import all_records, records_for_page
from tests.search.conftest import CORPUS, assert_conforming, corpus_records
from tests.search.es_standin import Index

ACHIEVEMENTS = alias_name(Kind.ACHIEVEMENT)
CENTRES = alias_name(Kind.CENTRE)


def _is_rebuild_bulk(request) -> bool:
    return request.path == "/_bulk" and any(
        line.get("index", {}).get("_index", "").endswith("-next") for line in request.body
    )


def _live_indices(standin) -> dict[str, list[str]]:
    return {alias: names for alias, names in standin.aliases().items() if alias in map(alias_name, DOCUMENTS)}


@pytest.fixture
def pages(achievement_page, centre_page):
    return {"achievement": achievement_page, "centre": centre_page}


def test_writes_made_during_a_rebuild_reach_the_new_indices(es, standin, pages, monkeypatch):
    """A page retitled and a page unpublished while the rebuild streams stale records: after the swap the
    new indices hold the new title and not the unpublished page. (One journal entry per search request,
    so that reading the journal pages through it.)"""
    from search.backends import es_rebuild

    monkeypatch.setattr(es_rebuild, "JOURNAL_PAGE", 1)
    es.rebuild(all_records(), 2)
    old = _live_indices(standin)
    stale = list(all_records())  # read before the changes, written after them: the rebuild's race
    achievement, centre = pages["achievement"], pages["centre"]

    def records():
        achievement.title = "碳计量标准物质目录（重排期间修订）"
        achievement.save_revision().publish()
        indexing.update_page(achievement.pk)  # what the indexing task does after the commit
        centre.unpublish()
        indexing.remove_page(centre.pk)
        yield from stale

    start = len(standin.requests)
    es.rebuild(records(), len(stale))

    new = _live_indices(standin)
    assert set(new) == set(old) and all(new[a] != old[a] for a in new)
    assert standin.docs(ACHIEVEMENTS)[f"achievement-{achievement.pk}"]["title"] == achievement.title
    assert f"centre-{centre.pk}" not in standin.docs(CENTRES)
    assert sorted(standin.indices) == sorted(name for names in new.values() for name in names)
    journal_notes = [
        r for r in standin.requests if r.path == "/_bulk" and r.body[0]["index"]["_index"] == journal_alias()
    ]
    assert {line["page_id"] for r in journal_notes for line in r.body[1::2]} == {achievement.pk, centre.pk}
    journal_reads = [
        r.body
        for r in standin.requests[start:]
        if r.path.startswith(f"/{journal_alias()}-") and r.path.endswith("/_search")
    ]
    assert [body.get("search_after") for body in journal_reads[:3]] == [
        None,
        [min(achievement.pk, centre.pk)],
        [max(achievement.pk, centre.pk)],
    ]
    assert_conforming(standin)


def test_a_write_between_the_last_catch_up_and_the_swap_is_caught_up_after_the_swap(es, standin, pages):
    """The window the pre-swap passes cannot see: a write that lands on the old index just before the
    alias swap is rewritten from the database by the pass after the swap."""
    es.rebuild(all_records(), 2)
    achievement = pages["achievement"]

    def records():
        yield from all_records()
        achievement.title = "碳计量标准物质目录（换名前一刻修订）"
        achievement.save_revision().publish()

    (changed,) = records_for_page(achievement)
    changed.title = "碳计量标准物质目录（换名前一刻修订）"
    late_write = ElasticsearchBackend(standin.url)
    standin.before(lambda request: request.path == "/_aliases", lambda request: late_write.index([changed]))
    start = len(standin.requests)
    es.rebuild(records(), 2)

    requests = standin.requests[start:]
    swap = next(i for i, r in enumerate(requests) if r.path == "/_aliases")
    late = [r for r in requests[:swap] if r.path == "/_bulk" and r.body[0]["index"]["_index"] == ACHIEVEMENTS]
    assert late, "the late write reached the old index before the swap"
    assert standin.docs(ACHIEVEMENTS)[f"achievement-{achievement.pk}"]["title"] == changed.title
    assert journal_alias() not in standin.aliases()
    assert_conforming(standin)


def test_a_failed_rebuild_deletes_the_indices_it_created_and_search_keeps_the_old_ones(
    es, standin, host_pages
):
    records = corpus_records(host_pages(len(CORPUS)))
    es.rebuild(records, len(records))
    before = (sorted(standin.indices), standin.aliases())
    standin.fail_when(_is_rebuild_bulk, 500)
    with pytest.raises(SearchBackendUnavailable):
        es.rebuild(records, len(records))
    assert (sorted(standin.indices), standin.aliases()) == before
    standin.recover()
    assert es.search(SearchQuery(text="验收")).total >= 1
    assert_conforming(standin)


def test_a_rebuild_that_fails_outside_elasticsearch_deletes_its_indices_too(es, standin, host_pages):
    records = corpus_records(host_pages(len(CORPUS)))

    def broken():
        yield records[0]
        raise RuntimeError("数据库连接中断")

    with pytest.raises(RuntimeError):
        es.rebuild(broken(), len(records))
    assert standin.indices == {}


def test_elasticsearch_going_away_in_the_middle_of_a_rebuild(es, standin, host_pages):
    """Bad input: the server goes away mid-rebuild. The rebuild raises SearchBackendUnavailable (not a raw
    client error); what it could not delete, the next rebuild deletes; nothing is left after that."""
    records = corpus_records(host_pages(len(CORPUS)))
    es.rebuild(records, len(records))
    gone = {"since": None}

    def server_gone(request):
        if gone["since"] is None and _is_rebuild_bulk(request):
            gone["since"] = request
        return gone["since"] is not None

    standin.fail_when(server_gone, "drop")
    with pytest.raises(SearchBackendUnavailable):
        es.rebuild(records, len(records))
    leftovers = [
        name for name, index in standin.indices.items() if not index.aliases & set(map(alias_name, DOCUMENTS))
    ]
    assert len(leftovers) == len(DOCUMENTS) + 1  # the new indices and the journal: the server was gone

    standin.recover()
    es.rebuild(records, len(records))
    assert len(standin.indices) == len(DOCUMENTS)
    assert set(standin.aliases()) == set(map(alias_name, DOCUMENTS))
    assert "achievement-carbon" in standin.docs(ACHIEVEMENTS)
    assert_conforming(standin)


def test_a_concrete_index_squatting_on_an_alias_name_is_replaced_at_the_swap(es, standin, host_pages):
    """An index created by a write without require_alias (before this fix) is removed in the swap."""
    standin.indices[ACHIEVEMENTS] = Index(name=ACHIEVEMENTS, docs={"stray": {"title": "x"}})
    records = corpus_records(host_pages(len(CORPUS)))
    es.rebuild(records, len(records))
    assert ACHIEVEMENTS not in standin.indices
    assert "stray" not in standin.docs(ACHIEVEMENTS)
    swap = next(r for r in standin.requests if r.path == "/_aliases")
    assert {"remove_index": {"index": ACHIEVEMENTS}} in swap.body["actions"]
    assert_conforming(standin)
