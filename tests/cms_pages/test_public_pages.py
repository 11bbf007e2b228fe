"""The public pages: every type renders, the government meta tags and footer, the centre list rules."""

import re

import pytest
from django.test import override_settings

from cms_pages.models import (
    AchievementPage,
    CentrePage,
    HomePage,
    KnowledgeArticlePage,
    NewsPage,
    PolicyPage,
    ServiceGuidePage,
)


def meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta name="{name}" content="([^"]*)">', html)
    return found.group(1) if found else None


@pytest.mark.parametrize(
    "model",
    [HomePage, PolicyPage, CentrePage, AchievementPage, KnowledgeArticlePage, NewsPage, ServiceGuidePage],
)
def test_every_page_type_and_its_index_renders(demo_site, client, model):
    page = model.objects.live().first()
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert page.title in html
    if page.depth > 2:
        index = page.get_parent()
        assert client.get(index.url).status_code == 200


def test_layout_landmarks_search_box_and_skip_link(demo_site, client):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main-content">' in html
    assert '<main id="main-content"' in html
    assert 'aria-label="主导航"' in html
    assert '<form class="search-box" role="search" action="/search/" method="get" novalidate>' in html
    assert 'name="q"' in html and '<label for="site-search-q"' in html
    assert "/inbox/" not in html  # anonymous visitors have no inbox


def test_footer_shows_the_site_identity(demo_site, client):
    html = client.get("/").content.decode()
    for text in (
        "党政机关网站标识",
        "我为政府网站找错",
        "主办单位",
        "天津市市场监督管理委员会",
        "网站标识码",
        "1200000000",
    ):
        assert text in html, text
    assert "津ICP备00000000号（演示）" in html
    assert "津公网安备12000000000000号（演示）" in html
    assert "演示站点" in html  # the demo notice


def test_article_pages_carry_the_government_meta_tags(demo_site, client):
    news = NewsPage.objects.live().get(slug="measures-issued")
    html = client.get(news.url).content.decode()
    assert meta(html, "SiteName") == "天津市计量数据建设应用中心服务平台"
    assert meta(html, "SiteDomain") == "testserver"
    assert meta(html, "SiteIDCode") == "1200000000"
    assert meta(html, "ColumnName") == "工作动态"
    assert meta(html, "ColumnDescription")
    assert meta(html, "ColumnKeywords")
    assert meta(html, "ColumnType") == "文章页"
    assert meta(html, "ArticleTitle") == news.title
    assert meta(html, "PubDate") == "2025-07-22"
    assert meta(html, "ContentSource") == "天津市市场监督管理委员会"

    index_html = client.get(news.get_parent().url).content.decode()
    assert meta(index_html, "ColumnType") == "栏目页"
    assert meta(index_html, "ArticleTitle") is None


def test_breadcrumbs_lead_home(demo_site, client):
    page = AchievementPage.objects.live().first()
    html = client.get(page.url).content.decode()
    crumbs = re.search(
        r'<nav class="breadcrumbs container" aria-label="当前位置">(.*?)</nav>', html, re.S
    ).group(1)
    assert "首页" in crumbs and "成果展示" in crumbs and page.title in crumbs


def test_centre_list_shows_only_established_centres(demo_site, client):
    """R-27, R-35: the list holds established centres; a revoked one and one under construction are absent."""
    html = client.get("/centres/").content.decode()
    assert "天津市能源计量数据建设应用中心" in html
    assert CentrePage.objects.get(slug="ev-power-battery").title not in html
    assert CentrePage.objects.get(slug="smart-sensing-iiot").title not in html


def test_a_revoked_centre_page_says_it_was_revoked(demo_site, client):
    """R-35: revocation removes the centre from the list; its page stays and says so."""
    page = CentrePage.objects.get(slug="ev-power-battery")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "该中心已被撤销计量数据中心资格" in response.content.decode()


def test_achievements_filter_by_type_and_key_field(demo_site, client):
    html = client.get("/achievements/?type=dataset").content.decode()
    assert "共 2 项成果" in html
    html = client.get("/achievements/?type=software&field=green").content.decode()
    software = AchievementPage.objects.get(achievement_type="software")
    assert (software.title in html) == (software.key_field.code == "green")


def test_knowledge_filters_by_category_and_tag(demo_site, client):
    html = client.get("/knowledge/?category=basics").content.decode()
    assert "计量溯源性与计量数据可信度" in html and "什么是计量数据建设应用中心" not in html
    html = client.get("/knowledge/?tag=管理办法").content.decode()
    assert "什么是计量数据建设应用中心" in html and "计量溯源性与计量数据可信度" not in html


def test_service_guide_shows_every_element(demo_site, client):
    page = ServiceGuidePage.objects.get(slug="construction-application")
    html = client.get(page.url).content.decode()
    for heading in (
        "事项名称",
        "设定依据",
        "受理范围",
        "申请条件",
        "申请材料",
        "办理流程",
        "办理时限",
        "收费标准",
        "办理机构",
        "咨询方式",
        "监督投诉方式",
        "表格下载",
        "网上办理",
        "常见问题",
    ):
        assert f">{heading}</h2>" in html, heading
    # 在线办理 leads to the start of the guide's own service; anonymous visitors are sent to sign in (issue 12).
    assert html.count('href="/service-hall/start/construction/"') == 2
    start = client.get("/service-hall/start/construction/")
    assert (
        start.status_code == 302
        and start["Location"] == "/accounts/login/?next=/service-hall/start/construction/"
    )


def test_service_guide_carries_the_standard_elements_and_numbers_its_lists_once(demo_site, client):
    """The guide shows 事项编码, 办件类型, 结果名称 and 到现场次数; its lists are numbered by <ol> only."""
    import re

    page = ServiceGuidePage.objects.get(slug="construction-application")
    html = client.get(page.url).content.decode()
    for label, value in (
        ("事项编码", page.item_code),
        ("办件类型", page.case_type),
        ("结果名称", page.result_name),
        ("到现场次数", f"{page.onsite_visits}次"),
    ):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in html, label
    assert page.item_code and page.result_name
    items = re.findall(r"<li>\s*([^<]*)", html)
    assert items and not [text for text in items if re.match(r"[0-9０-９]+\s*[.．、]", text)]


def test_inbox_link_shows_the_unread_count_for_signed_in_users(demo_site, client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x-long-password-1")
    client.force_login(user)
    html = client.get("/").content.decode()
    assert 'href="/inbox/"' in html
    assert "退出" in html


def test_404_is_styled(demo_site, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "抱歉，您访问的页面不存在" in html
    assert 'aria-label="主导航"' in html


@override_settings(DEBUG=False)
def test_500_is_styled_and_needs_no_database(client):
    """The 500 page renders without a request context (Django's handler500), so a broken database cannot
    break it; it is a complete page in Chinese."""
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "抱歉，服务暂时不可用" in html and 'lang="zh-Hans"' in html


def test_guide_list_items_lose_their_own_numbers():
    """The shipped guides and the loader: no "1. 1." — the <ol> numbers each item once."""
    import json
    from pathlib import Path

    from cms_pages.demo.content import unnumbered

    assert unnumbered("1. 网上申报") == "网上申报" and unnumbered("２、受理") == "受理"
    assert unnumbered("3个月内") == "3个月内"
    data = Path(__file__).resolve().parents[2] / "cms_pages" / "data" / "demo" / "guides.json"
    for item in json.loads(data.read_text(encoding="utf-8"))["items"]:
        for text in item["conditions"] + item.get("process", []):
            assert unnumbered(text) == text, text
        assert item["item_code"] and item["result_name"] and item["case_type"] in ("承诺件", "即办件")
