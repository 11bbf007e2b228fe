"""Template context every page needs: the site identity (footer and meta tags) and the main navigation."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from cms_pages.models import SiteIdentity


def _site(request):
    if not hasattr(request, "_portal_site"):
        request._portal_site = Site.find_for_request(request)
    return request._portal_site


def _identity(request) -> SiteIdentity:
    site = _site(request)
    if site is None:  # a fresh database before `load_demo`: the defaults, unsaved
        return SiteIdentity()
    return SiteIdentity.for_site(site)


def _navigation(request) -> list:
    site = _site(request)
    if site is None:
        return []
    root = site.root_page
    return [root, *root.get_children().live().in_menu().public()]


def site_context(request) -> dict:
    return {
        "site_identity": SimpleLazyObject(lambda: _identity(request)),
        "main_navigation": SimpleLazyObject(lambda: _navigation(request)),
    }
