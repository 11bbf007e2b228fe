"""Invitations to rate (issue 12, item 8): once per case that reached an end, to the inbox and by e-mail,
repeated 3 days later if unrated; never for a case still open."""

from datetime import timedelta

import pytest
from django.utils import timezone

from services.notifications.models import Notification
from services.notifications.reminders import scan
from services.ratings.models import Rating, RatingInvitation

pytestmark = pytest.mark.django_db


def test_a_withdrawn_application_invites_its_unit_once_by_inbox_and_email(people, withdrawn):
    invitations = RatingInvitation.objects.filter(object_id=withdrawn.pk, service="construction")
    assert invitations.count() == 1
    invitation = invitations.get()
    assert invitation.organisation_id == people.applicant.membership.organisation_id
    assert invitation.case_label == withdrawn.case_number
    rows = Notification.objects.filter(kind="rating.invitation", recipient=people.applicant)
    assert sorted(rows.values_list("channel", flat=True)) == ["email", "inbox"]
    assert rows.first().link == f"/service-hall/ratings/{invitation.pk}/"
    # Saving the ended case again (a retry, an edit by the system) writes nothing new.
    withdrawn.save()
    assert RatingInvitation.objects.filter(object_id=withdrawn.pk).count() == 1
    assert Notification.objects.filter(kind="rating.invitation").count() == 2


def test_an_open_case_is_not_invited(people):
    from tests.services.applications.builders import submitted

    application = submitted(people.applicant)
    assert not RatingInvitation.objects.filter(object_id=application.pk).exists()


def test_an_approved_application_and_a_received_report_are_invited(people, centre):
    from services.construction.actions import SubmitMajorReport
    from tests.services.applications.builders import approved

    application = approved(people)
    assert RatingInvitation.objects.filter(object_id=application.pk, service="construction").exists()
    report = SubmitMajorReport(people.applicant, centre, title="负责人调整", body="中心主任调整。").run()
    assert (
        RatingInvitation.objects.get(object_id=report.pk, service="major_situation").ended_status == "已接收"
    )


def test_an_unrated_invitation_is_repeated_three_days_later_once(people, invitation):
    invited_on = timezone.localdate(invitation.created_at, timezone.get_fixed_timezone(480))
    assert scan(invited_on + timedelta(days=2)) >= 0
    reminders = Notification.objects.filter(kind="rating.invitation_reminder", recipient=people.applicant)
    assert not reminders.exists()
    scan(invited_on + timedelta(days=3))
    assert sorted(reminders.values_list("channel", flat=True)) == ["email", "inbox"]
    scan(invited_on + timedelta(days=3))
    scan(invited_on + timedelta(days=4))
    assert reminders.count() == 2


def test_a_rated_invitation_is_not_repeated(people, invitation):
    from services.ratings.actions import SubmitRating
    from tests.services.ratings.conftest import GOOD

    SubmitRating(people.applicant, invitation, levels=GOOD).run()
    assert Rating.objects.filter(invitation=invitation).exists()
    invited_on = timezone.localdate(invitation.created_at, timezone.get_fixed_timezone(480))
    scan(invited_on + timedelta(days=3))
    assert not Notification.objects.filter(kind="rating.invitation_reminder").exists()


def test_a_decided_extension_request_is_invited_and_a_pending_one_is_not(people, centre):
    """R-22: the 延期验收申请 ends with the commission's decision."""
    from datetime import date

    from services.construction.actions import DecideExtension, RequestExtension

    request = RequestExtension(
        people.applicant,
        centre,
        reason="设备采购延期",
        proposed_assessment_on=date(2028, 3, 31),
        today=date(2027, 2, 28),
    ).run()
    assert not RatingInvitation.objects.filter(service="extension").exists()
    DecideExtension(people.commission_officer, request, approve=False, reason="理由不充分").run()
    invitation = RatingInvitation.objects.get(service="extension", object_id=request.pk)
    assert invitation.ended_status == "未同意"
    assert Notification.objects.filter(kind="rating.invitation", recipient=people.applicant).count() == 2
