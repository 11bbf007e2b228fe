"""The API: bad input answers 400 with Chinese messages and saves nothing; the tenant boundary holds."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rest_framework.test import APIClient

from services.centres.constants import CentreStatus
from services.supervision.models import AnnualReport, Inspection, Rectification, Revocation
from tests.factories.accounts import login_verified
from tests.factories.supervision import EstablishedCentreFactory, InspectionFactory

pytestmark = pytest.mark.django_db
NOV = datetime(2026, 11, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
DEC = datetime(2026, 12, 3, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def api(user):
    return login_verified(APIClient(), user)


def test_annual_report_late_in_december_and_refused_for_a_centre_not_established(people, centres):
    """R-30: late outside November; a centre not established cannot report (clear message, nothing saved)."""
    with time_machine.travel(DEC, tick=False):
        late = api(people.applicant).post(
            "/api/v1/supervision/annual-reports/",
            {"centre": centres["binhai"].pk, "year": 2026, "summary": "补报"},
            format="json",
        )
    assert late.status_code == 201 and late.json()["late"] is True
    building = EstablishedCentreFactory(
        organisation=people.applicant.membership.organisation,
        status=CentreStatus.CONSTRUCTING,
        established_on=None,
    )
    with time_machine.travel(NOV, tick=False):
        refused = api(people.applicant).post(
            "/api/v1/supervision/annual-reports/",
            {"centre": building.pk, "year": 2026, "summary": "x"},
            format="json",
        )
    assert refused.status_code == 400
    assert "不是已成立的计量数据中心" in refused.json()["centre"][0]
    assert AnnualReport.objects.count() == 1


def test_inspection_without_centre_and_for_other_district(people, centres):
    """R-32: findings without a centre are refused; another district's centre is not even selectable."""
    client = api(people.bureau_officer)
    data = {
        "inspected_on": "2026-05-10",
        "inspectors": "张三",
        "items_checked": "台账",
        "findings": "问题",
        "conclusion": "rectify",
    }
    with time_machine.travel(NOV, tick=False):
        missing = client.post("/api/v1/supervision/inspections/", data, format="json")
        other = client.post(
            "/api/v1/supervision/inspections/", {**data, "centre": centres["nankai"].pk}, format="json"
        )
    assert missing.status_code == 400 and "请选择被检查的计量数据中心" in missing.json()["centre"][0]
    assert other.status_code == 400 and "不在您的监管范围内" in other.json()["centre"][0]
    assert Inspection.objects.count() == 0


def test_rectification_in_the_past_and_revocation_without_reasons(people, centres):
    inspection = InspectionFactory(centre=centres["binhai"])
    with time_machine.travel(NOV, tick=False):
        past = api(people.bureau_officer).post(
            f"/api/v1/supervision/inspections/{inspection.pk}/rectifications/",
            {"requirements": "补齐", "deadline": "2026-11-09"},
            format="json",
        )
        no_reasons = api(people.commission_leader).post(
            f"/api/v1/supervision/centres/{centres['binhai'].pk}/revoke/",
            {"article": "article_20"},
            format="json",
        )
    assert past.status_code == 400 and "整改期限不能早于今天" in past.json()["deadline"][0]
    assert no_reasons.status_code == 400 and "请填写撤销理由" in no_reasons.json()["reasons"][0]
    assert not Rectification.objects.exists() and not Revocation.objects.exists()


def test_centres_endpoint_gives_next_deadline_and_overdue(people, centres):
    with time_machine.travel(DEC, tick=False):
        answer = api(people.bureau_officer).get("/api/v1/supervision/centres/")
    rows = answer.json()["results"]
    assert [r["name"] for r in rows] == [centres["binhai"].name]
    assert "2026年度工作总结报告缺失" in rows[0]["overdue"]
    assert rows[0]["next_deadline"] and rows[0]["days_left"] >= 0


def test_unverified_staff_session_is_refused(people, centres):
    """R-43: a password-only session of a bureau officer does not reach the supervision API."""
    client = APIClient()
    client.force_login(people.bureau_officer)
    assert client.get("/api/v1/supervision/inspections/").status_code in (401, 403)
