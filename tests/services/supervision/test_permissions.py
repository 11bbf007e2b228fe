"""The permission matrix of supervision (R-32): every role and the outsiders (another district's bureau, an
unassigned expert, another unit's member, anonymous) against every object kind, for list, detail, file
download, export, every action, in the pages and in the API."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from services.supervision.constants import InspectionKind, InspectionStatus
from services.supervision.models import (
    AnnualReport,
    ChangeReport,
    FollowUp,
    Inspection,
    Rectification,
    Reexamination,
    Revocation,
)
from tests.factories.accounts import login_verified
from tests.factories.people import EVERYONE
from tests.factories.supervision import EstablishedCentreFactory, InspectionFactory

pytestmark = pytest.mark.django_db

ROLES = EVERYONE
COMMISSION = {"commission_officer", "commission_leader"}
CENTRE_SIDE = COMMISSION | {"bureau_officer", "applicant"}
SEES = {
    "annual_report": CENTRE_SIDE,
    "change_report": CENTRE_SIDE,
    "inspection": CENTRE_SIDE,
    "unannounced": CENTRE_SIDE | {"expert"},
    "rectification": CENTRE_SIDE,
    "follow_up": CENTRE_SIDE,
    "reexamination": CENTRE_SIDE | {"expert"},
}
DETAIL = {
    "annual_report": ("supervision:annual_report", "/api/v1/supervision/annual-reports/{}/"),
    "change_report": ("supervision:change_report", "/api/v1/supervision/change-reports/{}/"),
    "inspection": ("supervision:inspection", "/api/v1/supervision/inspections/{}/"),
    "unannounced": ("supervision:inspection", "/api/v1/supervision/inspections/{}/"),
    "rectification": ("supervision:rectification", "/api/v1/supervision/rectifications/{}/"),
    "reexamination": ("supervision:reexamination", "/api/v1/supervision/reexaminations/{}/"),
}
LIST = {
    "annual_report": ("supervision:annual_reports", "/api/v1/supervision/annual-reports/"),
    "change_report": ("supervision:change_reports", "/api/v1/supervision/change-reports/"),
    "inspection": ("supervision:inspections", "/api/v1/supervision/inspections/"),
    "rectification": ("supervision:rectifications", "/api/v1/supervision/rectifications/"),
    "reexamination": ("supervision:reexaminations", "/api/v1/supervision/reexaminations/"),
}


def clients(people, role):
    """A page client and an API client, signed in with a verified second factor (R-43)."""
    user = getattr(people, role)
    web, api = Client(), APIClient()
    if role != "anonymous":
        login_verified(web, user)
        login_verified(api, user)
    return web, api


@pytest.mark.parametrize("role", ROLES)
def test_detail_list_and_file_download(people, world, role):
    """R-32: who sees each object, its files and its place in the lists (pages and API)."""
    web, api = clients(people, role)
    for kind, obj in world["objects"].items():
        visible = role in SEES[kind]
        download = web.get(world["files"][kind].get_absolute_url())
        assert download.status_code == (200 if visible else 404), (kind, "file")
        if kind not in DETAIL:
            continue
        page_name, api_path = DETAIL[kind]
        page = web.get(reverse(page_name, args=[obj.pk]))
        expected_page = 200 if visible else (302 if role == "anonymous" else 404)
        assert page.status_code == expected_page, (kind, "page")
        answer = api.get(api_path.format(obj.pk))
        expected_api = 200 if visible else (403 if role == "anonymous" else 404)
        assert answer.status_code == expected_api, (kind, "api")
    for kind, (page_name, api_path) in LIST.items():
        obj = world["objects"][kind]
        page = web.get(reverse(page_name))
        if role == "anonymous":
            assert page.status_code == 302
            assert api.get(api_path).status_code == 403
            continue
        link = reverse(DETAIL[kind][0], args=[obj.pk])
        assert (link in page.content.decode()) is (role in SEES[kind]), (kind, "list")
        ids = [row["id"] for row in api.get(api_path).json()["results"]]
        assert (obj.pk in ids) is (role in SEES[kind]), (kind, "api list")


@pytest.mark.parametrize("role", ROLES)
def test_other_districts_centre_is_invisible(people, world, role):
    """R-32: nothing of the 南开 centre shows to the 滨海 bureau, and vice versa."""
    web, api = clients(people, role)
    other = world["other"]
    visible = role in COMMISSION | {"other_bureau_officer", "other_applicant"}
    page = web.get(reverse("supervision:centre", args=[other.pk]))
    assert page.status_code == (200 if visible else (302 if role == "anonymous" else 404))
    answer = api.get(f"/api/v1/supervision/centres/{other.pk}/")
    assert answer.status_code == (200 if visible else (403 if role == "anonymous" else 404))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("table", ["centres", "annual_reports", "rectifications", "inspections"])
def test_export(people, world, role, table):
    """Exports: the commission (all) and bureaus (their district only); audited."""
    from services.supervision.models import ExportRecord

    web, _api = clients(people, role)
    response = web.get(reverse("supervision:export", args=[table, "csv"]))
    if role == "anonymous":
        assert response.status_code == 302
    elif role in COMMISSION | {"bureau_officer", "other_bureau_officer"}:
        assert response.status_code == 200
        text = response.content.decode("utf-8-sig")
        assert (world["centre"].name in text) is (role != "other_bureau_officer")
        assert ExportRecord.objects.filter(
            user=getattr(people, role), table=table, file_format="csv"
        ).exists()
    else:
        assert response.status_code == 403
        assert not ExportRecord.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_dashboards(people, world, role):
    web, _api = clients(people, role)
    bureau = web.get(reverse("bureau:home"))
    commission = web.get(reverse("supervision:commission_dashboard"))
    if role == "anonymous":
        assert bureau.status_code == commission.status_code == 302
        return
    if role in {"bureau_officer", "other_bureau_officer"}:
        assert bureau.status_code == 200
        assert (world["centre"].name in bureau.content.decode()) is (role == "bureau_officer")
    else:
        assert bureau.status_code == 403
    assert commission.status_code == (200 if role in COMMISSION else 403)


# every action ---------------------------------------------------------------------------------------------
def _planned_unannounced(world, people):
    inspection = InspectionFactory(
        centre=world["centre"], kind=InspectionKind.UNANNOUNCED, status=InspectionStatus.PLANNED, findings=""
    )
    inspection.experts.add(people.expert)
    return inspection


ACTIONS = {
    # name: (roles allowed, page url, api path, api payload, model counted, count delta on success)
    "annual_report": (
        {"applicant"},
        lambda w, p: reverse("supervision:annual_report_new"),
        lambda w, p: "/api/v1/supervision/annual-reports/",
        lambda w, p, role: {"centre": w["centre"].pk, "year": 2026, "summary": "年度总结"},
        AnnualReport,
    ),
    "change_report": (
        {"applicant"},
        lambda w, p: reverse("supervision:change_report_new"),
        lambda w, p: "/api/v1/supervision/change-reports/",
        lambda w, p, role: {
            "centre": w["centre"].pk,
            "category": "infrastructure",
            "description": "新建机房",
            "effective_on": "2026-11-01",
        },
        ChangeReport,
    ),
    "inspection": (
        {"bureau_officer"},
        lambda w, p: reverse("supervision:inspection_new"),
        lambda w, p: "/api/v1/supervision/inspections/",
        lambda w, p, role: {
            "centre": w["centre"].pk,
            "inspected_on": "2026-11-09",
            "inspectors": "张三",
            "items_checked": "台账",
            "findings": "正常",
            "conclusion": "satisfactory",
        },
        Inspection,
    ),
    "unannounced": (
        COMMISSION,
        lambda w, p: reverse("supervision:unannounced_new"),
        lambda w, p: "/api/v1/supervision/inspections/unannounced/",
        lambda w, p, role: {"centre": w["centre"].pk, "inspected_on": "2026-11-20", "experts": [p.expert.pk]},
        Inspection,
    ),
    "findings": (
        COMMISSION | {"expert"},
        lambda w, p: reverse("supervision:inspection_findings", args=[w["planned"].pk]),
        lambda w, p: f"/api/v1/supervision/inspections/{w['planned'].pk}/findings/",
        lambda w, p, role: {"findings": "运行正常", "conclusion": "satisfactory"},
        None,
    ),
    "rectify": (
        COMMISSION | {"bureau_officer"},
        lambda w, p: reverse("supervision:inspection_rectify", args=[w["objects"]["inspection"].pk]),
        lambda w, p: f"/api/v1/supervision/inspections/{w['objects']['inspection'].pk}/rectifications/",
        lambda w, p, role: {"requirements": "补齐台账", "deadline": "2027-01-31"},
        Rectification,
    ),
    "follow_up": (
        COMMISSION | {"bureau_officer", "applicant"},
        lambda w, p: reverse("supervision:follow_up", args=[w["objects"]["rectification"].pk]),
        lambda w, p: f"/api/v1/supervision/rectifications/{w['objects']['rectification'].pk}/follow-ups/",
        lambda w, p, role: {"outcome": "reported" if role == "applicant" else "in_progress", "note": "跟踪"},
        FollowUp,
    ),
    "reexamination": (
        COMMISSION,
        lambda w, p: reverse("supervision:reexamination_new"),
        lambda w, p: "/api/v1/supervision/reexaminations/",
        lambda w, p, role: {"centre": w["fresh"].pk, "scheduled_on": "2026-12-01", "experts": [p.expert.pk]},
        Reexamination,
    ),
    "outcome": (
        COMMISSION,
        lambda w, p: reverse("supervision:reexamination_outcome", args=[w["objects"]["reexamination"].pk]),
        lambda w, p: f"/api/v1/supervision/reexaminations/{w['objects']['reexamination'].pk}/outcome/",
        lambda w, p, role: {"outcome": "passed", "notes": "复查通过"},
        None,
    ),
    "revoke": (
        {"commission_leader"},
        lambda w, p: reverse("supervision:revoke", args=[w["centre"].pk]),
        lambda w, p: f"/api/v1/supervision/centres/{w['centre'].pk}/revoke/",
        lambda w, p, role: {"article": "article_20", "reasons": "严重违规"},
        Revocation,
    ),
}
# The form pages that create something are also open to the same role of another unit or district: they
# act on their own centres (the action on this centre is refused below).
PAGE_ALSO = {
    "annual_report": {"other_applicant"},
    "change_report": {"other_applicant"},
    "inspection": {"other_bureau_officer"},
}
IN_NOVEMBER = datetime(2026, 11, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _state(world, model):
    if model is not None:
        return model.objects.count()
    return (
        Inspection.objects.filter(status=InspectionStatus.COMPLETED).count(),
        Reexamination.objects.exclude(status="scheduled").count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(ACTIONS))
def test_every_action_in_pages_and_api(people, world, role, name):
    """R-30 … R-35: each action is open to its roles only, in the pages (form) and the API; refused, it saves
    nothing."""
    allowed, page_url, api_path, payload, model = ACTIONS[name]
    world["planned"] = _planned_unannounced(world, people)
    world["fresh"] = EstablishedCentreFactory(
        organisation=world["centre"].organisation
    )  # no re-examination yet
    web, api = clients(people, role)
    with time_machine.travel(IN_NOVEMBER, tick=False):
        page = web.get(page_url(world, people))
        if role == "anonymous":
            assert page.status_code == 302
        elif role in allowed | PAGE_ALSO.get(name, set()):
            assert page.status_code == 200
        else:
            assert page.status_code in (403, 404), page.status_code
        before = _state(world, model)
        answer = api.post(api_path(world, people), payload(world, people, role), format="json")
        after = _state(world, model)
    if role in allowed:
        assert answer.status_code in (200, 201), answer.content.decode()
        assert after != before
    else:
        assert answer.status_code in (400, 403, 404), answer.status_code
        assert after == before


def test_schema_documents_every_supervision_endpoint(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    for path in (
        "/api/v1/supervision/annual-reports/",
        "/api/v1/supervision/change-reports/",
        "/api/v1/supervision/inspections/",
        "/api/v1/supervision/inspections/unannounced/",
        "/api/v1/supervision/inspections/{id}/findings/",
        "/api/v1/supervision/inspections/{id}/rectifications/",
        "/api/v1/supervision/rectifications/{id}/follow-ups/",
        "/api/v1/supervision/reexaminations/",
        "/api/v1/supervision/reexaminations/{id}/outcome/",
        "/api/v1/supervision/centres/{id}/revoke/",
    ):
        assert path in text, path
    assert date  # dates in payloads are ISO strings
