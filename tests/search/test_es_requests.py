"""Every request the Elasticsearch backend sends, through the real `elasticsearch` client, checked against the
shapes Elasticsearch 8 accepts (tests/search/es_shapes.py), for each operation: rebuild, index, delete,
delete_page, the kinds of search, suggest, `manage.py reindex`, publish and unpublish, and the search page,
API and suggest views (R-44: published outcomes are searchable). No server is needed: the client talks to
the loopback endpoint of tests/search/es_standin.py, which records what it received.
"""

import pytest
from django.core.management import call_command

from search.constants import Kind, Sort
from search.documents import DOCUMENTS, alias_name
from search.query import SearchQuery
from tests.search.conftest import CORPUS, assert_conforming, corpus_records
from tests.search.es_shapes import problems
from tests.search.es_standin import Recorded

ALIASES = [alias_name(kind) for kind in DOCUMENTS]


@pytest.fixture
def built(es, standin, host_pages):
    """The CORPUS rebuilt into the loopback endpoint; the requests of later steps are counted from here."""
    records = corpus_records(host_pages(len(CORPUS)))
    es.rebuild(records, len(records))
    return {r.doc_id.split("-", 1)[1]: r for r in records}


def test_the_shape_check_can_fail():
    """The checker rejects what Elasticsearch 8 rejects: an unknown query, key, parameter or endpoint."""
    bad = [
        Recorded("POST", "/a/_search", {}, {}, {"query": {"mutli_match": {"query": "x"}}}),
        Recorded("POST", "/a/_search", {}, {}, {"query": {"match_all": {}}, "highlights": {}}),
        Recorded("POST", "/a/_search", {"ignore_unavailable": "yes"}, {}, {}),
        Recorded("POST", "/a/_delete_by_query", {"refresh": "wait_for"}, {}, {"query": {"match_all": {}}}),
        Recorded("PUT", "/_bulk", {}, {}, [{"upsert": {"_index": "a"}}, {}]),
        Recorded("PUT", "/_bulk", {}, {}, [{"index": {"_index": "a"}}]),
        Recorded(
            "POST", "/_aliases", {}, {}, {"actions": [{"add": {"index": "a", "alias": "b"}, "remove": {}}]}
        ),
        Recorded(
            "PUT", "/a", {}, {}, {"settings": {"analysis": {"analyzer": {"x": {"tokenizer": "standard"}}}}}
        ),
        Recorded("POST", "/_reindex_everything", {}, {}, None),
    ]
    for request in bad:
        assert problems(request), request


def test_rebuild_creates_aliased_indices_with_both_analyzers_and_swaps_the_aliases(es, standin, built):
    requests = assert_conforming(standin)
    creates = [r for r in requests if r.method == "PUT" and r.path.count("/") == 1 and r.path != "/_bulk"]
    assert len(creates) == len(DOCUMENTS) + 1  # one per kind and the rebuild journal
    for request in creates:
        assert request.body["aliases"], f"{request.path} is created behind an alias"
    for kind, document in DOCUMENTS.items():
        (body,) = [r.body for r in creates if r.path.startswith(f"/{alias_name(kind)}-")]
        assert body["settings"]["analysis"] == document._index.to_dict()["settings"]["analysis"]
        assert set(body["aliases"]) == {f"{alias_name(kind)}-next"}
    aliases = standin.aliases()
    assert sorted(a for a in aliases if not a.endswith("-next")) == sorted(ALIASES)
    assert len(standin.indices) == len(DOCUMENTS)  # the journal is gone, nothing else is left
    carbon = standin.docs(alias_name(Kind.ACHIEVEMENT))["achievement-carbon"]
    assert carbon["index_title"] == carbon["title"] == "重点用能单位碳计量数据共享清单"


def test_index_delete_and_delete_page_send_conforming_writes(es, standin, built):
    start = len(standin.requests)
    record = built["certificate"]
    record.title = "数字校准证书共享平台"
    assert es.index([record]) == 1
    es.delete([record.doc_id])
    es.delete_page(built["acceptance"].page_id)
    requests = assert_conforming(standin, start)
    writes = [r for r in requests if r.path == "/_bulk"]
    assert all(r.params["require_alias"] == "true" for r in writes)
    deletes = [r for r in requests if r.path.endswith("/_delete_by_query")]
    assert [r.body["query"] for r in deletes] == [
        {"ids": {"values": ["knowledge-certificate"]}},
        {"term": {"page_id": built["acceptance"].page_id}},
    ]
    assert all(r.params["ignore_unavailable"] == "true" for r in deletes)
    docs = standin.docs(alias_name(Kind.KNOWLEDGE))
    assert "knowledge-certificate" not in docs and "knowledge-acceptance" not in docs


SEARCHES = {
    "words": SearchQuery(text="碳计量"),
    "filtered": SearchQuery(text="计量", filters={"kind": (Kind.ACHIEVEMENT,), "year": ("2025", "2024")}),
    "browse a facet": SearchQuery(text="", filters={"district": ("西青区",)}),
    "newest": SearchQuery(text="计量", sort=Sort.NEWEST),
    "oldest": SearchQuery(text="计量", sort=Sort.OLDEST),
    "second page": SearchQuery(text="计量", page=2, page_size=2),
    "without facets": SearchQuery(text="校准", with_facets=False),
    "nothing matches": SearchQuery(text="较准证收"),
    "punctuation only": SearchQuery(text="！？。，、“”"),
    "10,000 characters": SearchQuery(text="计量" * 5000),
}


@pytest.mark.parametrize("name", list(SEARCHES))
def test_each_kind_of_search_sends_a_conforming_request_and_reads_the_answer(es, standin, built, name):
    start = len(standin.requests)
    results = es.search(SEARCHES[name])
    (request,) = assert_conforming(standin, start)
    assert request.path == "/" + ",".join(ALIASES) + "/_search"
    assert results.backend == "elasticsearch"
    assert results.total >= len(results.hits)
    if SEARCHES[name].with_facets:
        assert set(results.facets) == {"kind", "type", "key_field", "district", "centre", "year"}
    if name == "filtered":
        assert {hit.kind for hit in results.hits} == {Kind.ACHIEVEMENT}
    if name == "browse a facet":
        assert sorted(hit.doc_id for hit in results.hits) == ["achievement-carbon", "centre-centre"]
    if name == "nothing matches":
        assert results.total == 0 and results.did_you_mean == "校准证书"
    if name == "10,000 characters":
        query = request.body["query"]["bool"]["must"][0]["multi_match"]["query"]
        assert len(query) == 100


def test_suggest_sends_a_conforming_request_and_an_empty_prefix_sends_none(es, standin, built):
    start = len(standin.requests)
    assert es.suggest("电能表", 5) == ["电能表远程校准数据集"]
    (request,) = assert_conforming(standin, start)
    assert request.body["suggest"]["titles"]["completion"]["field"] == "suggest"
    before = len(standin.requests)
    assert es.suggest("", 5) == []
    assert es.suggest("   ", 5) == []
    assert es.suggest("！？…", 5) == []
    assert len(standin.requests) == before


@pytest.mark.parametrize("prefix", ["", "！？。", "计" * 10_000])
def test_bad_suggest_prefixes_through_the_api_answer_200_on_elasticsearch(client, standin, built, prefix):
    """Bad input: an empty, a punctuation-only and a 10,000-character prefix."""
    start = len(standin.requests)
    response = client.get("/api/v1/search/suggest/", {"q": prefix})
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)
    sent = [r for r in standin.requests[start:] if r.path.endswith("/_search")]
    if prefix.startswith("计"):
        (request,) = sent
        assert len(request.body["suggest"]["titles"]["prefix"]) <= 30
        assert_conforming(standin, start)
    else:
        assert sent == []


def test_reindex_command_rebuilds_elasticsearch_with_conforming_requests(standin, achievement_page, capsys):
    call_command("reindex", "--backend", "elasticsearch")
    assert_conforming(standin)
    assert f"achievement-{achievement_page.pk}" in standin.docs(alias_name(Kind.ACHIEVEMENT))
    assert "elasticsearch: 已索引" in capsys.readouterr().out


def test_publish_and_unpublish_reach_elasticsearch_with_conforming_requests(
    standin, achievement_page, django_capture_on_commit_callbacks
):
    """R-44: publishing indexes the page in Elasticsearch too; unpublishing removes it."""
    call_command("reindex", "--backend", "elasticsearch")
    start = len(standin.requests)
    doc_id = f"achievement-{achievement_page.pk}"
    achievement_page.title = "碳计量标准物质目录（修订）"
    with django_capture_on_commit_callbacks(execute=True):
        achievement_page.save_revision().publish()
    docs = standin.docs(alias_name(Kind.ACHIEVEMENT))
    assert docs[doc_id]["title"] == "碳计量标准物质目录（修订）"
    with django_capture_on_commit_callbacks(execute=True):
        achievement_page.unpublish()
    assert doc_id not in standin.docs(alias_name(Kind.ACHIEVEMENT))
    assert_conforming(standin, start)


def test_search_page_api_and_suggest_view_use_elasticsearch_with_conforming_requests(
    client, standin, achievement_page
):
    call_command("reindex", "--backend", "elasticsearch")
    start = len(standin.requests)
    assert client.get("/search/", {"q": "碳计量"}).status_code == 200
    api = client.get("/api/v1/search/", {"q": "碳计量", "kind": "achievement"})
    assert api.status_code == 200
    assert api.json()["backend"] == "elasticsearch"
    assert [hit["id"] for hit in api.json()["hits"]] == [f"achievement-{achievement_page.pk}"]
    suggest = client.get("/api/v1/search/suggest/", {"q": "碳计量标准"})
    assert suggest.status_code == 200
    assert_conforming(standin, start)


@pytest.mark.parametrize(
    "params",
    [{"q": "！？。，"}, {"q": "计量" * 5000}, {"q": "验收", "page": "999999"}],
    ids=["punctuation", "10,000 characters", "deep page"],
)
def test_bad_input_through_the_views_never_reaches_the_client_as_an_error(client, standin, built, params):
    """Bad input: a normal page, a bounded request, no raw client error."""
    start = len(standin.requests)
    assert client.get("/search/", params).status_code == 200
    for request in assert_conforming(standin, start):
        body = request.body or {}
        assert body.get("from", 0) + body.get("size", 0) <= 10_000
        for clause in body.get("query", {}).get("bool", {}).get("must", []):
            assert len(clause["multi_match"]["query"]) <= 100
