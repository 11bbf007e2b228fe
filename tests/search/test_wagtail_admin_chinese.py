"""The Wagtail admin speaks Chinese: the strings Wagtail's own zh_Hans catalogue leaves in English are
translated in the project's catalogue (locale/zh_Hans), checked through the admin views."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(monkeypatch):
    from cms_pages import demo
    from cms_pages.demo import upsert
    from tests.cms_pages.conftest import SMALL_DEMO_DATA, RecordingProgress

    monkeypatch.setattr(upsert, "DATA_DIR", SMALL_DEMO_DATA)
    demo.run(RecordingProgress())


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/search/?q=验收"])
def test_admin_pages_are_chinese(admin_client, demo_site, path):
    html = admin_client.get(path).content.decode()
    assert 'lang="zh-hans"' in html.lower() or 'lang="zh-hans"' in html
    text = visible_text(html)
    for english in (
        "Pages",
        "Images",
        "Documents",
        "created in",
        "JavaScript is required",
        "editor guide",
        "upgrade",
    ):
        assert not re.search(rf"\b{english}\b", text), (path, english)
