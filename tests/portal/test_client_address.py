"""The client's address behind the front cache (docs/decisions/0150): X-Forwarded-For is believed only from a
trusted proxy, and then its right-most entry that no trusted proxy is; garbage gives REMOTE_ADDR, never an
error. The audit trail (R-43), the rate limits (on the real Redis of REDIS_URL) and the sign-in lock-out count
two clients behind one cache apart, and a forged header chooses nothing."""

import os
import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from portal.client_address import MAX_HOPS, client_address, ratelimit_ip

CACHE = "172.28.0.10"  # the front cache's address in docker-compose.yml
NETWORK = ["172.28.0.10", "10.20.0.0/16", "fd00:28::/64"]

# (trusted proxies, REMOTE_ADDR, X-Forwarded-For or None, expected client address)
CASES = {
    "no proxy configured: REMOTE_ADDR, the header ignored": ([], CACHE, "198.51.100.7", CACHE),
    "no proxy configured, no header": ([], "198.51.100.7", None, "198.51.100.7"),
    "trusted proxy, one entry": (NETWORK, CACHE, "198.51.100.7", "198.51.100.7"),
    "trusted proxy, entry with spaces": (NETWORK, CACHE, "  198.51.100.7 ", "198.51.100.7"),
    "trusted proxy, no header": (NETWORK, CACHE, None, CACHE),
    "trusted proxy, empty header": (NETWORK, CACHE, " ", CACHE),
    "two trusted proxies in a row": (NETWORK, CACHE, "198.51.100.7, 10.20.3.4", "198.51.100.7"),
    "forged left-most entry": (NETWORK, CACHE, "203.0.113.66, 198.51.100.7", "198.51.100.7"),
    "forged entries that name trusted proxies": (
        NETWORK, CACHE, "10.20.0.1, 172.28.0.10, 198.51.100.7, 10.20.3.4", "198.51.100.7",
    ),
    "forged garbage left of the client": (NETWORK, CACHE, "<script>, 1.2.3.4.5, 198.51.100.7", "198.51.100.7"),
    "untrusted REMOTE_ADDR sending a header": (NETWORK, "198.51.100.7", "203.0.113.66", "198.51.100.7"),
    "untrusted REMOTE_ADDR naming a trusted proxy": (NETWORK, "198.51.100.7", "172.28.0.10", "198.51.100.7"),
    "garbage where the client should be": (NETWORK, CACHE, "not-an-address", CACHE),
    "address with a port": (NETWORK, CACHE, "198.51.100.7:4242", CACHE),
    "empty right-most entry": (NETWORK, CACHE, "198.51.100.7,", CACHE),
    "a huge single entry": (NETWORK, CACHE, "9" * 100_000, CACHE),
    "a huge header, the cache's entry right-most": (NETWORK, CACHE, "x," * 50_000 + "198.51.100.7", "198.51.100.7"),
    "only trusted proxies: the left-most began it": (NETWORK, CACHE, "10.20.0.5, 10.20.0.6", "10.20.0.5"),
    "more trusted hops than are read": (NETWORK, CACHE, ", ".join(["10.20.0.5"] * (MAX_HOPS + 1)), CACHE),
    "IPv6 client behind an IPv4 proxy": (NETWORK, CACHE, "2001:DB8:0:0::7", "2001:db8::7"),
    "IPv6 proxy": (NETWORK, "fd00:28::10", "198.51.100.7", "198.51.100.7"),
    "IPv6 proxy, forged entry": (NETWORK, "fd00:28::10", "2001:db8::66, 2001:db8::7", "2001:db8::7"),
    "IPv4-mapped REMOTE_ADDR of a trusted proxy": (NETWORK, "::ffff:172.28.0.10", "198.51.100.7", "198.51.100.7"),
    "IPv6 with a zone id is no address": (NETWORK, CACHE, "fe80::1%eth0", CACHE),
    "bracketed IPv6 is no address": (NETWORK, CACHE, "[2001:db8::7]", CACHE),
    "untrusted IPv6 REMOTE_ADDR": (NETWORK, "2001:db8::66", "198.51.100.7", "2001:db8::66"),
}  # fmt: skip


def request_from(remote, forwarded):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize("trusted, remote, forwarded, expected", CASES.values(), ids=CASES.keys())
def test_client_address(settings, trusted, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = trusted
    assert client_address(request_from(remote, forwarded)) == expected


def test_no_remote_addr_is_no_address_for_the_audit_and_an_error_for_the_counters(settings):
    """A Unix socket gives an empty REMOTE_ADDR: a deployment error, not client input."""
    settings.TRUSTED_PROXIES = NETWORK
    request = request_from("", "198.51.100.7")
    assert client_address(request) is None
    assert client_address(None) is None
    with pytest.raises(ImproperlyConfigured):
        ratelimit_ip(request)


@pytest.mark.parametrize("value", ["172.28.0.10/24", "varnish", "300.1.1.1"])
def test_a_trusted_proxy_that_is_no_address_or_network_is_refused(settings, value, monkeypatch):
    settings.TRUSTED_PROXIES = [value]
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        client_address(request_from(CACHE, "198.51.100.7"))
    from portal.settings.env import env_networks

    monkeypatch.setenv("TRUSTED_PROXIES", f"10.0.0.1, {value}")
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        env_networks("TRUSTED_PROXIES")


def test_the_environment_names_the_trusted_proxies(monkeypatch):
    from portal.settings.env import env_networks

    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    assert env_networks("TRUSTED_PROXIES") == []
    monkeypatch.setenv("TRUSTED_PROXIES", "172.28.0.10, fd00:28::/64")
    assert env_networks("TRUSTED_PROXIES") == ["172.28.0.10", "fd00:28::/64"]


def test_the_portal_reads_the_address_from_one_place():
    """django-ratelimit, django-axes and the audit trail are wired to portal.client_address."""
    from django.conf import settings

    assert settings.RATELIMIT_IP_META_KEY == "portal.client_address.ratelimit_ip"
    assert settings.AXES_CLIENT_IP_CALLABLE == "portal.client_address.client_address"


# --- behind one trusted proxy, two clients are two clients ---------------------------------------------------


@pytest.fixture
def limits_on_redis(settings):
    """The rate-limit counters on the real Redis (REDIS_URL), as production configures them, under a prefix
    of this test's own."""
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set")
    from portal.settings.base import redis_cache

    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": redis_cache(url, KEY_PREFIX=f"ratelimit-test-{uuid.uuid4().hex}"),
    }
    settings.RATELIMIT_ENABLE = True
    settings.TRUSTED_PROXIES = [CACHE]
    yield
    from django.core.cache import caches

    caches["ratelimit"].delete_pattern("*")  # this prefix's keys only (clear() would empty the whole db)


def search_as(client, forwarded):
    return client.get("/api/v1/search/", {"q": "计量"}, REMOTE_ADDR=CACHE, HTTP_X_FORWARDED_FOR=forwarded)


@pytest.mark.django_db
def test_rate_limit_counts_two_clients_behind_one_trusted_proxy_apart(client, limits_on_redis, monkeypatch):
    from portal.rate_limits import LIMITS, Limit

    monkeypatch.setitem(LIMITS, "api-search", Limit("2/m"))
    assert [search_as(client, "198.51.100.1").status_code for _ in range(2)] == [200, 200]
    assert search_as(client, "198.51.100.1").status_code == 429
    # A forged left-most entry does not make a new client; the second client has its own count.
    assert search_as(client, "203.0.113.9, 198.51.100.1").status_code == 429
    assert search_as(client, "198.51.100.2").status_code == 200


@pytest.mark.django_db
def test_without_trusted_proxies_everyone_behind_the_cache_shares_one_count(
    client, limits_on_redis, settings, monkeypatch
):
    """The default (empty TRUSTED_PROXIES): REMOTE_ADDR alone, as before, so the setting is what separates them."""
    from portal.rate_limits import LIMITS, Limit

    settings.TRUSTED_PROXIES = []
    monkeypatch.setitem(LIMITS, "api-search", Limit("2/m"))
    assert [search_as(client, "198.51.100.1").status_code for _ in range(2)] == [200, 200]
    assert search_as(client, "198.51.100.2").status_code == 429


@pytest.mark.django_db
def test_audit_record_behind_the_proxy_names_the_client(client, settings):
    """R-43: a failed sign-in through the front cache is recorded with the client's address, not the cache's."""
    from accounts.constants import AuditAction
    from accounts.models import AuditRecord
    from tests.factories.accounts import UserFactory

    settings.TRUSTED_PROXIES = [CACHE]
    UserFactory(username="li")
    client.post(
        "/accounts/login/",
        {"username": "li", "password": "wrong-password-1"},
        REMOTE_ADDR=CACHE,
        HTTP_X_FORWARDED_FOR="203.0.113.66, 2001:db8::7",
    )
    failed = AuditRecord.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert failed.ip_address == "2001:db8::7"


@pytest.mark.django_db
def test_lock_out_per_address_locks_the_client_not_everyone_behind_the_cache(client, settings):
    """R-43: five failures from one client behind the cache lock that client's address, not the cache's."""
    from tests.factories.accounts import DEMO_PASSWORD, UserFactory

    settings.TRUSTED_PROXIES = [CACHE]

    def attempt(username, password, forwarded):
        return client.post(
            "/accounts/login/",
            {"username": username, "password": password},
            REMOTE_ADDR=CACHE,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for n in range(5):
        UserFactory(username=f"u{n}")
        attempt(f"u{n}", "wrong-password-x", "198.51.100.1")
    UserFactory(username="innocent")
    assert attempt("innocent", DEMO_PASSWORD, "198.51.100.1").status_code == 429
    assert attempt("innocent", DEMO_PASSWORD, "203.0.113.5, 198.51.100.2").status_code == 302
