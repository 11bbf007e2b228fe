"""R-30 reminders on 1 November; the demo step; the public profile page of a revoked centre (R-35)."""

from datetime import date, timedelta

import pytest

from portal.demo import Progress
from services.notifications.models import Notification
from services.supervision import reminders
from services.supervision.models import AnnualReport, FollowUp, Inspection, Rectification
from tests.factories.supervision import AnnualReportFactory
from tests.services.supervision import action_trail

pytestmark = pytest.mark.django_db


def test_reminder_goes_to_centres_that_have_not_reported_once(people, centres):
    """R-30: on 1 November each centre that owes this year's report is reminded, once, even if rerun."""
    AnnualReportFactory(centre=centres["nankai"], year=2026, submitted_on=date(2026, 11, 1))
    dues = reminders.annual_report_due(date(2026, 11, 1))
    assert [d.target for d in dues] == [centres["binhai"]]
    assert dues[0].deadline == date(2026, 11, 30)
    from services.notifications.reminders import scan

    scan(date(2026, 11, 1))
    scan(date(2026, 11, 1))
    kind = "centre.annual_report_due"
    sent = Notification.objects.filter(kind=kind)
    assert {n.recipient for n in sent} == {people.applicant}
    assert sent.filter(channel="inbox").count() == 1
    assert "2026年度工作总结报告" in sent.first().subject


def test_demo_is_idempotent(people, centres):
    """R-30, R-32, R-41: the demo's supervision records come from supervision's actions, once."""
    lines = []
    from services.supervision import demo

    demo.run(Progress(lines.append))
    counts = (AnnualReport.objects.count(), Inspection.objects.count(), Rectification.objects.count())
    follow_ups = FollowUp.objects.count()
    demo.run(Progress(lines.append))
    assert counts == (AnnualReport.objects.count(), Inspection.objects.count(), Rectification.objects.count())
    assert counts[0] > 0 and counts[1] == 1 and counts[2] == 1
    assert AnnualReport.objects.filter(late=True).count() == 1
    assert follow_ups == FollowUp.objects.count() == 1
    assert action_trail.without_their_action() == []


def test_demo_records_are_those_of_the_actions_with_their_people_and_dates(people, centres):
    """R-30, R-32: who reported and inspected, on which day of the training clock, and the late report."""
    from services.supervision import demo
    from services.supervision.constants import RectificationStatus

    demo.run(Progress([].append))
    inspection = Inspection.objects.get()
    centre = inspection.centre
    assert inspection.recorded_by.bureau_id == centre.district_id
    rectification = inspection.rectifications.get()
    assert rectification.issued_by == inspection.recorded_by
    assert rectification.issued_on == inspection.inspected_on
    assert rectification.deadline == inspection.inspected_on + timedelta(days=90)
    assert rectification.status == RectificationStatus.REPORTED
    follow_up = rectification.follow_ups.get()
    assert follow_up.recorded_by.membership.organisation == centre.organisation
    late = AnnualReport.objects.get(late=True)
    assert late.submitted_on == date(late.year, 12, 5)
    for report in AnnualReport.objects.filter(late=False):
        assert report.submitted_on == date(report.year, 11, 20)
        assert report.submitted_by.membership.organisation == report.centre.organisation


def test_a_record_written_without_its_action_is_named(people, centres):
    """R-40, R-41: the check the demo tests rely on finds a record that no action wrote."""
    from services.supervision import demo

    demo.run(Progress([].append))
    written = AnnualReportFactory(centre=centres["binhai"], year=2019, submitted_on=date(2019, 11, 20))
    (named,) = action_trail.without_their_action()
    assert f"年度工作总结报告 {written.pk}" in named and "submitted_by" in named and "notification" in named


def test_demo_without_centres_does_nothing(db):
    lines = []
    from services.supervision import demo

    demo.run(Progress(lines.append))
    assert AnnualReport.objects.count() == 0 and "跳过" in lines[0]


def test_revocation_updates_the_public_profile_page(people, centres):
    """R-35: the centre's CentrePage says it was revoked and leaves the list of established centres."""
    from wagtail.models import Page

    from cms_pages.models import CentrePage
    from services.supervision import actions

    centre = centres["binhai"]
    root = Page.get_first_root_node()
    page = root.add_child(
        instance=CentrePage(
            title=centre.name,
            slug="binhai-centre",
            centre=centre,
            unit_name="测试单位",
            district=centre.district,
            status="established",
        )
    )
    actions.Revoke(
        people.commission_leader, centre=centre, article="article_20", reasons="严重违规"
    ).execute()
    page.refresh_from_db()
    assert page.status == "revoked" and page.live
    assert not CentrePage.objects.established().filter(pk=page.pk).exists()
