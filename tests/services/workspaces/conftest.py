"""One record for every queue of the workspaces, in 滨海新区 and 南开区, on a fixed Beijing day."""

import itertools
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
    bad_ratings = _bad_ratings(people, frozen)
    return {
        "ratings": bad_ratings,
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


_case_ids = itertools.count(90_001)


def _bad_rating(applicant, today, label):
    """A 差评 of the applicant's unit, given through the real action on `today`."""
    from django.contrib.contenttypes.models import ContentType

    from services.ratings.actions import SubmitRating
    from services.ratings.models import RatingInvitation

    organisation = applicant.membership.organisation
    invitation = RatingInvitation.objects.create(
        content_type=ContentType.objects.get_for_model(organisation),
        object_id=next(_case_ids),  # the invitation of a case that ended: any id, one each
        service="construction",
        case_label=label,
        organisation=organisation,
        ended_status="已撤回",
    )
    levels = {"overall": 1, "efficiency": 2, "guide_accuracy": 3, "convenience": 3, "platform": 3}
    rating = SubmitRating(applicant, invitation, levels=levels, reason="等待时间长。", today=today).run()
    return rating.case


def _bad_ratings(people, today):
    """Open 差评: 滨海新区's awaiting its 回访 (due the next working day) and one received 2026-11-20 that was
    never visited (overdue); 南开区's visited, its 整改 feedback due. A 差评 with its feedback given is not
    in the queue."""
    from datetime import timedelta

    from services.ratings.actions import FollowUpStep

    officer = people.commission_officer
    awaiting = _bad_rating(people.applicant, today, "JLSJ-2026-待回访")
    late = _bad_rating(people.applicant, date(2026, 11, 20), "JLSJ-2026-逾期")
    rectifying = _bad_rating(people.other_applicant, today - timedelta(days=1), "JLSJ-2026-整改中")
    FollowUpStep(officer, rectifying, "visit", text="已电话回访。").run()
    done = _bad_rating(people.other_applicant, today, "JLSJ-2026-已反馈")
    FollowUpStep(officer, done, "visit", text="已电话回访。").run()
    FollowUpStep(officer, done, "give_feedback", text="已整改。").run()
    return [awaiting, late, rectifying]
