"""Rate limits per client address (等保 level 3): past its limit a path answers 429 with a Chinese message,
the styled page for people and `{"detail"}` for the API, and the count is per address."""

import dataclasses
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


@pytest.mark.django_db
def test_the_progress_query_past_its_limit_answers_on_its_own_page(client, limits_on, monkeypatch):
    """Issue 12, item 7: the progress query is a row of the table whose refusal is the progress page's own
    Chinese 429, with its form and what was typed; the page itself (GET) is never counted."""
    monkeypatch.setitem(LIMITS, "hall:progress", dataclasses.replace(LIMITS["hall:progress"], rate="2/m"))
    data = {"case_number": "JLYS-2026-9999", "credit_code": "91120116MA05T8XX1Y"}
    for _ in range(2):
        assert client.post("/service-hall/progress/", data).status_code == 200
    refused = client.post("/service-hall/progress/", data)
    body = refused.content.decode()
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60" and "no-store" in refused["Cache-Control"]
    assert "<h1>办件进度查询</h1>" in body and "您的查询次数过多，请一分钟后再试。" in body
    assert 'value="JLYS-2026-9999"' in body and "novalidate" in body  # the form again, as typed
    assert "请求过于频繁，请稍后再试" not in body  # not the generic 429 page
    assert client.get("/service-hall/progress/").status_code == 200
    assert client.post("/service-hall/progress/", data, REMOTE_ADDR="10.0.0.9").status_code == 200
