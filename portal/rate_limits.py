"""Rate limits per client address on the paths that can be abused (等保 level 3): registration, password
reset, API tokens, search, the public progress query and file downloads. One table, applied by one
middleware before the view runs, counted in Django's cache (Redis in production) by django-ratelimit. The
client address is portal.client_address's (RATELIMIT_IP_META_KEY): behind the front cache, the address the
cache saw, not the cache's own (docs/decisions/0150-client-address-behind-the-front-cache.md).

A refusal is a 429 with a Chinese message: the styled page for people, `{"detail": …}` for the API. A row
may name its own refusal page and the function that gives that page its context (the progress query
answers on its own page, with its form and what was typed).

When the counters cannot be read (Redis down or too slow: the cache ignores the error and django-ratelimit
reports no count), reading pages goes on: GET and HEAD pass uncounted, so the public site and search keep
serving. Every other method on a limited path (registration, password reset, API tokens) is refused with a
503 until the counters are back: an abuse-prone write is never let through uncounted
(docs/decisions/0130-redis-down-public-pages-serve.md)."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.module_loading import import_string
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    rate: str  # django-ratelimit's "count/period", e.g. "10/h"
    methods: tuple[str, ...] = ("GET", "POST", "PUT", "PATCH", "DELETE")
    template: str = "429.html"  # the refusal page for people
    context: str = ""  # dotted path of a function(request) -> dict for that page


# view name (as Django's resolver names it) → its limit per client address.
LIMITS = {
    "accounts:register": Limit("10/h", ("POST",)),
    "accounts:password-reset": Limit("10/h", ("POST",)),
    "api-auth-token": Limit("10/m", ("POST",)),
    "search:page": Limit("60/m"),
    "api-search": Limit("60/m"),
    "api-search-suggest": Limit("120/m"),
    "files:download": Limit("120/m"),
    # 办件进度查询 (issue 12, item 7): lookups only, never the page itself.
    "hall:progress": Limit(
        "10/m", ("POST",), template="hall/progress.html", context="services.hall.views.refused_context"
    ),
}
MESSAGE = "请求过于频繁，请稍后再试。"
UNCOUNTED_MESSAGE = "系统暂时无法受理此类请求，请稍后再试。"
READ_METHODS = ("GET", "HEAD")


def limit_for(request):
    match = getattr(request, "resolver_match", None)
    limit = LIMITS.get(match.view_name) if match else None
    return limit if limit and request.method in limit.methods else None


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        limit = limit_for(request) if getattr(settings, "RATELIMIT_ENABLE", True) else None
        if limit is None:
            return None
        group = request.resolver_match.view_name
        usage = get_usage(
            request, group=group, key="ip", rate=limit.rate, method=limit.methods, increment=True
        )
        if counter_unavailable(usage):
            logger.warning("rate-limit counters unavailable: %s %s %s", request.method, group, "passed"
                           if request.method in READ_METHODS else "refused")  # fmt: skip
            if request.method in READ_METHODS:
                return None
            return refusal(request, limit, UNCOUNTED_MESSAGE, 503)
        if usage is None or not usage["should_limit"]:  # None: RATELIMIT_FAIL_OPEN set after all
            return None
        return refusal(request, limit, MESSAGE, 429)


def counter_unavailable(usage) -> bool:
    """django-ratelimit answers a count it could not read or write as limit 0, time left -1 (it fails closed,
    RATELIMIT_FAIL_OPEN being off); no configured limit is 0."""
    return usage is not None and usage["limit"] == 0 and usage["time_left"] == -1


def refusal(request, limit, message, status):
    """The row's refusal: `{"detail"}` for the API, otherwise the row's page (the styled 429 page by default)."""
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=status)
    else:
        context = {"message": message, "status": status}
        if limit.context:
            context.update(import_string(limit.context)(request))
        response = render(request, limit.template, context, status=status)
    response["Retry-After"] = "60"
    response["Cache-Control"] = "private, no-store"
    return response
