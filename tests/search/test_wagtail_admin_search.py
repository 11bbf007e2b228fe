"""Wagtail's own search finds Chinese words: editors search 验收 in the admin and find the pages."""

import pytest
from wagtail.models import Page


@pytest.fixture
def knowledge_page(publish):
    from cms_pages.models import KnowledgeArticlePage

    page = KnowledgeArticlePage(
        title="计量数据中心验收考核评分细则解读",
        slug="acceptance-scoring",
        category="policy",
        summary="现场审查的评分办法。",
    )
    return publish("knowledge", page)


def test_page_search_finds_a_word_inside_a_chinese_title(knowledge_page):
    assert knowledge_page.pk in {p.pk for p in Page.objects.search("验收")}
    assert knowledge_page.pk in {p.pk for p in Page.objects.autocomplete("考核")}
    assert knowledge_page.pk in {p.pk for p in Page.objects.search("评分细则")}


def test_page_search_finds_a_word_of_the_summary(knowledge_page):
    assert knowledge_page.pk in {p.pk for p in Page.objects.search("现场审查")}


def test_the_admin_page_search_finds_the_page(admin_client, knowledge_page):
    response = admin_client.get("/admin/pages/search/", {"q": "验收"})
    assert response.status_code == 200
    assert "计量数据中心验收考核评分细则解读" in response.content.decode()


def test_the_admin_page_listing_search_finds_the_page(admin_client, knowledge_page):
    parent = knowledge_page.get_parent()
    response = admin_client.get(f"/admin/pages/{parent.pk}/", {"q": "考核"})
    assert response.status_code == 200
    assert "计量数据中心验收考核评分细则解读" in response.content.decode()
