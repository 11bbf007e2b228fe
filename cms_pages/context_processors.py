"""Template context every page needs: the site identity (footer and meta tags) and the main navigation.

Both come from Django's cache (cms_pages.site_cache); a warm page spends no query on them.
"""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from cms_pages import site_cache
from cms_pages.models.settings import SiteIdentity


def _site(request):
    return Site.find_for_request(request)  # cached on the request by Wagtail


def site_context(request) -> dict:
    return {
        "site_identity": SimpleLazyObject(lambda: SiteIdentity.cached_for_site(_site(request))),
        "main_navigation": SimpleLazyObject(lambda: site_cache.navigation(_site(request))),
    }
