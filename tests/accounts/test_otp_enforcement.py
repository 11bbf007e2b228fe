"""R-43: a password-only session of a user who needs a second factor reaches only the OTP pages.

The routes are DERIVED from the URL configuration: every pattern of every include, so a console page added
later is covered without anyone remembering to list it here.
"""

import re

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from rest_framework.test import APIRequestFactory

from accounts.constants import Role
from tests.factories.accounts import UserFactory, totp_device

pytestmark = pytest.mark.django_db

SAMPLES = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def _regex_to_path(regex: str) -> str:
    text = regex.lstrip("^").rstrip("$").replace("\\Z", "")
    text = re.sub(r"\(\?P<\w+>[^)]*\)\)?[*?+]?", "1", text)  # named groups → a sample value
    text = re.sub(r"\([^)]*\)[*?+]?", "", text)  # other groups (optional parts) → dropped
    return text.replace("\\", "").replace("?", "")


def _pattern_to_path(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        return re.sub(
            r"<(?:(\w+):)?\w+>", lambda m: SAMPLES.get(m.group(1) or "str", "x"), str(pattern._route)
        )
    if isinstance(pattern, RegexPattern):
        return _regex_to_path(pattern._regex)
    return str(pattern)


def all_routes(resolver=None, prefix="/"):
    """Every URL pattern reachable from ROOT_URLCONF, as (sample path, pattern description)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        path = prefix + _pattern_to_path(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from all_routes(entry, path)
        elif isinstance(entry, URLPattern):
            yield path, f"{prefix}{entry.pattern}"


ROUTES = sorted(set(all_routes()))


def test_the_url_configuration_is_walked():
    """The walk finds the consoles and both admins (a sanity check of the derivation itself)."""
    paths = [p for p, _ in ROUTES]
    assert len(paths) > 100
    for prefix in ("/admin/", "/django-admin/", "/bureau/", "/api/v1/", "/accounts/otp/"):
        assert any(p.startswith(prefix) for p in paths), prefix


def test_exempt_paths_do_not_open_a_protected_prefix():
    for exempt in settings.OTP_EXEMPT_PREFIXES:
        assert not any(exempt.startswith(p) for p in settings.OTP_PROTECTED_PREFIXES), exempt


@pytest.fixture
def unverified_client(client):
    officer = UserFactory(
        username="officer", roles=[Role.COMMISSION_OFFICER], is_staff=True, is_superuser=True
    )
    totp_device(officer)
    client.force_login(officer)  # a password-only session: no OTP device in the session
    return client


def _refused(response, path) -> bool:
    if any(path.startswith(p) for p in settings.OTP_API_PREFIXES):
        return response.status_code == 403 and "双因素认证" in response.json()["detail"]
    return response.status_code == 302 and response["Location"].startswith("/accounts/otp/?next=")


def test_every_route_refuses_an_unverified_staff_session(unverified_client):
    """R-43: every route outside the OTP pages — consoles, admins, API, anything added later — refuses."""
    checked, escaped = 0, []
    for path, description in ROUTES:
        if any(path.startswith(p) for p in settings.OTP_EXEMPT_PREFIXES):
            continue
        for method in ("get", "post"):
            response = getattr(unverified_client, method)(path)
            if not _refused(response, path):
                escaped.append(f"{method.upper()} {path} ({description}) → {response.status_code}")
        checked += 1
    assert escaped == []
    assert checked > 100


@pytest.mark.parametrize("prefix", settings.OTP_PROTECTED_PREFIXES)
def test_every_protected_prefix_refuses(unverified_client, prefix):
    """R-43: each staff prefix in OTP_PROTECTED_PREFIXES (also those whose console does not exist yet)."""
    response = unverified_client.get(prefix + "anything/")
    assert _refused(response, prefix)


def test_otp_pages_and_sign_out_stay_reachable(unverified_client):
    assert unverified_client.get("/accounts/otp/").status_code == 200
    assert unverified_client.post("/accounts/logout/").status_code in (200, 302)


def test_verified_staff_pass(client):
    from tests.factories.accounts import login_verified

    officer = UserFactory(roles=[Role.COMMISSION_OFFICER], is_staff=True, is_superuser=True)
    login_verified(client, officer)
    assert client.get("/django-admin/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_drf_session_authentication_refuses_unverified_staff_on_its_own():
    """R-43: even without the middleware, the API's session authentication refuses a password-only session."""
    from django_otp.middleware import OTPMiddleware
    from rest_framework import exceptions

    from accounts.api_auth import OTPSessionAuthentication

    officer = UserFactory(roles=[Role.EXPERT])
    request = APIRequestFactory().get("/api/v1/schema/")
    request.user = officer
    request.session = {}
    request._dont_enforce_csrf_checks = True
    OTPMiddleware(lambda r: None)(request)
    from rest_framework.request import Request

    drf_request = Request(request)
    with pytest.raises(exceptions.PermissionDenied):
        OTPSessionAuthentication().authenticate(drf_request)
