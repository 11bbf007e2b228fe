"""Rate limits per client address on the paths that can be abused (等保 level 3): registration, password
reset, API tokens, search, the public progress query and file downloads. One table, applied by one
middleware before the view runs, counted in Django's cache (Redis in production) by django-ratelimit.

A refusal is a 429 with a Chinese message: the styled page for people, `{"detail": …}` for the API. A row
may name its own refusal page and the function that gives that page its context (the progress query
answers on its own page, with its form and what was typed)."""

from dataclasses import dataclass

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.module_loading import import_string
from django_ratelimit.core import is_ratelimited


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
        if not is_ratelimited(
            request, group=group, key="ip", rate=limit.rate, method=limit.methods, increment=True
        ):
            return None
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": MESSAGE}, status=429)
        else:
            context = {"message": MESSAGE}
            if limit.context:
                context.update(import_string(limit.context)(request))
            response = render(request, limit.template, context, status=429)
        response["Retry-After"] = "60"
        response["Cache-Control"] = "private, no-store"
        return response
