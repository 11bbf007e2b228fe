"""What the portal purges from the front cache when a page changes (issue 14), without a Varnish: the URLs
handed to wagtail.contrib.frontend_cache are recorded."""

import pytest
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from cms_pages import front_cache
from cms_pages.models import AchievementPage, DistrictSectionPage, HomePage


@pytest.fixture
def purged(monkeypatch, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://x"}
    }
    urls, bans = [], []
    monkeypatch.setattr(PurgeBatch, "purge", lambda self, *a, **k: urls.extend(self.urls))
    monkeypatch.setattr(front_cache, "_send_bans", lambda: bans.append(True))
    return urls, bans


def test_an_achievement_purges_its_index_home_centre_and_district(
    demo_site, purged, django_capture_on_commit_callbacks
):
    urls, bans = purged
    achievement = AchievementPage.objects.live().filter(centre_page__isnull=False).first()
    centre = achievement.centre_page
    section = DistrictSectionPage.objects.filter(district_id=centre.district_id).first()
    with django_capture_on_commit_callbacks(execute=True):
        achievement.save_revision().publish()
    paths = {url.split("/", 3)[3] for url in urls}
    # the page itself is purged by Wagtail's own handler (tests/portal/test_front_cache.py sees it)
    expected = {achievement.get_parent().url, HomePage.objects.get().url, centre.url}
    if section is not None:
        expected.add(section.url)
    assert {"/" + p for p in paths} >= expected
    assert not bans


def test_deleting_a_page_purges_it_and_its_listings(demo_site, purged, django_capture_on_commit_callbacks):
    urls, _ = purged
    achievement = AchievementPage.objects.live().first()
    url, index_url = achievement.url, achievement.get_parent().url
    with django_capture_on_commit_callbacks(execute=True):
        achievement.delete()
    paths = {"/" + u.split("/", 3)[3] for u in urls}
    assert {url, index_url, "/"} <= paths


def test_a_column_or_the_site_identity_bans_every_page(demo_site, purged, django_capture_on_commit_callbacks):
    from cms_pages.models import SiteIdentity

    _, bans = purged
    column = AchievementPage.objects.live().first().get_parent().specific
    with django_capture_on_commit_callbacks(execute=True):
        column.save_revision().publish()
    assert bans
    bans.clear()
    with django_capture_on_commit_callbacks(execute=True):
        SiteIdentity.objects.get().save()
    assert bans
