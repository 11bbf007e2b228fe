"""Construction (R-20 … R-23): reports, the one extension, lapse and revocation."""

from datetime import date

import pytest

from services.casework.models import CaseEvent
from services.casework.transitions import TransitionRefused
from services.centres.constants import CentreStatus
from services.construction.actions import (
    DecideExtension,
    FlagLapse,
    RequestExtension,
    RevokeConstruction,
    SubmitMajorReport,
    flag_lapses,
)
from services.construction.constants import ExtensionStatus
from services.construction.models import ExtensionRequest, MajorSituationReport
from services.files.models import CaseFile
from services.notifications.models import Notification

pytestmark = pytest.mark.django_db

LAST_DAY = date(2027, 2, 28)  # construction_end 2027-05-31 minus 3 months


def request_extension(people, centre, today=LAST_DAY, proposed=date(2028, 3, 31), **kw):
    return RequestExtension(
        people.applicant, centre, reason="设备采购延期", proposed_assessment_on=proposed, today=today, **kw
    ).run()


def test_builder_reports_a_major_situation_with_files_and_the_commission_is_told(people, centre, pdf_upload):
    """R-20: text and files, at any time; the commission is notified."""
    report = SubmitMajorReport(
        people.applicant, centre, title="核心团队调整", body="技术负责人变更。", files=[pdf_upload()]
    ).run()
    assert CaseFile.for_object(report).count() == 1
    recipients = set(
        Notification.objects.filter(kind="construction_major_report").values_list("recipient", flat=True)
    )
    assert recipients == {people.commission_officer.pk, people.commission_leader.pk}


@pytest.mark.parametrize(
    "who", ["other_applicant", "commission_officer", "bureau_officer", "expert", "anonymous"]
)
def test_only_the_builder_reports_major_situations(people, centre, who):
    """R-20: the wrong role or another unit is refused; nothing saved."""
    with pytest.raises(TransitionRefused):
        SubmitMajorReport(getattr(people, who), centre, title="x", body="y").run()
    assert not MajorSituationReport.objects.exists()


def test_a_report_with_a_bad_file_saves_nothing(people, centre, exe_upload):
    """R-20: a refused file refuses the whole report."""
    with pytest.raises(TransitionRefused, match="报告.pdf"):
        SubmitMajorReport(people.applicant, centre, title="t", body="b", files=[exe_upload]).run()
    assert not MajorSituationReport.objects.exists()
    assert not CaseFile.objects.exists()


def test_a_report_needs_title_and_text(people, centre):
    """R-20: an empty report is refused with a message."""
    with pytest.raises(TransitionRefused, match="标题和内容"):
        SubmitMajorReport(people.applicant, centre, title=" ", body="").run()


def test_extension_on_the_last_day_is_allowed_and_the_commission_is_told(people, centre):
    """R-22: by the same last day as acceptance (the last day itself allowed)."""
    request = request_extension(people, centre, today=LAST_DAY)
    assert request.status == ExtensionStatus.PENDING
    assert Notification.objects.filter(kind="construction_extension_requested").exists()


def test_extension_the_day_after_the_last_day_is_refused_with_the_date(people, centre):
    """R-22: the day after the last day is too late; the message gives the date."""
    with pytest.raises(TransitionRefused, match="2027年2月28日"):
        request_extension(people, centre, today=date(2027, 3, 1))
    assert not ExtensionRequest.objects.exists()


def test_a_second_extension_is_refused(people, centre):
    """R-22: one extension request per centre."""
    request = request_extension(people, centre)
    DecideExtension(people.commission_officer, request, approve=False, reason="理由不充分").run()
    with pytest.raises(TransitionRefused, match="只能申请一次"):
        request_extension(people, centre, today=date(2027, 1, 1))
    assert ExtensionRequest.objects.count() == 1


@pytest.mark.parametrize(
    "proposed",
    [date(2028, 6, 1), date(2027, 5, 31), date(2027, 1, 1), None],
    ids=["beyond-one-year", "on-original-end", "before-end", "missing"],
)
def test_extension_proposal_must_lie_within_one_year_after_the_end(people, centre, proposed):
    """R-22: the proposed assessment time lies after the original end and at most 1 year beyond it."""
    with pytest.raises(TransitionRefused):
        request_extension(people, centre, proposed=proposed)
    assert not ExtensionRequest.objects.exists()


def test_extension_needs_a_reason(people, centre):
    """R-22: a reason is required."""
    with pytest.raises(TransitionRefused, match="延期原因"):
        RequestExtension(
            people.applicant, centre, reason="", proposed_assessment_on=date(2028, 1, 1), today=LAST_DAY
        ).run()


def test_commission_approves_an_extension_up_to_one_year(people, centre):
    """R-22: approved, the centre is extended with the new end (exactly one year allowed), event recorded."""
    request = request_extension(people, centre)
    DecideExtension(people.commission_officer, request, approve=True, new_end=date(2028, 5, 31)).run()
    centre.refresh_from_db()
    assert centre.status == CentreStatus.EXTENDED
    assert centre.extended_end == date(2028, 5, 31)
    event = CaseEvent.for_object(centre).get()
    assert (event.from_status, event.to_status, event.action) == (
        "constructing",
        "extended",
        "approve_extension",
    )
    assert Notification.objects.filter(
        kind="construction_extension_decided", recipient=people.applicant
    ).exists()


@pytest.mark.parametrize("new_end", [date(2028, 6, 1), date(2027, 5, 31), None])
def test_an_extension_beyond_one_year_is_refused(people, centre, new_end):
    """R-22: the new end is at most one year after the original; nothing saved."""
    request = request_extension(people, centre)
    with pytest.raises(TransitionRefused, match="不超过1年"):
        DecideExtension(people.commission_leader, request, approve=True, new_end=new_end).run()
    request.refresh_from_db()
    centre.refresh_from_db()
    assert request.status == ExtensionStatus.PENDING
    assert centre.extended_end is None and centre.status == CentreStatus.CONSTRUCTING


@pytest.mark.parametrize("who", ["applicant", "bureau_officer", "expert", "sysadmin", "anonymous"])
def test_only_the_commission_decides_extensions(people, centre, who):
    """R-22: the wrong role is refused."""
    request = request_extension(people, centre)
    with pytest.raises(TransitionRefused, match="市市场监管委"):
        DecideExtension(getattr(people, who), request, approve=True, new_end=date(2028, 1, 1)).run()


def test_refusal_needs_a_reason_and_cannot_be_decided_twice(people, centre):
    """R-22: a refusal states why; a decided request is final."""
    request = request_extension(people, centre)
    with pytest.raises(TransitionRefused, match="理由"):
        DecideExtension(people.commission_officer, request, approve=False).run()
    DecideExtension(people.commission_officer, request, approve=False, reason="不符合条件").run()
    with pytest.raises(TransitionRefused, match="已审核"):
        DecideExtension(people.commission_officer, request, approve=True, new_end=date(2028, 1, 1)).run()


def test_lapse_is_flagged_the_day_after_the_end_not_on_it(people, centre):
    """R-23: on the end day nothing happens; the day after the commission is told, once."""
    assert flag_lapses(date(2027, 5, 31)) == []
    assert flag_lapses(date(2027, 6, 1)) == [centre]
    centre.refresh_from_db()
    assert centre.status == CentreStatus.LAPSED
    event = CaseEvent.for_object(centre).get()
    assert event.actor is None and event.actor_role == "system"
    assert (
        Notification.objects.filter(kind="construction_lapsed", recipient=people.commission_leader).count()
        == 2
    )
    assert flag_lapses(date(2027, 6, 2)) == []  # idempotent


def test_an_extended_centre_lapses_the_day_after_the_extended_end(people, centre):
    """R-22: after the extended end with the task not completed, the case goes to revocation."""
    request = request_extension(people, centre)
    DecideExtension(people.commission_officer, request, approve=True, new_end=date(2028, 2, 29)).run()
    assert flag_lapses(date(2027, 6, 1)) == []
    assert flag_lapses(date(2028, 2, 29)) == []
    assert flag_lapses(date(2028, 3, 1)) == [centre]
    assert "延期届满" in CaseEvent.for_object(centre).last().reason


def test_a_centre_that_applied_for_acceptance_does_not_lapse(people, centre):
    """R-23: only a period with neither an application nor an approved extension lapses."""
    centre.status = CentreStatus.ACCEPTANCE_APPLIED
    centre.save()
    assert flag_lapses(date(2027, 6, 1)) == []


def test_flag_lapse_before_the_end_is_refused(centre):
    """R-23: not before the day after the end."""
    with pytest.raises(TransitionRefused, match="尚未届满"):
        FlagLapse(centre, today=date(2027, 5, 31)).run()


def test_leader_confirms_revocation_with_reasons(people, centre):
    """R-23: a commission leader confirms 撤销筹建资格 with reasons; officers and others cannot."""
    flag_lapses(date(2027, 6, 1))
    centre.refresh_from_db()
    for who in ["commission_officer", "applicant", "bureau_officer", "anonymous"]:
        with pytest.raises(TransitionRefused):
            RevokeConstruction(getattr(people, who), centre, reason="逾期").run()
    with pytest.raises(TransitionRefused, match="理由"):
        RevokeConstruction(people.commission_leader, centre, reason="").run()
    RevokeConstruction(
        people.commission_leader, centre, reason="筹建期满未申请验收", today=date(2027, 6, 5)
    ).run()
    centre.refresh_from_db()
    assert centre.status == CentreStatus.CONSTRUCTION_REVOKED and centre.revoked_on == date(2027, 6, 5)
    assert Notification.objects.filter(kind="construction_revoked", recipient=people.applicant).exists()


def test_revocation_only_after_lapse(people, centre):
    """R-23: a centre still constructing cannot be revoked this way."""
    with pytest.raises(TransitionRefused, match="筹建中"):
        RevokeConstruction(people.commission_leader, centre, reason="x").run()


def test_the_daily_task_flags_through_the_action(people, centre, settings):
    """R-23: the beat entry runs the thin task daily; the task flags lapsed centres."""
    import time_machine

    from services.construction.tasks import flag_lapsed_centres

    assert "construction-flag-lapsed-centres" in settings.CELERY_BEAT_SCHEDULE
    with time_machine.travel("2027-05-31T16:30:00Z", tick=False):  # 2027-06-01 00:30 in Beijing
        assert flag_lapsed_centres.delay().get() == 1
