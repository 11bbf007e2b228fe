"""Rate limits per client address (等保 level 3): past its limit a path answers 429 with a Chinese message,
the styled page for people and `{"detail"}` for the API, and the count is per address."""

import uuid

import pytest
from django.urls import NoReverseMatch, reverse

from portal import rate_limits
from portal.rate_limits import LIMITS, Limit


@pytest.fixture
def limits_on(settings):
    settings.RATELIMIT_ENABLE = True
    settings.CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
        for alias in ("default", "ratelimit")
    }


def test_every_limited_view_is_a_route_of_the_portal():
    for name in LIMITS:
        kwargs = {"public_id": uuid.uuid4()} if name == "files:download" else {}
        try:
            reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            pytest.fail(f"{name} in portal.rate_limits.LIMITS names no route")


@pytest.mark.django_db
def test_search_page_past_its_limit_is_a_429_page_in_chinese(client, limits_on, monkeypatch):
    monkeypatch.setitem(LIMITS, "search:page", Limit("3/m"))
    for _ in range(3):
        assert client.get("/search/", {"q": "计量"}).status_code == 200
    refused = client.get("/search/", {"q": "计量"})
    assert refused.status_code == 429
    assert "请求过于频繁" in refused.content.decode()
    assert refused["Retry-After"] == "60" and "no-store" in refused["Cache-Control"]
    # Another address still gets through.
    assert client.get("/search/", {"q": "计量"}, REMOTE_ADDR="10.0.0.9").status_code == 200


@pytest.mark.django_db
def test_search_api_past_its_limit_answers_json(client, limits_on, monkeypatch):
    monkeypatch.setitem(LIMITS, "api-search", Limit("2/m"))
    for _ in range(2):
        assert client.get("/api/v1/search/", {"q": "计量"}).status_code == 200
    refused = client.get("/api/v1/search/", {"q": "计量"})
    assert refused.status_code == 429
    assert refused.json() == {"detail": rate_limits.MESSAGE}


@pytest.mark.django_db
def test_registration_counts_only_submissions(client, limits_on, monkeypatch):
    monkeypatch.setitem(LIMITS, "accounts:register", Limit("2/h", ("POST",)))
    for _ in range(2):
        assert client.post("/accounts/register/", {}).status_code in {200, 400}  # the form, with its errors
    assert client.get("/accounts/register/").status_code == 200
    assert client.post("/accounts/register/", {}).status_code == 429


@pytest.mark.django_db
def test_limits_are_off_when_disabled(client, settings, monkeypatch):
    settings.RATELIMIT_ENABLE = False
    monkeypatch.setitem(LIMITS, "search:page", Limit("1/m"))
    assert [client.get("/search/").status_code for _ in range(3)] == [200, 200, 200]


@pytest.mark.django_db
def test_the_token_endpoint_past_its_limit_answers_429(client, limits_on, monkeypatch):
    monkeypatch.setitem(LIMITS, "api-auth-token", Limit("2/m", ("POST",)))
    for _ in range(2):
        assert client.post("/api/v1/auth/token/", {}).status_code != 429
    refused = client.post("/api/v1/auth/token/", {})
    assert refused.status_code == 429
    assert refused.json() == {"detail": rate_limits.MESSAGE}
