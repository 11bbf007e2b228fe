"""The public search page and its JSON API (R-44), including bad input: never a 500, never unbounded."""

import pytest
from django.urls import reverse

from search.constants import MAX_PAGE_SIZE


@pytest.fixture
def indexed(django_capture_on_commit_callbacks, achievement_page, centre_page):
    with django_capture_on_commit_callbacks(execute=True):
        achievement_page.save_revision().publish()
        centre_page.save_revision().publish()
    return achievement_page


def test_the_page_shows_highlighted_results_and_facets_with_counts(client, indexed):
    response = client.get("/search/", {"q": "碳计量"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>碳计量</mark>" in html
    assert "共找到 2 条结果" in html
    assert 'name="kind" value="achievement"' in html
    assert "(1)" in html
    assert 'name="district" value="西青区"' in html


def test_a_facet_filter_is_applied_from_the_get_form(client, indexed):
    response = client.get("/search/", {"q": "碳计量", "kind": "centre"})
    html = response.content.decode()
    assert "共找到 1 条结果" in html
    assert 'value="centre" checked' in html


def test_an_empty_query_shows_help_not_results(client, db):
    response = client.get("/search/", {"q": ""})
    assert response.status_code == 200
    assert "请输入检索词" in response.content.decode()


def test_zero_results_show_did_you_mean_and_suggestions(client, indexed):
    response = client.get("/search/", {"q": "较准证收"})
    html = response.content.decode()
    assert "没有找到" in html
    assert "您是不是要找" in html and "校准证书" in html
    assert "您可以试试" in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "验" * 10_000},
        {"q": "'; DROP TABLE search_searchentry; --"},
        {"q": "<script>alert(1)</script>"},
        {"q": 'title:"验收" OR NEAR(a b) *'},
        {"q": "计量", "page": "99999999"},
        {"q": "计量", "page": "-3"},
        {"q": "计量", "page_size": "100000"},
        {"q": "计量", "sort": "drop"},
        {"q": "计量", "kind": "nonsense", "district": "火星区", "year": "1800"},
        {"q": "计量", "year": "2025' OR '1'='1"},
    ],
)
def test_bad_input_gives_a_normal_page(client, indexed, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


def test_a_long_query_is_cut_and_the_page_says_so(client, indexed):
    html = client.get("/search/", {"q": "碳计量" + "验" * 10_000}).content.decode()
    assert "已截取前 100 个字符" in html


def test_an_invalid_facet_value_is_ignored_with_a_message(client, indexed):
    html = client.get("/search/", {"q": "碳计量", "district": "火星区"}).content.decode()
    assert "已忽略无效的筛选条件" in html
    assert "共找到 2 条结果" in html


def test_the_search_box_is_on_every_page(client, site_tree):
    html = client.get(site_tree["home"].url).content.decode()
    assert 'action="/search/"' in html


def test_post_is_not_allowed(client, db):
    assert client.post("/search/", {"q": "x"}).status_code == 405


# --- API ---------------------------------------------------------------------------------------


def test_api_returns_hits_facets_and_page_info(client, indexed):
    data = client.get(reverse("api-search"), {"q": "碳计量", "page_size": 1}).json()
    assert data["total"] == 2
    assert data["page"] == 1 and data["page_size"] == 1 and data["num_pages"] == 2
    assert len(data["hits"]) == 1
    hit = data["hits"][0]
    assert {
        "id",
        "kind",
        "kind_label",
        "title",
        "url",
        "snippet",
        "title_highlighted",
        "date",
        "facets",
    } <= set(hit)
    assert "<mark>" in hit["title_highlighted"]
    assert {f["value"] for f in data["facets"]["kind"]} == {"achievement", "centre"}
    assert data["backend"] == "database"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "计量", "page": "0"}, "page"),
        ({"q": "计量", "page": "100000"}, "page"),
        ({"q": "计量", "page_size": str(MAX_PAGE_SIZE + 1)}, "page_size"),
        ({"q": "计量", "sort": "x"}, "sort"),
        ({"q": "计量", "kind": "nonsense"}, "kind"),
        ({"q": "计量", "district": "火星区"}, "district"),
    ],
)
def test_api_refuses_bad_parameters_with_a_chinese_message(client, db, params, field):
    response = client.get(reverse("api-search"), params)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "检索参数有误。"
    assert field in body["errors"]


def test_api_truncates_long_queries_and_says_so(client, indexed):
    data = client.get(reverse("api-search"), {"q": "碳" * 10_000}).json()
    assert data["truncated"] is True
    assert len(data["query"]) == 100


def test_api_suggest(client, indexed):
    data = client.get(reverse("api-search-suggest"), {"q": "碳计量"}).json()
    assert "碳计量标准物质与校准能力共享目录" in data["suggestions"]
    assert client.get(reverse("api-search-suggest"), {"q": ""}).json()["suggestions"] == []


def test_api_endpoints_are_in_the_openapi_schema(client, db):
    response = client.get(reverse("api-schema"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"] if response["Content-Type"].startswith("application/json") else None
    if paths is None:
        import yaml

        paths = yaml.safe_load(response.content)["paths"]
    assert "/api/v1/search/" in paths
    assert "/api/v1/search/suggest/" in paths
    parameters = {p["name"] for p in paths["/api/v1/search/"]["get"]["parameters"]}
    assert {
        "q",
        "page",
        "page_size",
        "sort",
        "kind",
        "type",
        "key_field",
        "district",
        "centre",
        "year",
    } <= parameters
