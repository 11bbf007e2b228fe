"""Error answers in Chinese: the CSRF failure page (Django's own renders without the request, so without
the site's header and footer) and the API's exception handler (DRF passes Django's untranslated
"No X matches the given query." through as the detail)."""

import re

from django.apps import apps
from django.http import Http404
from django.shortcuts import render
from rest_framework import exceptions

from services.casework.api_errors import handle as handle_refusal

NOT_FOUND = re.compile(r"No (\w+) matches the given query\.")


def bad_request(request, exception, template_name="400.html"):
    """handler400: the styled page. A disallowed Host header (a 400 too) makes every look-up of the site by
    host fail again while the page renders; such a request gets the default site's header and footer."""
    from django.core.exceptions import DisallowedHost
    from wagtail.models import Site

    if isinstance(exception, DisallowedHost):
        site = Site.objects.filter(is_default_site=True).first()
        request._wagtail_site = request._portal_site = site
        hostname = site.hostname if site else "localhost"
        request.get_host = lambda: hostname  # this one response only: links on the page use the default site
    return render(request, template_name, status=400)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a styled 403 that says what happened and what to do; nothing of the reason leaks."""
    return render(request, "403_csrf.html", status=403)


def _model_label(object_name: str) -> str:
    for model in apps.get_models():
        if model._meta.object_name == object_name:
            return str(model._meta.verbose_name)
    return "对象"


def api_exception_handler(exc, context):
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: DRF's handler, with Django's English 404 detail in Chinese."""
    if isinstance(exc, Http404):
        message = str(exc.args[0]) if exc.args else ""
        match = NOT_FOUND.fullmatch(message)
        if match:
            exc = exceptions.NotFound(f"未找到该{_model_label(match.group(1))}，或您无权查看。")
        elif not message or message.isascii():
            exc = exceptions.NotFound()
    return handle_refusal(exc, context)
