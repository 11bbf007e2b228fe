"""Cache-Control (issue 14): public answers carry s-maxage; anything personal says private, no-store."""

import pytest

from tests.portal.test_front_cache import HOST, site_tree  # noqa: F401


@pytest.fixture
def anonymous(client):
    client.defaults["HTTP_HOST"] = HOST
    return client


def test_a_public_page_may_be_kept_by_a_shared_cache(site_tree, anonymous, settings):  # noqa: F811
    response = anonymous.get("/news/first/")
    assert response.status_code == 200
    assert f"s-maxage={settings.FRONT_CACHE_S_MAXAGE}" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


def test_a_signed_in_user_gets_a_private_answer(site_tree, anonymous):  # noqa: F811
    from tests.factories.accounts import UserFactory

    anonymous.force_login(UserFactory())
    response = anonymous.get("/news/first/")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/accounts/login/", "/service-hall/", "/inbox/", "/admin/", "/files/1/"])
def test_personal_areas_are_private_for_everyone(site_tree, anonymous, path):  # noqa: F811
    assert "private" in anonymous.get(path)["Cache-Control"]


def test_a_session_or_csrf_cookie_or_a_post_makes_the_answer_private(site_tree, anonymous):  # noqa: F811
    anonymous.cookies["csrftoken"] = "x" * 32
    assert "private" in anonymous.get("/news/first/")["Cache-Control"]
    anonymous.cookies.clear()
    assert "private" in anonymous.post("/search/", {"q": "计量"})["Cache-Control"]


def test_the_api_answer_to_a_token_is_private(site_tree, anonymous):  # noqa: F811
    response = anonymous.get("/api/v1/schema/", HTTP_AUTHORIZATION="Token nonsense")
    assert "private" in response["Cache-Control"]
