"""Permission matrix: every role and the outsiders × every object kind of construction and acceptance ×
list, detail, action, file download and API (R-20 … R-27; the visibility rule of the brief).

One test per object kind walks every person, so that the matrix is read in one place."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from services.acceptance.actions import ApplyForAcceptance, AppointGroup
from services.acceptance.models import AcceptanceApplication
from services.construction.actions import RequestExtension, SubmitMajorReport
from services.construction.models import ExtensionRequest, MajorSituationReport
from services.files.models import CaseFile
from tests.factories.people import EVERYONE
from tests.services.acceptance.conftest import TEXTS
from tests.services.conftest import PDF

pytestmark = pytest.mark.django_db


CASE_RECORD_SEERS = {"applicant", "commission_officer", "commission_leader", "bureau_officer"}
CENTRE_SEERS = CASE_RECORD_SEERS | {"sysadmin"}  # the centre follows Centre.objects.visible_to
CASE_SEERS = CASE_RECORD_SEERS | {"expert"}


@pytest.fixture
def world(people, centre):
    report = SubmitMajorReport(
        people.applicant,
        centre,
        title="重大情况",
        body="内容",
        files=[SimpleUploadedFile("说明.pdf", PDF)],
    ).run()
    extension = RequestExtension(
        people.applicant,
        centre,
        reason="原因",
        proposed_assessment_on=date(2028, 1, 1),
        today=date(2027, 1, 5),
    ).run()
    application = ApplyForAcceptance(
        people.applicant,
        centre,
        texts=TEXTS,
        files={"summary_report": [SimpleUploadedFile("总结.pdf", PDF)]},
        today=date(2027, 2, 1),
    ).run()
    AppointGroup(
        people.commission_officer,
        application,
        experts=[people.expert],
        leader=people.expert,
        today=date(2027, 3, 1),
    ).run()
    return {
        "centre": centre,
        "report": report,
        "report_file": CaseFile.for_object(report).get(),
        "extension": extension,
        "application": application,
        "application_file": CaseFile.for_object(application).get(),
    }


def client_for(people, who):
    from django.test import Client

    from tests.factories.accounts import login_verified

    client = Client()
    if who != "anonymous":
        login_verified(client, getattr(people, who))  # staff pass the second factor
    return client


def api_for(people, who):
    client = APIClient()
    if who != "anonymous":
        client.force_authenticate(getattr(people, who))
    return client


def test_matrix_centre_construction_page_and_api(people, world):
    """R-20, R-42: the construction page and the centres API: commission, the district's bureau and the
    unit only."""
    pk = world["centre"].pk
    wrong = []
    for who in EVERYONE:
        page = client_for(people, who).get(f"/service-hall/construction/{pk}/")
        api_detail = api_for(people, who).get(f"/api/v1/construction/centres/{pk}/")
        api_list = api_for(people, who).get("/api/v1/construction/centres/")
        sees = who in CENTRE_SEERS
        listed = api_list.status_code == 200 and any(row["id"] == pk for row in api_list.json()["results"])
        if (page.status_code == 200) != sees or (api_detail.status_code == 200) != sees or listed != sees:
            wrong.append((who, page.status_code, api_detail.status_code, listed))
    assert wrong == []


def test_matrix_major_reports_detail_list_and_file(people, world):
    """R-20: reports and their files: commission, the district's bureau and the unit only."""
    report, case_file = world["report"], world["report_file"]
    wrong = []
    for who in EVERYONE:
        detail = client_for(people, who).get(f"/commission/construction/reports/{report.pk}/")
        download = client_for(people, who).get(f"/files/{case_file.public_id}/")
        api = api_for(people, who).get(f"/api/v1/construction/reports/{report.pk}/")
        sees = who in CASE_RECORD_SEERS
        if (detail.status_code == 200, download.status_code == 200, api.status_code == 200) != (sees,) * 3:
            wrong.append((who, detail.status_code, download.status_code, api.status_code))
    assert wrong == []


def test_matrix_extension_requests(people, world):
    """R-22: extension requests: seen by commission, bureau and unit; decided by the commission only."""
    extension = world["extension"]
    wrong = []
    for who in EVERYONE:
        api = api_for(people, who).get(f"/api/v1/construction/extensions/{extension.pk}/")
        if (api.status_code == 200) != (who in CASE_RECORD_SEERS):
            wrong.append((who, "detail", api.status_code))
        if who in {"commission_officer", "commission_leader"}:
            continue
        response = api_for(people, who).post(
            f"/api/v1/construction/extensions/{extension.pk}/decide/",
            {"approve": True, "new_end": "2028-01-01"},
            format="json",
        )
        if response.status_code not in (401, 403, 404):  # a refusal for want of a role is never a 400
            wrong.append((who, "decide", response.status_code))
    extension.refresh_from_db()
    assert wrong == [] and extension.status == "pending"
    response = api_for(people, "commission_leader").post(
        f"/api/v1/construction/extensions/{extension.pk}/decide/",
        {"approve": False, "reason": "不同意"},
        format="json",
    )
    assert response.status_code == 200, response.content


def test_matrix_acceptance_application_detail_list_file_and_api(people, world):
    """R-21, R-24: the acceptance case: commission, the district's bureau, the unit and the assigned
    expert; not another bureau, an unassigned expert, another unit or anyone else."""
    application, case_file = world["application"], world["application_file"]
    wrong = []
    for who in EVERYONE:
        page = client_for(people, who).get(f"/acceptance/{application.pk}/")
        download = client_for(people, who).get(f"/files/{case_file.public_id}/")
        api = api_for(people, who).get(f"/api/v1/acceptance/applications/{application.pk}/")
        listing = api_for(people, who).get("/api/v1/acceptance/applications/")
        listed = listing.status_code == 200 and [r["id"] for r in listing.json()["results"]] == [
            application.pk
        ]
        sees = who in CASE_SEERS
        got = (page.status_code == 200, download.status_code == 200, api.status_code == 200, listed)
        if got != (sees,) * 4:
            wrong.append((who, page.status_code, download.status_code, api.status_code, listed))
    assert wrong == []


ACCEPTANCE_ACTIONS = {
    # action: (payload, roles allowed at this state)
    "stages": (
        {"kind": "first_meeting", "held_on": "2027-03-02", "attendees": "考核组", "minutes": "纪要"},
        {"commission_officer", "commission_leader", "expert"},
    ),
    "conclude": ({}, set()),  # nobody: no final meeting yet
    "establish": ({}, set()),  # nobody: not passed
    "notice": ({"deadline": "2027-12-01", "requirements": "整改"}, set()),
    "cancel": ({"reason": "x"}, set()),
    "rectification": ({"body": "已整改"}, set()),
    "reassess": ({}, set()),
    "appoint": ({"experts": [], "leader": None}, set()),
}
# Who holds the role for the action but is refused by the state (a rule: 400); everyone else lacks the role
# or cannot see the case (403/404, issue 13).
COMMISSION_ROLES = {"commission_officer", "commission_leader"}
STATE_REFUSED = {
    "conclude": COMMISSION_ROLES,
    "notice": COMMISSION_ROLES,
    "reassess": COMMISSION_ROLES,
    "appoint": COMMISSION_ROLES,
    "establish": {"commission_leader"},
    "cancel": {"commission_leader"},
    "rectification": {"applicant"},
}


@pytest.mark.parametrize("name", sorted(ACCEPTANCE_ACTIONS))
def test_matrix_acceptance_actions_through_the_api(people, world, name, time_machine):
    """R-24 … R-27: each API action by every person at the assessing state: only the allowed succeed;
    the rest are refused and nothing changes."""
    time_machine.move_to("2027-03-05T02:00:00Z")
    application = world["application"]
    payload, allowed = ACCEPTANCE_ACTIONS[name]
    url = f"/api/v1/acceptance/applications/{application.pk}/{name}/"
    wrong = []
    for who in EVERYONE:
        if who in allowed:
            continue
        response = api_for(people, who).post(url, payload, format="json")
        expected = (400,) if who in STATE_REFUSED.get(name, set()) else (401, 403, 404)
        if response.status_code not in expected:
            wrong.append((who, response.status_code))
    application.refresh_from_db()
    assert wrong == [] and application.status == "assessing"
    assert not application.stages.exists()
    for who in sorted(allowed)[:1]:
        response = api_for(people, who).post(url, payload, format="json")
        assert response.status_code == 200, response.content


def test_matrix_bureau_progress_view(people, world):
    """Issue 5 (9): /bureau/construction/ shows the bureau's own district only, read-only."""
    name = world["centre"].name
    own = client_for(people, "bureau_officer").get("/bureau/construction/")
    assert own.status_code == 200 and name in own.content.decode()
    other = client_for(people, "other_bureau_officer").get("/bureau/construction/")
    assert other.status_code == 200 and name not in other.content.decode()
    for who in set(EVERYONE) - {"bureau_officer", "other_bureau_officer", "anonymous"}:
        assert client_for(people, who).get("/bureau/construction/").status_code == 403
    assert client_for(people, "anonymous").get("/bureau/construction/").status_code == 302


def test_matrix_commission_console(people, world):
    """R-20: the commission's console lists reports; nobody else opens it."""
    for who in EVERYONE:
        response = client_for(people, who).get("/commission/construction/")
        if who in {"commission_officer", "commission_leader"}:
            assert response.status_code == 200 and "重大情况" in response.content.decode()
        else:
            assert response.status_code in (302, 403), who


def test_matrix_builder_actions_through_pages(people, world):
    """R-20: only the unit's members file major-situation reports; others are refused, nothing saved."""
    centre = world["centre"]
    for who in EVERYONE:
        response = client_for(people, who).post(
            f"/service-hall/construction/{centre.pk}/reports/new/", {"title": "t", "body": "b"}
        )
        if who in {"applicant", "anonymous"}:  # the builder is redirected to the page; anonymous to sign-in
            assert response.status_code == 302, who
            assert (who == "applicant") == response.url.startswith("/service-hall/"), (who, response.url)
        else:  # a refusal for want of membership is a 403 (issue 13); centres out of sight are a 404
            assert response.status_code in (403, 404), (who, response.status_code)
    assert MajorSituationReport.objects.count() == 2
    assert ExtensionRequest.objects.count() == 1 and AcceptanceApplication.objects.count() == 1
