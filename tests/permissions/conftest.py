import pytest
from django.conf import settings as django_settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template


@pytest.fixture(autouse=True)
def base_template(settings):
    """Until the foundation's base.html is on this branch, render pages inside a bare test layout."""
    try:
        get_template("base.html")
    except TemplateDoesNotExist:
        templates = [dict(t) for t in django_settings.TEMPLATES]
        templates[0]["DIRS"] = [
            *templates[0]["DIRS"],
            django_settings.BASE_DIR / "tests" / "fallback_templates",
        ]
        settings.TEMPLATES = templates
