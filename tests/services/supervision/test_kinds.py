"""Issue 11: supervision's record kinds are declared once (services.supervision.kinds); each declaration
gives its list, detail, creation and step pages and its API routes, so a sixth kind is one declaration more."""

from django.template.loader import get_template
from django.urls import resolve, reverse

from services.supervision import api_urls, views
from services.supervision.kinds import CREATIONS, KINDS, STEPS


def test_every_declared_kind_has_its_pages_and_api():
    api_paths = {str(p.pattern) for p in api_urls.urlpatterns}
    for kind in KINDS:
        listing = resolve(reverse(f"supervision:{kind.key}"))
        detail = resolve(reverse(f"supervision:{kind.name}", args=[1]))
        assert (listing.func, listing.kwargs) == (views.object_list, {"kind": kind.key})
        assert (detail.func, detail.kwargs) == (views.object_detail, {"kind": kind.key, "pk": 1})
        get_template(kind.template)
        assert f"^{kind.segment}/$" in api_paths and f"^{kind.segment}/(?P<pk>[^/.]+)/$" in api_paths
        assert api_urls.VIEWSETS[kind.key].serializer_class is kind.serializer
        assert api_urls.VIEWSETS[kind.key].model is kind.model
        for creation in kind.creations:
            page = resolve(reverse(f"supervision:{creation.url_name}"))
            assert (page.func, page.kwargs) == (views.object_new, {"creation": creation.url_name})
            assert CREATIONS[creation.url_name] == (kind, creation)
            if creation.api_route:
                assert f"^{kind.segment}/{creation.api_route}/$" in api_paths
        for step in kind.steps:
            page = resolve(reverse(f"supervision:{step.url_name}", args=[1]))
            assert (page.func, page.kwargs) == (views.object_step, {"step": step.url_name, "pk": 1})
            assert STEPS[step.url_name] == (kind, step)
            assert f"^{kind.segment}/(?P<pk>[^/.]+)/{step.api_route}/$" in api_paths


def test_creation_input_is_exactly_the_declared_fields():
    _kind, creation = CREATIONS["unannounced_new"]
    data = {"centre": "c", "inspected_on": "d", "experts": None, "files": ["x"], "other": 1}
    assert creation.action_input(data) == {"centre": "c", "inspected_on": "d", "experts": []}
