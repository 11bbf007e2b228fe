"""The Wagtail admin's page search finds the measures by Chinese words (issue 13, item 7), through the admin
views: 管理办法 finds the measures page; 验收 finds it among the other pages that speak of acceptance.

The admin parses the search box into a query object (`PlainText`, operator "and"), which the project's
backend segments like a string; the measures' text comes from their StreamField of chapters and articles.
The Elasticsearch side of the same backend module is checked as data: its index settings, the page
mapping and the query body the admin's search compiles to (no server is needed for that)."""

import pytest
from wagtail.models import Page
from wagtail.search.query import PlainText

MEASURES_TITLE = "天津市计量数据建设应用中心管理办法(试行)"


@pytest.fixture
def measures(site_tree):
    """The measures imported by the real importer (manage.py import_measures), published."""
    from cms_pages.measures.importer import import_measures

    return import_measures(parent=site_tree["policies"]).page


@pytest.fixture
def acceptance_article(publish):
    from cms_pages.models import KnowledgeArticlePage

    page = KnowledgeArticlePage(
        title="计量数据中心验收考核评分细则解读",
        slug="acceptance-scoring",
        category="policy",
        summary="现场审查。",
    )
    return publish("knowledge", page)


def result_titles(response) -> list[str]:
    return [row.title for row in response.context["object_list"]]


def test_the_measures_text_is_indexed_from_their_articles(measures):
    """The segmented search text holds the articles' words (R-21's 验收 is in 第十三条 and after)."""
    text = measures.segmented_search_text().split()
    assert "验收" in text and "专家组" in text and "管理" in text and "办法" in text


def test_admin_search_finds_the_measures_by_guanli_banfa(admin_client, measures):
    response = admin_client.get("/admin/pages/search/", {"q": "管理办法"})
    assert response.status_code == 200
    assert result_titles(response) == [MEASURES_TITLE]
    assert MEASURES_TITLE in response.content.decode()
    # the same through the results fragment the search box reloads
    fragment = admin_client.get("/admin/pages/search/results/", {"q": "管理办法"})
    assert fragment.status_code == 200 and MEASURES_TITLE in fragment.content.decode()


def test_admin_search_finds_the_measures_among_the_acceptance_pages(
    admin_client, measures, acceptance_article
):
    response = admin_client.get("/admin/pages/search/", {"q": "验收"})
    assert response.status_code == 200
    titles = result_titles(response)
    assert MEASURES_TITLE in titles and acceptance_article.title in titles
    assert "政策文件" not in titles and "首页" not in titles  # pages that do not speak of acceptance


def test_a_word_not_in_any_page_finds_nothing(admin_client, measures):
    response = admin_client.get("/admin/pages/search/", {"q": "潮汐发电"})
    assert response.status_code == 200 and result_titles(response) == []


def test_query_objects_are_segmented_keeping_their_operator():
    from search.wagtail_backend import segment_query

    segmented = segment_query(PlainText("管理办法", operator="or", boost=2))
    assert (segmented.query_string, segmented.operator, segmented.boost) == ("管理 办法", "or", 2)


# Elasticsearch, as data ---------------------------------------------------------------------------------
@pytest.fixture
def es_backend(settings):
    settings.ELASTICSEARCH_ANALYZER = "smartcn"
    from search.wagtail_backend import SearchBackend

    # The client does not connect until a request is made; nothing here makes one.
    return SearchBackend({"URLS": ["http://127.0.0.1:9"], "INDEX_PREFIX": "test-wagtail-"})


def test_settings_choose_elasticsearch_when_its_url_is_set(monkeypatch):
    import importlib

    from portal.settings import base

    monkeypatch.setenv("ELASTICSEARCH_URL", "http://search.internal:9200")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.WAGTAILSEARCH_BACKENDS["default"] == {
            "BACKEND": "search.wagtail_backend",
            "URLS": ["http://search.internal:9200"],
            "INDEX_PREFIX": f"{reloaded.PORTAL_ENV}-wagtail-",
        }
    finally:
        monkeypatch.delenv("ELASTICSEARCH_URL")
        importlib.reload(base)


def test_elasticsearch_index_settings_analyse_chinese(es_backend):
    from search.wagtail_backend import SegmentedElasticsearchBackend

    assert isinstance(es_backend, SegmentedElasticsearchBackend)
    analysis = es_backend.settings["settings"]["analysis"]
    assert analysis["analyzer"]["default"]["tokenizer"] == "smartcn_tokenizer"
    assert analysis["analyzer"]["edgengram_analyzer"]["tokenizer"] == "smartcn_tokenizer"
    assert "edgengram" in analysis["filter"]  # Wagtail's own filters are kept
    assert es_backend.settings["settings"]["index"]["max_ngram_diff"] == 12


def test_elasticsearch_page_mapping_holds_the_segmented_text(es_backend, db):
    from cms_pages.models import PolicyPage

    properties = es_backend.mapping_class(PolicyPage).get_mapping()["properties"]
    field = properties["cms_pages_policypage__segmented_search_text"]
    assert field["type"] == "text" and "analyzer" not in field  # the index's default: the Chinese chain
    autocomplete = properties["cms_pages_policypage__segmented_search_text_edgengrams"]
    assert autocomplete["search_analyzer"] == "portal_chinese_autocomplete_search"
    assert properties["_edgengrams"]["search_analyzer"] == "portal_chinese_autocomplete_search"


def test_elasticsearch_query_of_the_admin_search_is_segmented(es_backend, db):
    """The admin's query object, compiled for Elasticsearch without sending it: the words 管理 办法."""
    results = es_backend.autocomplete(PlainText("管理办法"), Page.objects.all())
    query = results.query_compiler.get_query()
    assert "管理 办法" in str(query) and "管理办法" not in str(query)
