"""The demo tells one true story, produced by the real actions (R-14 … R-35): the invariants over the loaded
demo, and a second load after a user's journey through it (every application approved, every centre that can
be established) that changes nothing and leaves a portal that starts.

The full demo (cms_pages/data/demo/) is loaded once per module inside a transaction rolled back afterwards."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from accounts.models import ExpertProfile, User
from services.acceptance.constants import AcceptanceStatus, StageKind
from services.acceptance.models import AcceptanceApplication
from services.applications.constants import OPEN_STATUSES, ApplicationStatus
from services.applications.models import Application
from services.centres.constants import CentreStatus
from services.centres.models import Centre
from services.deadlines import clock
from services.deadlines import rules as deadlines
from services.reference.models import KeyField
from services.supervision import dashboard


class Silent:
    def step(self, message):
        pass

    def count(self, done, total, message):
        pass


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker):
    from django.db import transaction

    from portal.demo import run_all

    lines = []
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            run_all(lines.append)
            yield lines
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(_demo, db):
    return _demo


def established():
    return list(Centre.objects.filter(status=CentreStatus.ESTABLISHED))


def test_every_established_centre_has_a_task_book_and_a_passed_acceptance(demo):
    """R-14, R-24, R-25, R-27: a task book, a passed acceptance with its four stages and a score of 80 or more."""
    centres = established()
    assert len(centres) >= 6
    for centre in centres:
        assert centre.task_book.period_end == centre.construction_end, centre
        acceptance = AcceptanceApplication.objects.get(centre=centre)
        assert acceptance.status == AcceptanceStatus.ESTABLISHED, centre
        sheet = acceptance.score_sheets.get()
        assert sheet.passed and deadlines.passes(sheet.total), centre
        kinds = set(acceptance.stages.values_list("kind", flat=True))
        assert {StageKind.FIRST_MEETING, StageKind.ONSITE, StageKind.FINAL_MEETING} <= kinds, centre
        assert (
            centre.approved_on
            < acceptance.submitted_on
            <= deadlines.last_day_to_apply(centre.construction_end)
        )
        assert acceptance.submitted_on < centre.established_on <= clock.beijing_today()
        assert centre.organisation.verified_at is not None, centre


def test_annual_reports_are_in_the_right_years_and_the_dashboard_counts_them(demo):
    """R-30: every established centre reported for each year whose November has passed; the dashboard's
    missing count equals the records (none missing)."""
    today = clock.beijing_today()
    for centre in established():
        years = [
            y
            for y in deadlines.annual_report_years(centre.established_on, today)
            if max(date(y, 11, 20), centre.established_on) <= today
        ]
        assert sorted(centre.annual_reports.values_list("year", flat=True)) == years, centre
    counts = dashboard.report_counts(Centre.objects.prefetch_related("annual_reports"), today)
    missing = sum(counter.get("missing", 0) for counter in counts.values())
    assert missing == 0
    reported = sum(sum(counter.values()) for counter in counts.values())
    assert reported == sum(
        c.annual_reports.count() for c in Centre.objects.filter(status__in=["established", "revoked"])
    )


def test_every_supervision_record_comes_from_its_action(demo):
    """R-30, R-32, R-35, R-40, R-41: the demo's annual reports, inspection, rectification and follow-up (and
    any other supervision record) were written by supervision's actions: each names who acted and has its
    action's notification (a revocation also its case event); none was written straight into its table."""
    from services.supervision.models import AnnualReport, FollowUp, Inspection, Rectification
    from tests.services.supervision import action_trail

    counts = action_trail.counts()
    assert counts[AnnualReport] >= len(established()) and counts[Inspection] == 1
    assert counts[Rectification] == 1 and counts[FollowUp] == 1
    assert action_trail.without_their_action() == []


def test_no_established_centre_shows_a_construction_countdown(demo, client):
    """R-21, R-42: the last day to apply is shown while construction runs, never after establishment."""
    for centre in established():
        member = User.objects.filter(membership__organisation=centre.organisation).first()
        client.force_login(member)
        page = client.get(f"/service-hall/construction/{centre.pk}/").content.decode()
        assert "验收/延期申请最后一日" not in page, centre
        assert "尚无筹建任务书" not in page and centre.task_book.number in page, centre


def test_the_demo_has_one_centre_in_each_other_state(demo):
    """R-21 … R-23, R-25: under construction with days left, in rectification, extended, lapsed, revoked."""
    today = clock.beijing_today()
    by_status = {}
    for centre in Centre.objects.all():
        by_status.setdefault(centre.status, []).append(centre)
    (building,) = by_status[CentreStatus.CONSTRUCTING]
    assert deadlines.days_left(deadlines.last_day_to_apply(building.construction_end), today) > 0
    (rectifying,) = by_status[CentreStatus.RECTIFYING]
    assert rectifying.acceptance.rectification_deadline >= today
    (extended,) = by_status[CentreStatus.EXTENDED]
    assert (
        extended.extended_end == deadlines.extended_end_latest(extended.construction_end)
        and extended.extended_end > today
    )
    (lapsed,) = by_status[CentreStatus.LAPSED]
    assert deadlines.has_lapsed(lapsed.construction_end, today)
    assert by_status[CentreStatus.CONSTRUCTION_REVOKED]


def test_every_key_field_has_a_panel_available(demo):
    """R-11, R-24: at least two demo experts in each of the 15 key fields."""
    assert KeyField.objects.count() == 15
    for field in KeyField.objects.all():
        assert ExpertProfile.objects.filter(key_fields=field).count() >= 2, field.name


def test_no_two_live_centres_share_a_name(demo):
    names = list(
        Centre.objects.exclude(status__in=["revoked", "construction_revoked"]).values_list("name", flat=True)
    )
    assert len(names) == len(set(names))


def approve_every_application():
    """The journey a user may take: every open demo application reviewed and approved."""
    from services.applications import actions
    from services.reviews.actions import SaveReport
    from services.reviews.demo import review

    officer = User.objects.get(username="commission.officer")
    leader = User.objects.get(username="commission.leader")
    users = {u.username: u for u in User.objects.filter(username__startswith="expert.")}
    users["commission.officer"] = officer
    for application in Application.objects.filter(status__in=OPEN_STATUSES).exclude(
        status=ApplicationStatus.DRAFT
    ):
        applicant = application.created_by
        if application.status == ApplicationStatus.RETURNED:
            application = actions.Resubmit(application, declaration_accepted=True).execute(applicant)
        if application.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.RESUBMITTED):
            application = review(
                application, users, "expert.qian", "approve", reviewed_on=clock.beijing_today()
            )
        else:
            panel_leader = application.panel.members.get(is_leader=True).expert
            SaveReport(
                application,
                submit=True,
                document_review_on=clock.beijing_today(),
                document_review_findings="齐全。",
                site_visit_on=clock.beijing_today(),
                site_visit_findings="一致。",
                opinion="同意筹建。",
                recommendation="approve",
            ).execute(panel_leader)
            application.refresh_from_db()
        actions.Approve(application, targets="建成中心", tasks="汇聚数据").execute(leader)


def establish_every_centre_that_can_be():
    from portal.demo_centres import _assess, _people
    from services.acceptance.actions import Establish

    people = _people()
    today = clock.beijing_today()
    for centre in Centre.objects.filter(status__in=[CentreStatus.CONSTRUCTING, CentreStatus.EXTENDED]):
        if not deadlines.may_apply_acceptance(centre.construction_end, centre.extended_end, today):
            continue
        applicant = User.objects.filter(membership__organisation=centre.organisation).first()
        application, day = _assess(centre, applicant, people, today, "90")
        Establish(people["commission.leader"], application, today=day + timedelta(days=1)).run()


def test_loading_again_after_the_journey_changes_nothing_and_the_portal_starts(demo, client):
    """Idempotent after any journey: approve everything, establish what can be, load again; the portal starts."""
    approve_every_application()
    assert not Application.objects.filter(status__in=OPEN_STATUSES).exists()
    establish_every_centre_that_can_be()
    before = (Centre.objects.count(), Application.objects.count(), AcceptanceApplication.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert (
        Centre.objects.count(),
        Application.objects.count(),
        AcceptanceApplication.objects.count(),
    ) == before
    assert client.get("/").status_code == 200
    assert client.get("/accounts/login/").status_code == 200
