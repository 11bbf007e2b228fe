"""One record for every queue of the workspaces, in 滨海新区 and 南开区, on a fixed Beijing day."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from services.acceptance.constants import AcceptanceStatus
from services.acceptance.models import AcceptanceApplication
from services.centres.constants import CentreStatus
from services.construction.models import ExtensionRequest, MajorSituationReport
from services.reference.models import District
from tests.factories.centres import CentreFactory
from tests.factories.supervision import AnnualReportFactory, EstablishedCentreFactory, RectificationFactory
from tests.services.applications import builders

TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield TODAY


@pytest.fixture
def records(people, frozen):
    """Per queue, the records that belong in it (and some that do not)."""
    nankai = District.objects.get(code="120104")
    officer, applicant, other = people.commission_officer, people.applicant, people.other_applicant
    to_accept = builders.submitted(applicant)  # 滨海新区
    to_panel = builders.under_review(other, officer)  # 南开区, no leader yet
    # a second unit in 滨海新区 whose application has a submitted report: to decide
    from tests.factories.accounts import MemberFactory

    third = MemberFactory(organisation__district=applicant.membership.organisation.district).user
    to_decide = builders.reviewed_by(third, officer, builders.make_expert(name="组长专家"))
    constructing = CentreFactory(organisation=applicant.membership.organisation)
    major = MajorSituationReport.objects.create(
        centre=constructing, title="主要负责人变更", body="中心主任变更。", submitted_by=applicant
    )
    extension = ExtensionRequest.objects.create(
        centre=constructing,
        reason="设备到货延迟",
        proposed_assessment_on=date(2027, 11, 30),
        submitted_by=applicant,
        submitted_on=date(2026, 11, 20),
    )
    lapsed = CentreFactory(
        organisation=other.membership.organisation,
        district=nankai,
        status=CentreStatus.LAPSED,
        construction_end=date(2026, 10, 31),
    )
    assessing_centre = CentreFactory(organisation=other.membership.organisation, district=nankai)
    rectifying = AcceptanceApplication.objects.create(
        centre=assessing_centre,
        status=AcceptanceStatus.RECTIFYING,
        written_application="申请验收",
        summary_report="总结",
        follow_up_plan="规划",
        submitted_by=other,
        submitted_on=date(2026, 6, 1),
        rectification_deadline=date(2026, 11, 30),  # overdue by one day
    )
    established = EstablishedCentreFactory(organisation=applicant.membership.organisation)  # 2021-06-15
    for year in (2021, 2022, 2023, 2025):
        AnnualReportFactory(centre=established, year=year, submitted_on=date(year, 11, 20))
    rectification = RectificationFactory(
        inspection__centre=established, deadline=date(2026, 12, 31), issued_on=date(2026, 10, 1)
    )
    due_soon = EstablishedCentreFactory(
        district=nankai, established_on=date(2022, 1, 20), approved_on=date(2020, 1, 1)
    )  # first re-examination due 2027-01-20: within 90 days
    for year in (2022, 2023, 2024, 2025, 2026):
        AnnualReportFactory(centre=due_soon, year=year, submitted_on=date(year, 11, 10))
    return {
        "accept": [to_accept],
        "panels": [to_panel],
        "decide": [to_decide],
        "major-reports": [major],
        "extensions": [extension],
        "lapsed": [lapsed],
        "acceptance": [rectifying],
        "rectifications": [rectification],
        # 2024 and 2026 missing for the established centre
        "annual-reports": [(established, 2024), (established, 2026)],
        # established 2021-06-15: first round due 2026-06-15 (overdue); due_soon's due 2027-01-20
        "reexaminations": [(established, 1), (due_soon, 1)],
    }
