"""The front cache: a real varnishd, started by the test with the repo's VCL, in front of a live server.

A publish shows through the cache within a second (the portal purges it); anything personal is never stored
(signed-in pages, session/CSRF cookies); a second user never sees the first one's page; bad input (a garbage
Cookie header, a huge query string, PURGE or BAN from a client that is not allowed) is neither cached nor a 500.
The test skips with the reason when varnishd is not installed (Debian package `varnish`, in .ci/run).
"""

import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = [pytest.mark.varnish, pytest.mark.django_db(transaction=True)]

VCL = Path(settings.BASE_DIR) / "docker" / "varnish" / "default.vcl"
HOST = "localhost"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Varnish:
    def __init__(self, backend_port: int):
        self.port = free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix="portal-varnish-"))
        vcl = VCL.read_text()
        vcl = vcl.replace('.host = "web";', '.host = "127.0.0.1";').replace(
            '.port = "8000";', f'.port = "{backend_port}";'
        )
        (self.workdir / "test.vcl").write_text(vcl)
        self.workdir.chmod(0o755)  # varnishd run by root reads the VCL as its own unprivileged user
        (self.workdir / "test.vcl").chmod(0o644)
        self.process = subprocess.Popen(
            ["varnishd", "-F", "-a", f"127.0.0.1:{self.port}", "-f", str(self.workdir / "test.vcl"),
             "-s", "malloc,64m", "-n", str(self.workdir / "n"), "-p", "ban_lurker_sleep=0.01"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stdout.read().decode(errors="replace"))
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("varnishd did not start in 30 s")

    def get(self, path: str, method: str = "GET", **headers):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", method=method, headers={"Host": HOST, **headers}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read().decode(errors="replace")

    def stop(self):
        self.process.kill()  # our own varnishd, by its pid
        self.process.wait(timeout=10)
        shutil.rmtree(self.workdir, ignore_errors=True)


@pytest.fixture
def site_tree(db):
    """A home page, a news column and one news item, on a site answering to the name the cache is asked for."""
    from datetime import date

    from wagtail.models import Page, Site

    from cms_pages.models import HomePage, NewsIndexPage, NewsPage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="首页", slug="home-front-cache"))
    Site.objects.all().delete()
    Site.objects.create(hostname=HOST, port=80, root_page=home, is_default_site=True)
    news_index = home.add_child(instance=NewsIndexPage(title="工作动态", slug="news", show_in_menus=True))
    news = news_index.add_child(
        instance=NewsPage(title="第一版标题", slug="first", date=date(2026, 11, 30), summary="摘要")
    )
    return {"home": home, "index": news_index, "news": news}


@pytest.fixture
def varnish(live_server, settings):
    if not shutil.which("varnishd"):
        pytest.skip("varnishd is not installed (Debian package varnish)")
    port = int(live_server.url.rsplit(":", 1)[1])
    cache = Varnish(port)
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{cache.port}",
        }
    }
    yield cache
    cache.stop()


def fetch_twice(varnish, path, **headers):
    varnish.get(path, **headers)
    return varnish.get(path, **headers)


def test_public_pages_are_stored_and_say_s_maxage(site_tree, varnish):
    status, headers, _ = varnish.get("/news/first/")
    assert status == 200 and "s-maxage" in headers["Cache-Control"]
    assert "public" in headers["Cache-Control"]
    status, headers, _ = varnish.get("/news/first/")
    assert headers["X-Cache"] == "HIT"


def test_a_publish_is_visible_through_the_cache_within_one_second(site_tree, varnish):
    news = site_tree["news"]
    for path in ("/", "/news/", "/news/first/"):
        assert fetch_twice(varnish, path)[1]["X-Cache"] == "HIT"
    news.title = "第二版标题"
    news.save_revision().publish()
    published = time.monotonic()
    for path in ("/news/first/", "/news/", "/"):
        while True:
            body = varnish.get(path)[2]
            if "第二版标题" in body:
                break
            assert time.monotonic() - published < 1.0, f"{path} still shows the old title after 1 s"
            time.sleep(0.05)

    news.unpublish()
    time.sleep(0.2)
    assert varnish.get("/news/first/")[0] == 404
    assert "第二版标题" not in varnish.get("/news/")[2]


def signed_in_cookie(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def test_a_signed_in_page_is_never_stored_and_a_second_user_never_sees_it(site_tree, varnish):
    from tests.factories.accounts import UserFactory

    first = UserFactory(username="first-user", full_name="第一位用户")
    second = UserFactory(username="second-user", full_name="第二位用户")
    for _ in range(2):
        status, headers, body = varnish.get("/news/first/", Cookie=signed_in_cookie(first))
        assert status == 200 and "第一位用户" in body or "first-user" in body
        assert headers["X-Cache"] == "MISS"
        assert "private" in headers["Cache-Control"] and "no-store" in headers["Cache-Control"]
    _, _, body = varnish.get("/news/first/", Cookie=signed_in_cookie(second))
    assert "first-user" not in body and "第一位用户" not in body
    _, _, anonymous = fetch_twice(varnish, "/news/first/")
    assert "first-user" not in anonymous and "second-user" not in anonymous and "登录" in anonymous


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/service-hall/", "/inbox/", "/admin/", "/commission/", "/bureau/"]
)
def test_personal_areas_pass_and_say_private(site_tree, varnish, path):
    status, headers, _ = fetch_twice(varnish, path)
    assert status < 500
    assert headers["X-Cache"] == "MISS"
    assert "private" in headers.get("Cache-Control", "")


def test_a_csrf_cookie_passes_the_cache(site_tree, varnish):
    fetch_twice(varnish, "/news/first/")
    _, headers, _ = varnish.get("/news/first/", Cookie="csrftoken=abc")
    assert headers["X-Cache"] == "MISS"


def test_bad_input_is_neither_cached_nor_a_500(site_tree, varnish):
    status, headers, _ = fetch_twice(varnish, "/news/first/", Cookie=';;==garbage=;%%%; sessionid; a="b')
    assert status == 200  # cookies the portal does not read are dropped: the public page, from the cache
    status, headers, _ = fetch_twice(varnish, "/news/first/", Cookie="sessionid=\x01garbage;;=")
    assert status < 500 and headers.get("X-Cache") != "HIT"
    status, headers, _ = fetch_twice(varnish, "/news/first/", Cookie="sessionid=not-a-session")
    assert status == 200 and headers.get("X-Cache") == "MISS" and "private" in headers["Cache-Control"]
    status, headers, _ = fetch_twice(varnish, "/news/?q=" + "x" * 5000)
    assert status < 500 and headers.get("X-Cache") != "HIT"
    status, headers, _ = fetch_twice(varnish, "/news/first/?q=" + "x" * 20_000)
    assert status < 500 and headers.get("X-Cache") != "HIT"


def test_purge_and_ban_from_a_client_not_allowed_are_refused(site_tree, varnish):
    """The VCL lets only the portal's hosts purge; here the allowed list is edited to leave out localhost."""
    vcl = varnish.workdir / "test.vcl"
    text = re.sub(r'    "127\.0\.0\.1";\n    "::1";\n', "", vcl.read_text())
    vcl.write_text(text)
    name = f"strict{time.monotonic_ns()}"
    admin = ["varnishadm", "-n", str(varnish.workdir / "n")]
    subprocess.run([*admin, "vcl.load", name, str(vcl)], check=True, capture_output=True)
    subprocess.run([*admin, "vcl.use", name], check=True, capture_output=True)
    fetch_twice(varnish, "/news/first/")
    for method in ("PURGE", "BAN"):
        status, _, _ = varnish.get("/news/first/", method=method, **{"X-Ban-Url": "."})
        assert status == 405
    assert varnish.get("/news/first/")[1]["X-Cache"] == "HIT"
