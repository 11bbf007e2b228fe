"""Every workspace URL the README names is a route that answers (never a 404)."""

import re
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
SECTION = README.split("### Workspaces", 1)[1].split("###", 1)[0]
URLS = sorted({url for url in re.findall(r"`(/[^`<…\s]*)`", SECTION)})


def test_the_readme_names_the_workspaces():
    for url in ("/service-hall/", "/commission/", "/expert/", "/bureau/", "/api/v1/", "/admin/"):
        assert url in URLS, url


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS)
def test_each_workspace_url_answers(client, url):
    status = client.get(url).status_code
    assert status in (200, 301, 302, 403), (url, status)
