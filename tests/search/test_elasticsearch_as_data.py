"""The Elasticsearch mappings, analysis settings and request bodies, checked as data (no server needed)."""

import datetime

import pytest

from search.backends.elasticsearch import build_search, build_suggest
from search.backends.es_rebuild import new_index_name
from search.constants import Kind, Sort
from search.documents import DOCUMENTS, AchievementDocument, PortalDocument
from search.query import SearchQuery
from search.records import IndexRecord
from search.segmentation import synonym_lines


def test_one_document_per_searchable_kind_with_prefixed_alias_names(settings):
    assert set(DOCUMENTS) == set(Kind.values)
    names = {kind: doc._index._name for kind, doc in DOCUMENTS.items()}
    assert names == {kind: f"{settings.PORTAL_ENV}-{kind}" for kind in Kind.values}


def test_mapping_text_facets_and_completion():
    mapping = AchievementDocument._doc_type.mapping.to_dict()["properties"]
    for field in ("title", "index_title", "body"):
        assert mapping[field]["type"] == "text"
        assert mapping[field]["analyzer"] == "portal_index"
        assert mapping[field]["search_analyzer"] == "portal_search"
    for facet in ("kind", "type", "key_field", "district", "centre"):
        assert mapping[facet] == {"type": "keyword"}
    assert mapping["year"] == {"type": "integer"}
    assert mapping["date"] == {"type": "date"}
    assert mapping["url"] == {"type": "keyword", "index": False}
    assert mapping["suggest"]["type"] == "completion"
    assert mapping["title"]["fields"]["raw"] == {"type": "keyword", "ignore_above": 256}


def test_index_and_search_analyzers_share_one_chain_and_search_adds_the_synonyms():
    """The smartcn chain (tokenizer, lowercase, porter_stem, smartcn_stop) at both ends: "calibration" is
    stemmed in the query as in the index, and punctuation is dropped by smartcn_stop in both."""
    index = AchievementDocument._index.to_dict()
    analysis = index["settings"]["analysis"]
    chain = ["lowercase", "porter_stem", "smartcn_stop"]
    assert analysis["analyzer"] == {
        "portal_index": {"type": "custom", "tokenizer": "smartcn_tokenizer", "filter": chain},
        "portal_search": {
            "type": "custom",
            "tokenizer": "smartcn_tokenizer",
            "filter": [*chain, "portal_synonyms"],
        },
    }
    synonyms = analysis["filter"]["portal_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert synonyms["synonyms"] == synonym_lines()
    assert any({"电能表", "电表", "智能电表"} == set(line.split(", ")) for line in synonyms["synonyms"])
    assert index["settings"]["number_of_shards"] == 1


def test_the_exact_request_body_of_a_filtered_query():
    query = SearchQuery(
        text="碳计量", filters={"kind": ("achievement",), "year": ("2025",)}, page=2, page_size=5
    )
    body = build_search(query).to_dict()
    others_for = {
        "kind": [{"terms": {"year": [2025]}}],
        "year": [{"terms": {"kind": ["achievement"]}}],
    }
    both = [{"terms": {"kind": ["achievement"]}}, {"terms": {"year": [2025]}}]
    expected_aggs = {
        facet: {
            "filter": {"bool": {"filter": others_for.get(facet, both)}},
            "aggs": {facet: {"terms": {"field": facet, "size": 20}}},
        }
        for facet in ("kind", "type", "key_field", "district", "centre", "year")
    }
    assert body == {
        "query": {
            "bool": {
                "must": [
                    {
                        "multi_match": {
                            "query": "碳计量",
                            "fields": ["index_title^3", "body"],
                            "type": "best_fields",
                            "operator": "or",
                            "minimum_should_match": "75%",
                        }
                    }
                ],
                "should": [
                    {"match_phrase": {"index_title": {"query": "碳计量", "slop": 2, "boost": 6}}},
                    {"match_phrase": {"body": {"query": "碳计量", "slop": 2, "boost": 2}}},
                ],
            }
        },
        "post_filter": {"bool": {"filter": both}},
        "aggs": expected_aggs,
        "highlight": {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
            "require_field_match": False,
            "fields": {
                "title": {"number_of_fragments": 0},
                "body": {"fragment_size": 160, "number_of_fragments": 1, "no_match_size": 160},
            },
        },
        "sort": ["_score", {"date": {"order": "desc", "missing": "_last"}}],
        "_source": {"excludes": ["body", "index_title", "suggest"]},
        "track_total_hits": 10000,
        "from": 5,
        "size": 5,
    }


def test_empty_query_browses_newest_first_and_date_sorts():
    body = build_search(SearchQuery(text="")).to_dict()
    assert body["query"] == {"match_all": {}}
    assert body["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}
    oldest = build_search(SearchQuery(text="验收", sort=Sort.OLDEST)).to_dict()
    assert oldest["sort"][0] == {"date": {"order": "asc", "missing": "_last"}}


def test_the_page_window_is_bounded_by_the_parsed_query():
    from search.query import parse

    body = build_search(parse({"q": "验收", "page": "999999", "page_size": "100000"}).query).to_dict()
    assert body["size"] == 50
    assert body["from"] + body["size"] <= 10_000


def test_suggest_request():
    assert build_suggest("计量", 8).to_dict() == {
        "size": 0,
        "_source": False,
        "suggest": {
            "titles": {
                "prefix": "计量",
                "completion": {"field": "suggest", "size": 8, "skip_duplicates": True},
            }
        },
    }


def test_a_record_becomes_a_document_with_its_id():
    record = IndexRecord(
        doc_id="achievement-7",
        kind="achievement",
        page_id=7,
        title="冷库温度计量数据集",
        body="温度测点",
        url="/a/",
        type="数据集",
        key_field="乡村振兴",
        year=2025,
        date=datetime.date(2025, 1, 2),
    )
    doc = AchievementDocument.from_record(record)
    data = doc.to_dict(include_meta=True)
    assert data["_id"] == "achievement-7"
    assert data["_source"]["suggest"] == {"input": ["冷库温度计量数据集"]}
    assert data["_source"]["key_field"] == "乡村振兴"
    assert data["_source"]["index_title"] == "冷库温度计量数据集"


def test_a_measure_article_ranks_on_its_index_title_as_on_the_database_backend():
    record = IndexRecord(
        doc_id="measure-9-13",
        kind="measure",
        page_id=9,
        title="天津市计量数据建设应用中心管理办法（试行） 第十三条",
        index_title="第十三条",
        body="第十三条 验收考核",
        url="/m/#article-13",
    )
    source = DOCUMENTS["measure"].from_record(record).to_dict()
    assert source["index_title"] == "第十三条"
    assert source["title"] == record.title


@pytest.mark.parametrize("text", ["！？。，、；：“”（）", "...---///", "　 ！"])
def test_a_query_of_punctuation_only_browses_as_on_the_database_backend(text):
    assert build_search(SearchQuery(text=text)).to_dict()["query"] == {"match_all": {}}


def test_a_10000_character_query_is_cut_before_it_reaches_the_request():
    body = build_search(SearchQuery(text="计量" * 5000)).to_dict()
    assert len(body["query"]["bool"]["must"][0]["multi_match"]["query"]) == 100


@pytest.mark.parametrize("kind", list(Kind.values))
def test_every_document_shares_the_portal_fields(kind):
    assert issubclass(DOCUMENTS[kind], PortalDocument)


def test_rebuild_index_names_are_timestamped_under_the_alias(settings):
    name = new_index_name("achievement", datetime.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=datetime.UTC))
    assert name == f"{settings.PORTAL_ENV}-achievement-20260102030405000006"
