"""The page frame: the portal's base.html (foundation) when present, else a plain frame of this app with the
same blocks, so the pages work (and are tested) before the foundation's frame is merged."""

from functools import lru_cache

from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template


@lru_cache(maxsize=1)
def base_template() -> str:
    try:
        get_template("base.html")
    except TemplateDoesNotExist:
        return "applications/standalone.html"
    return "base.html"


def render_page(request, template: str, context: dict, status: int = 200):
    return render(request, template, {"base_template": base_template(), **context}, status=status)
