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


def test_each_exported_kind_gives_its_export_table(people, world):
    """R-32, issue 11: a kind's export (Excel, CSV) is built from its declaration, with the columns the
    exports always had; the rectification is overdue only while open and past its deadline (R-42)."""
    from datetime import timedelta

    from services.supervision.tables import TABLES

    exported = {kind.key for kind in KINDS if kind.export}
    assert exported == {"annual_reports", "inspections", "rectifications"}
    assert set(TABLES) == {"centres", "case_events", *exported}
    for kind in KINDS:
        if kind.export:
            assert (TABLES[kind.key].title, TABLES[kind.key].filename) == (kind.title, kind.segment)
    objects, centre = world["objects"], world["centre"]
    report, daily, rectification = objects["annual_report"], objects["inspection"], objects["rectification"]
    today = rectification.deadline + timedelta(days=1)
    first = [centre.name, centre.district.name]
    headers, rows = TABLES["annual_reports"].rows(people.commission_officer, today)
    assert headers == ["中心名称", "所在区", "年度", "报送日期", "是否逾期"]
    assert rows == [[*first, report.year, report.submitted_on, report.late]]
    headers, rows = TABLES["inspections"].rows(people.commission_officer, today)
    assert headers == ["中心名称", "所在区", "检查类型", "检查日期", "检查人员", "检查结论", "检查发现"]
    expected = [
        *first,
        daily.get_kind_display(),
        daily.inspected_on,
        daily.inspectors,
        daily.get_conclusion_display(),
        daily.findings,
    ]
    assert expected in rows and len(rows) == 2
    headers, rows = TABLES["rectifications"].rows(people.commission_officer, today)
    assert headers == ["中心名称", "所在区", "来源", "整改要求", "下达日期", "整改期限", "状态", "是否逾期"]
    assert rows == [
        [
            *first,
            str(daily),
            rectification.requirements,
            rectification.issued_on,
            rectification.deadline,
            rectification.get_status_display(),
            rectification.is_open,
        ]
    ]
    assert TABLES["rectifications"].rows(people.commission_officer, rectification.deadline)[1][0][-1] is False
