"""Redis down leaves the public site serving (issue 15, "load held"; docs/decisions/0130): the pages' cache
and the rate-limit counters are on a real redis-server of the test's own, which the test kills. Public pages
and search still answer 200; the abuse-prone writes that are rate-limited are refused with a 503 while their
counters cannot be read. Sessions are in the database, so Redis is on no public path besides these two."""

import shutil
import signal
import socket
import subprocess
import time
from datetime import date

import pytest
import redis

from portal.settings.base import redis_cache


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_server():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (Debian package redis-server)")
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.05)
    yield process, client
    if process.poll() is None:
        process.kill()  # our own redis-server, by its pid
    process.wait(timeout=10)


@pytest.fixture
def portal_on_redis(settings, redis_server):
    """The portal's caches as production configures them (portal.settings.base.redis_cache), on our Redis."""
    process, client = redis_server
    url = f"redis://127.0.0.1:{client.connection_pool.connection_kwargs['port']}/0"
    settings.CACHES = {"default": redis_cache(url), "ratelimit": redis_cache(url, KEY_PREFIX="ratelimit")}
    settings.RATELIMIT_ENABLE = True
    return process, client


@pytest.fixture
def site_tree(db):
    from wagtail.models import Page, Site

    from cms_pages.models import HomePage, NewsIndexPage, NewsPage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="首页", slug="home-redis-down"))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    news_index = home.add_child(instance=NewsIndexPage(title="工作动态", slug="news", show_in_menus=True))
    news_index.add_child(
        instance=NewsPage(title="计量数据中心工作动态", slug="first", date=date(2026, 11, 30), summary="摘要")
    )
    return home


PUBLIC = ["/", "/news/", "/news/first/", "/search/?q=计量", "/api/v1/search/?q=计量"]


def kill(process):
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def test_sessions_are_not_on_redis(settings):
    """Signed-in pages keep working without Redis only while sessions stay in the database."""
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_public_pages_and_search_answer_200_after_redis_is_killed(client, site_tree, portal_on_redis):
    process, redis_client = portal_on_redis
    assert [client.get(path).status_code for path in PUBLIC] == [200] * len(PUBLIC)
    keys = [key.decode() for key in redis_client.keys("*")]
    assert any("cms_pages" in key for key in keys), keys  # the pages' cache really is on this Redis
    assert any("ratelimit" in key for key in keys), keys  # and so are the search's counters

    kill(process)
    started = time.monotonic()
    answers = {path: client.get(path) for path in PUBLIC}
    assert {path: response.status_code for path, response in answers.items()} == dict.fromkeys(PUBLIC, 200)
    assert "计量数据中心工作动态" in answers["/news/first/"].content.decode()
    assert time.monotonic() - started < 10 * len(PUBLIC)  # no request waits out more than the socket timeouts


def test_rate_limited_writes_are_refused_with_503_while_the_counters_are_down(
    client, site_tree, portal_on_redis
):
    process, _ = portal_on_redis
    kill(process)
    refused = client.post("/accounts/register/", {})
    assert refused.status_code == 503
    assert "系统暂时无法受理此类请求" in refused.content.decode()
    assert refused["Retry-After"] == "60"
    api = client.post("/api/v1/auth/token/", {"username": "x", "password": "y"})
    assert api.status_code == 503
    assert api.json() == {"detail": "系统暂时无法受理此类请求，请稍后再试。"}
    assert client.get("/accounts/register/").status_code == 200  # the form itself is not limited
