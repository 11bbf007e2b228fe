"""Purge the front cache (Varnish, docker/varnish/default.vcl) when what a public page shows changes.

wagtail.contrib.frontend_cache purges a page itself on publish and unpublish; this module adds the pages that
list it (its index, the home page, its centre's and its district's pages), and purges a deleted page with
them. When the navigation, breadcrumbs or footer of every page may change (a column or the home page is
published, a page is moved, the site identity is saved) it bans every page of the site instead.
Nothing happens without WAGTAILFRONTENDCACHE (the embedded default runs without Varnish).
"""

import logging
from urllib.error import URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends

from cms_pages.site_cache import UPPER_DEPTH

logger = logging.getLogger(__name__)


def listing_pages(page) -> list:
    """The live pages that list `page`: its parent, the home page, its centre's page and its district's."""
    from cms_pages.models import CentrePage, DistrictSectionPage

    specific = page.specific_deferred
    pages = [page.get_parent(), *page.get_ancestors().filter(depth=2)]
    centre_page = getattr(specific, "centre_page", None)
    if isinstance(centre_page, CentrePage):
        pages.append(centre_page)
    district_id = getattr(specific, "district_id", None) or getattr(centre_page, "district_id", None)
    if district_id:
        pages += list(DistrictSectionPage.objects.live().filter(district_id=district_id))
    return [p for p in pages if p is not None and p.depth > 1]


def page_urls(pages) -> list[str]:
    batch = PurgeBatch()
    batch.add_pages(pages)
    return list(batch.urls)


def purge_urls(urls: list[str]) -> None:
    if urls and settings.WAGTAILFRONTENDCACHE:
        batch = PurgeBatch()
        batch.add_urls(urls)
        transaction.on_commit(batch.purge)


def ban_everything() -> None:
    """Drop every page of every site from the front cache (after COMMIT)."""
    if settings.WAGTAILFRONTENDCACHE:
        transaction.on_commit(_send_bans)


def _send_bans() -> None:
    from wagtail.models import Site

    hosts = {
        site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
        for site in Site.objects.all()
    }
    for backend in get_backends().values():
        location = getattr(backend, "cache_netloc", None)
        if location is None:
            continue
        for host in hosts:
            request = Request(
                f"{backend.cache_scheme}://{location}/",
                method="BAN",
                headers={"Host": host, "X-Ban-Url": "."},
            )
            try:
                urlopen(request, timeout=5)
            except (URLError, OSError) as exc:
                logger.error("could not ban %s from the front cache: %s", host, exc)


def on_page_changed(instance, **kwargs) -> None:
    """Publish or unpublish: the listings of the page (Wagtail purges the page itself)."""
    if instance.depth <= UPPER_DEPTH:
        ban_everything()
    else:
        purge_urls(page_urls(listing_pages(instance)))


def on_page_deleted(instance, **kwargs) -> None:
    if instance.depth <= UPPER_DEPTH:
        ban_everything()
    elif instance.live:
        purge_urls(page_urls([instance, *listing_pages(instance)]))


def on_page_moved(instance, **kwargs) -> None:
    ban_everything()
