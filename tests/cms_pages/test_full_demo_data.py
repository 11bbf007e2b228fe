"""The full demo data set (cms_pages/data/demo/*.json, written by the content helper) loads, twice, cleanly."""

import json

import pytest

from cms_pages.demo.upsert import DATA_DIR, read_items
from cms_pages.models import AchievementPage, CentrePage, KnowledgeArticlePage, NewsPage, ServiceGuidePage
from tests.cms_pages.test_demo_loader import snapshot


@pytest.mark.parametrize("name", ["centres", "achievements", "knowledge", "news", "guides"])
def test_every_demo_file_is_valid_json_with_unique_slugs(name):
    path = DATA_DIR / f"{name}.json"
    assert path.exists(), f"{path} is missing"
    json.loads(path.read_text(encoding="utf-8"))
    slugs = [item["slug"] for item in read_items(name)]
    assert slugs and len(slugs) == len(set(slugs))


def test_full_demo_data_loads_and_a_second_run_changes_nothing(db, progress):
    from cms_pages import demo

    demo.run(progress)
    assert CentrePage.objects.count() == len(read_items("centres"))
    assert AchievementPage.objects.count() == len(read_items("achievements"))
    assert KnowledgeArticlePage.objects.count() == len(read_items("knowledge"))
    assert NewsPage.objects.count() == len(read_items("news"))
    assert ServiceGuidePage.objects.count() == len(read_items("guides"))
    before = snapshot()
    demo.run(progress)
    assert snapshot() == before
