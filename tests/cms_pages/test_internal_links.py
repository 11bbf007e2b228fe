"""Every internal link of every published page answers (issue 12, item 1): the full demo content is loaded,
each live public page is fetched, and every link, image and form target on it is requested as a route.
A 404 or a 5xx fails; a redirect (to sign-in, say) is an answer. Never a check of the strings."""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db

SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "action"):
            value = attrs.get(name)
            if value:
                self.found.append(value)


def internal(link: str) -> str | None:
    link = urldefrag(link.strip())[0]
    if not link or link.startswith(SKIP_SCHEMES):
        return None
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        if parts.netloc not in ("testserver", "127.0.0.1:8000", "localhost"):
            return None
        link = parts.path + (f"?{parts.query}" if parts.query else "")
    return link if link.startswith("/") else None


def answers(client: Client, link: str) -> int:
    from django.conf import settings

    if link.startswith(settings.STATIC_URL):
        return 200 if finders.find(urlsplit(link).path.removeprefix(settings.STATIC_URL)) else 404
    return client.get(link).status_code


@pytest.fixture
def full_demo(db):
    from cms_pages import demo
    from tests.cms_pages.conftest import RecordingProgress

    demo.run(RecordingProgress())


def test_no_internal_link_of_any_published_page_is_broken(full_demo):
    from wagtail.models import Page

    client = Client()
    pages = [page for page in Page.objects.live().public().specific() if page.url]
    assert len(pages) > 20
    seen: dict[str, int] = {}
    broken = []
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        parser = Links()
        parser.feed(response.content.decode())
        for raw in parser.found:
            link = internal(raw)
            if link is None:
                continue
            if link not in seen:
                seen[link] = answers(client, link)
            if seen[link] == 404 or seen[link] >= 500:
                broken.append(f"{page.url} → {link}: {seen[link]}")
    assert "/service-hall/start/construction/" in seen, "the guides' 在线办理 links were crawled"
    assert not broken, "\n".join(sorted(set(broken)))
