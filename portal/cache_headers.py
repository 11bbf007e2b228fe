"""Cache-Control on every response, so that the front cache (Varnish) keeps what is public, and only that.

- Personal answers say `private, no-store`: a signed-in user, a request carrying a session, CSRF or messages
  cookie, a response that sets a cookie, anything under the personal prefixes (service hall, consoles,
  admin, accounts, inbox), an API answer to a request with credentials, and every method but GET/HEAD.
- Other GET/HEAD answers with status 200, 301, 302 (no cookie set), 404 or 410 are public:
  `public, max-age=FRONT_CACHE_MAX_AGE, s-maxage=FRONT_CACHE_S_MAXAGE`. The portal purges a page from
  the front cache when it is published, so the shared lifetime can be long; browsers keep a page briefly.
- A response that already says what it wants (static files from whitenoise, a view's own header) is left
  as it is unless it is personal.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control

PERSONAL_COOKIES = ("sessionid", "csrftoken", "messages")
PUBLIC_STATUSES = {200, 301, 302, 404, 410}


def _cookie_names() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages", *PERSONAL_COOKIES)


def is_personal(request, response) -> bool:
    if request.method not in ("GET", "HEAD"):
        return True
    if response.cookies:
        return True
    if request.path.startswith(tuple(settings.FRONT_CACHE_PERSONAL_PREFIXES)):
        return True
    if "HTTP_AUTHORIZATION" in request.META:
        return True
    if any(name in request.COOKIES for name in _cookie_names()):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class CacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_personal(request, response):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True, no_store=True)
            response.headers.pop("Expires", None)
        elif "Cache-Control" not in response and response.status_code in PUBLIC_STATUSES:
            patch_cache_control(
                response,
                public=True,
                max_age=settings.FRONT_CACHE_MAX_AGE,
                s_maxage=settings.FRONT_CACHE_S_MAXAGE,
            )
        return response
