"""The client's address through a real varnishd with the repo's VCL (docs/decisions/0150): varnishd appends the
address it was connected from to X-Forwarded-For and the portal, trusting varnishd's address alone, records
that address — a forged X-Forwarded-For sent by the client is neither recorded nor chosen (R-43).

The client connects from 127.0.0.2 (all of 127/8 is this host), varnishd reaches the live server from
127.0.0.1, the one trusted proxy. Skips when varnishd is not installed (Debian package `varnish`)."""

import http.client
import re
import shutil
from urllib.parse import urlencode

import pytest

from tests.portal.test_front_cache import HOST, Varnish

pytestmark = [pytest.mark.varnish, pytest.mark.django_db(transaction=True)]

CLIENT = "127.0.0.2"
FORGED = "203.0.113.66"


@pytest.fixture
def varnish(live_server, settings):
    if not shutil.which("varnishd"):
        pytest.skip("varnishd is not installed (Debian package varnish)")
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # varnishd's address towards the live server
    cache = Varnish(int(live_server.url.rsplit(":", 1)[1]))
    yield cache
    cache.stop()


def through(varnish, method, path, body=None, **headers):
    """One request to varnishd from CLIENT's address."""
    connection = http.client.HTTPConnection("127.0.0.1", varnish.port, timeout=10, source_address=(CLIENT, 0))
    try:
        connection.request(method, path, body=body, headers={"Host": HOST, **headers})
        response = connection.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read().decode()
    finally:
        connection.close()


def test_a_failed_sign_in_through_varnish_records_the_address_varnish_saw(varnish):
    from accounts.constants import AuditAction
    from accounts.models import AuditRecord
    from tests.factories.accounts import UserFactory

    UserFactory(username="li")
    status, cookie, page = through(varnish, "GET", "/accounts/login/", **{"X-Forwarded-For": FORGED})
    assert status == 200
    csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urlencode({"username": "li", "password": "wrong-password-1", "csrfmiddlewaretoken": token})
    status, _, _ = through(
        varnish,
        "POST",
        "/accounts/login/",
        body=form,
        **{
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie}",
            "X-Forwarded-For": f"{FORGED}, 10.9.9.9",
        },
    )
    assert status == 200  # the form again, with its error
    failed = AuditRecord.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert failed.actor_username == "li"
    assert failed.ip_address == CLIENT
