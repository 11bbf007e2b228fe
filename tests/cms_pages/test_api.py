"""The read-only public API: only live, public pages; established centres only in the list (R-27, R-35, R-44)."""

import pytest
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms_pages.models import AchievementPage, CentrePage, KnowledgeArticlePage


def titles(response):
    return [item["title"] for item in response.json()["results"]]


def test_centre_list_holds_established_centres_only(demo_site, client):
    """R-35: a revoked centre and one under construction are not in the list."""
    response = client.get("/api/v1/centres/")
    assert response.status_code == 200
    assert titles(response) == ["天津市能源计量数据建设应用中心"]
    item = response.json()["results"][0]
    assert item["district_code"] == "120103"
    assert {k["name"] for k in item["key_fields"]} == {"新能源", "绿色环保"}
    assert item["url"] == "http://testserver/centres/energy-metrology-data/"
    assert item["status_display"] == "已成立"


def test_a_revoked_centre_stays_readable_a_draft_does_not(demo_site, client):
    revoked = CentrePage.objects.get(slug="ev-power-battery")
    assert client.get(f"/api/v1/centres/{revoked.pk}/").json()["status"] == "revoked"
    draft = CentrePage.objects.get(slug="smart-sensing-iiot")
    assert client.get(f"/api/v1/centres/{draft.pk}/").status_code == 404


def test_unpublished_and_private_pages_are_never_served(demo_site, client):
    hidden = AchievementPage.objects.get(slug="energy-online-dataset-2025")
    hidden.unpublish()
    private = AchievementPage.objects.live().exclude(pk=hidden.pk).first()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    served = titles(client.get("/api/v1/achievements/"))
    assert hidden.title not in served and private.title not in served
    assert client.get(f"/api/v1/achievements/{hidden.pk}/").status_code == 404
    assert client.get(f"/api/v1/achievements/{private.pk}/").status_code == 404


def test_achievements_filter_by_type_key_field_and_year(demo_site, client):
    datasets = client.get("/api/v1/achievements/?type=dataset").json()
    assert datasets["count"] == 2
    assert {item["achievement_type"] for item in datasets["results"]} == {"dataset"}
    one = AchievementPage.objects.live().first()
    filtered = client.get(f"/api/v1/achievements/?key_field={one.key_field.code}&year={one.year}").json()
    assert one.title in [item["title"] for item in filtered["results"]]
    assert all(item["key_field"]["code"] == one.key_field.code for item in filtered["results"])
    linked = next(item for item in filtered["results"] if item["id"] == one.pk)
    assert linked["centre"] == {"id": one.centre_page_id, "title": one.centre_page.title}


def test_knowledge_filters_by_category_and_tag(demo_site, client):
    assert titles(client.get("/api/v1/knowledge/?category=basics")) == ["计量溯源性与计量数据可信度"]
    assert titles(client.get("/api/v1/knowledge/?tag=管理办法")) == ["什么是计量数据建设应用中心"]
    item = client.get("/api/v1/knowledge/?tag=管理办法").json()["results"][0]
    assert set(item["tags"]) == {"管理办法", "政策解读"}


def test_the_api_is_read_only(demo_site, client, django_user_model):
    user = django_user_model.objects.create_user("writer", password="x-long-password-1")
    client.force_login(user)
    page = KnowledgeArticlePage.objects.live().first()
    assert client.post("/api/v1/knowledge/", {"title": "x"}).status_code == 405
    assert client.delete(f"/api/v1/knowledge/{page.pk}/").status_code == 405


@pytest.mark.parametrize("endpoint", ["/api/v1/centres/", "/api/v1/achievements/", "/api/v1/knowledge/"])
def test_list_queries_do_not_grow_with_items(demo_site, client, endpoint):
    from django.db import connection

    client.get(endpoint)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(endpoint)
    # publish more of everything by copying existing pages
    for model in (CentrePage, AchievementPage, KnowledgeArticlePage):
        for number, page in enumerate(list(model.objects.live())):
            page.copy(
                update_attrs={"slug": f"{page.slug}-copy-{number}", "title": f"{page.title}（副本）"},
                keep_live=True,
            )
    with CaptureQueriesContext(connection) as more:
        response = client.get(endpoint)
    assert response.json()["count"] > 0
    assert len(more.captured_queries) == len(few.captured_queries)
