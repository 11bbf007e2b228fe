"""Query budget of the public pages (issue 14): at most 8 SQL queries each, constant as items grow.

Site identity, navigation, breadcrumbs, columns and view restrictions come from Django's cache
(cms_pages.site_cache), dropped on publish and on saving the site identity; these tests count the queries of
a page served the second time (the first fills the cache) and check that a change shows at once.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from cms_pages.models import (
    AchievementPage,
    CentrePage,
    DistrictSectionPage,
    HomePage,
    KnowledgeArticlePage,
    NewsPage,
    PolicyPage,
    ServiceGuidePage,
    SiteIdentity,
)

BUDGET = 8
DETAIL_MODELS = [PolicyPage, CentrePage, AchievementPage, KnowledgeArticlePage, NewsPage, ServiceGuidePage]


def public_paths() -> list[str]:
    paths = [HomePage.objects.live().first().url]
    for model in DETAIL_MODELS:
        page = model.objects.live().first()
        paths += [page.url, page.get_parent().url]
    paths.append(DistrictSectionPage.objects.live().first().url)
    return list(dict.fromkeys(paths))


def queries_of(client, path: str) -> int:
    client.get(path)  # fills Django's cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries.captured_queries)


def add_copies(count: int) -> None:
    """More items in every list: copies of the news, achievements and policies, published."""
    for model in (NewsPage, AchievementPage, PolicyPage, KnowledgeArticlePage):
        original = model.objects.live().first()
        for n in range(count):
            original.copy(update_attrs={"slug": f"{original.slug}-copy{n}", "title": f"{original.title}{n}"})


def test_every_public_page_stays_within_the_budget(demo_site, client):
    counts = {path: queries_of(client, path) for path in public_paths()}
    assert all(n <= BUDGET for n in counts.values()), counts
    assert counts["/"] <= BUDGET


def test_the_count_does_not_grow_with_the_items_listed(demo_site, client):
    paths = public_paths()
    before = {path: queries_of(client, path) for path in paths}
    add_copies(3)
    after = {path: queries_of(client, path) for path in paths}
    assert before == after


def test_view_restrictions_are_read_once_per_request_at_most(demo_site, client):
    """public() is evaluated from the cached restrictions: a warm home page reads none from the database."""
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not [q for q in queries.captured_queries if "wagtailcore_pageviewrestriction" in q["sql"]]


def test_a_publish_shows_in_the_navigation_and_listings_at_once(demo_site, client):
    home = HomePage.objects.live().first()
    client.get("/")
    news = NewsPage.objects.live().order_by("-date").first()
    news.title = "刚刚发布的新闻标题"
    revision = news.save_revision()
    revision.publish()
    assert "刚刚发布的新闻标题" in client.get(home.url).content.decode()

    column = Page.objects.child_of(home).live().in_menu().first().specific
    column.title = "改名后的栏目"
    column.save_revision().publish()
    assert "改名后的栏目" in client.get(home.url).content.decode()

    column.unpublish()
    assert "改名后的栏目" not in client.get(home.url).content.decode()


def test_saving_the_site_identity_shows_at_once(demo_site, client):
    client.get("/")
    identity = SiteIdentity.objects.get()
    identity.contact_phone = "022-12345678"
    identity.save()
    assert "022-12345678" in client.get("/").content.decode()


def test_a_private_section_stays_private_with_the_cache(demo_site, client):
    """A view restriction added after the cache was filled applies at once to pages, lists and menus."""
    news_index = NewsPage.objects.live().first().get_parent()
    news = NewsPage.objects.child_of(news_index).live().order_by("-date").first()
    assert news.title in client.get("/").content.decode()
    assert client.get(news.url).status_code == 200

    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(news.url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert news.title not in client.get("/").content.decode()
    assert news.title not in client.get(news_index.url).content.decode()

    PageViewRestriction.objects.create(page=news_index, restriction_type=PageViewRestriction.LOGIN)
    assert f'href="{news_index.url}"' not in client.get("/").content.decode()
