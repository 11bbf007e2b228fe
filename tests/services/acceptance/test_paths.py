"""Acceptance (R-21, R-24 … R-27): every path through the case, the boundary scores and deadline days."""

from datetime import date

import pytest

from services.acceptance.actions import (
    ApplyForAcceptance,
    AppointGroup,
    CancelConstruction,
    Conclude,
    Establish,
    IssueNotice,
    RecordScores,
    RecordStage,
    ReportRectification,
    StartReassessment,
)
from services.acceptance.constants import AcceptanceStatus as A
from services.acceptance.models import AcceptanceApplication, AssessmentStage, RectificationNotice, ScoreSheet
from services.acceptance.transitions import ACCEPTANCE_MACHINE
from services.casework.models import CaseEvent
from services.casework.transitions import TransitionRefused
from services.centres.constants import CentreStatus as C
from services.construction.actions import DecideExtension, RequestExtension
from services.notifications.models import Notification
from tests.services.acceptance.conftest import TEXTS

pytestmark = pytest.mark.django_db


def test_application_on_the_last_day_is_accepted(people, centre, pdf_upload):
    """R-21: the last day (2027-02-28 for an end of 2027-05-31) is allowed; materials as text and files."""
    application = ApplyForAcceptance(
        people.applicant,
        centre,
        texts=TEXTS,
        files={"summary_report": [pdf_upload("总结报告.pdf")]},
        today=date(2027, 2, 28),
    ).run()
    centre.refresh_from_db()
    assert application.status == A.SUBMITTED and centre.status == C.ACCEPTANCE_APPLIED
    assert Notification.objects.filter(
        kind="acceptance_applied", recipient=people.commission_officer
    ).exists()


def test_application_the_day_after_the_last_day_is_refused_with_the_date(people, centre):
    """R-21: refused after the last day, with a message giving the date; nothing saved."""
    with pytest.raises(TransitionRefused, match="2027年2月28日"):
        ApplyForAcceptance(people.applicant, centre, texts=TEXTS, today=date(2027, 3, 1)).run()
    centre.refresh_from_db()
    assert not AcceptanceApplication.objects.exists() and centre.status == C.CONSTRUCTING


def test_after_an_approved_extension_the_application_is_due_by_the_extended_end(people, centre):
    """R-22 (design): an extended centre may apply up to the extended end, not after."""
    request = RequestExtension(
        people.applicant,
        centre,
        reason="设备延期",
        proposed_assessment_on=date(2028, 2, 29),
        today=date(2027, 2, 1),
    ).run()
    DecideExtension(people.commission_officer, request, approve=True, new_end=date(2028, 2, 29)).run()
    centre.refresh_from_db()
    with pytest.raises(TransitionRefused, match="2028年2月29日"):
        ApplyForAcceptance(people.applicant, centre, texts=TEXTS, today=date(2028, 3, 1)).run()
    ApplyForAcceptance(people.applicant, centre, texts=TEXTS, today=date(2028, 2, 29)).run()
    centre.refresh_from_db()
    assert centre.status == C.ACCEPTANCE_APPLIED


def test_application_needs_all_three_materials(people, centre):
    """R-21: written application, summary report and follow-up plan are all required."""
    with pytest.raises(TransitionRefused, match="后续建设规划"):
        ApplyForAcceptance(
            people.applicant, centre, texts={**TEXTS, "follow_up_plan": " "}, today=date(2027, 2, 1)
        ).run()
    assert not AcceptanceApplication.objects.exists()


def test_application_with_a_bad_file_saves_nothing(people, centre, exe_upload):
    """R-21: a refused file refuses the application."""
    with pytest.raises(TransitionRefused):
        ApplyForAcceptance(
            people.applicant,
            centre,
            texts=TEXTS,
            files={"written_application": [exe_upload]},
            today=date(2027, 2, 1),
        ).run()
    assert not AcceptanceApplication.objects.exists()


@pytest.mark.parametrize(
    "who", ["other_applicant", "commission_officer", "bureau_officer", "expert", "anonymous"]
)
def test_only_the_builder_applies(people, centre, who):
    """R-21: actions by the wrong role are refused."""
    with pytest.raises(TransitionRefused):
        ApplyForAcceptance(getattr(people, who), centre, texts=TEXTS, today=date(2027, 2, 1)).run()
    assert not AcceptanceApplication.objects.exists()


def test_a_second_application_is_refused(people, centre, applied):
    """R-21: one acceptance application per centre."""
    with pytest.raises(TransitionRefused, match="已提交"):
        ApplyForAcceptance(people.applicant, centre, texts=TEXTS, today=date(2027, 2, 2)).run()


@pytest.mark.parametrize("total", ["80", "80.0", "100"])
def test_pass_at_eighty_and_establish(people, applied, walk, total):
    """R-25, R-27: 80 and 80.0 pass; the leader establishes; the centre is established with its date."""
    walk.appoint(applied)
    walk.round(applied, total)
    assert applied.status == A.PASSED
    for who in ["commission_officer", "applicant", "expert", "bureau_officer"]:
        with pytest.raises(TransitionRefused):
            Establish(getattr(people, who), applied).run()
    Establish(people.commission_leader, applied, today=date(2027, 3, 20)).run()
    applied.refresh_from_db()
    centre = applied.centre
    centre.refresh_from_db()
    assert applied.status == A.ESTABLISHED
    assert centre.status == C.ESTABLISHED and centre.established_on == date(2027, 3, 20)
    assert [e.to_status for e in CaseEvent.for_object(centre)] == [
        "acceptance_applied",
        "assessing",
        "established",
    ]
    assert Notification.objects.filter(kind="acceptance_established", recipient=people.applicant).exists()


def test_79_5_goes_to_rectification_within_three_months(people, applied, walk):
    """R-25: 79.5 is below 80: rectification within 3 months of the assessment."""
    walk.appoint(applied)
    walk.round(applied, "79.5")  # final meeting on 2027-03-12
    applied.centre.refresh_from_db()
    assert applied.status == A.RECTIFYING and applied.centre.status == C.RECTIFYING
    assert applied.rectification_deadline == date(2027, 6, 12)
    assert ScoreSheet.objects.get(application=applied, round_number=1).passed is False


def rectify(people, application, today):
    ReportRectification(people.applicant, application, body="已完成整改。", today=today).run()
    application.refresh_from_db()


def test_rectification_report_on_the_deadline_day_then_reassessment_passes(people, applied, walk):
    """R-25: the report on the deadline day itself is accepted; a passing re-assessment passes."""
    walk.appoint(applied)
    walk.round(applied, "79.5")
    rectify(people, applied, date(2027, 6, 12))
    assert applied.status == A.REASSESSING
    walk.round(applied, "80", start=date(2027, 6, 20))
    assert applied.status == A.PASSED
    assert list(applied.score_sheets.values_list("round_number", "passed")) == [(1, False), (2, True)]


def test_rectification_report_the_day_after_the_deadline_is_refused(people, applied, walk):
    """R-25: the day after the 3-month deadline the unit can no longer report; the commission then assesses."""
    walk.appoint(applied)
    walk.round(applied, "60")
    with pytest.raises(TransitionRefused, match="2027年6月12日"):
        rectify(people, applied, date(2027, 6, 13))
    with pytest.raises(TransitionRefused, match="期限内"):
        StartReassessment(people.commission_officer, applied, today=date(2027, 6, 12)).run()
    StartReassessment(people.commission_officer, applied, today=date(2027, 6, 13)).run()
    applied.refresh_from_db()
    assert applied.status == A.REASSESSING


def failed(people, applied, walk):
    walk.appoint(applied)
    walk.round(applied, "79.5")
    rectify(people, applied, date(2027, 6, 1))
    walk.round(applied, "79.9", start=date(2027, 6, 20))
    return applied


def test_still_below_eighty_fails_then_notice_then_pass(people, applied, walk):
    """R-25, R-26: still below 80 → 不合格 → notice (≤ 1 year) → report → further assessment → pass."""
    failed(people, applied, walk)
    assert applied.status == A.FAILED
    assert applied.centre.status == C.RECTIFYING
    notice = IssueNotice(
        people.commission_officer,
        applied,
        deadline=date(2028, 7, 1),
        requirements="完善数据安全制度。",
        today=date(2027, 7, 1),
    ).run()
    assert notice.number.startswith("津市监验整〔2027〕")
    applied.refresh_from_db()
    assert applied.status == A.NOTICE_ISSUED
    assert Notification.objects.filter(
        kind="acceptance_rectification_notice", recipient=people.applicant
    ).exists()
    rectify(people, applied, date(2028, 7, 1))  # the notice's deadline day itself
    assert applied.status == A.FINAL_ASSESSING
    walk.round(applied, "85", start=date(2028, 7, 10))
    assert applied.status == A.PASSED


def test_failed_rectification_cancels_the_construction_qualification(people, applied, walk):
    """R-26: fail after the notice → a leader cancels the construction qualification."""
    failed(people, applied, walk)
    IssueNotice(
        people.commission_officer,
        applied,
        deadline=date(2028, 7, 1),
        requirements="整改",
        today=date(2027, 7, 1),
    ).run()
    applied.refresh_from_db()
    with pytest.raises(TransitionRefused, match="2028年7月1日"):
        rectify(people, applied, date(2028, 7, 2))
    StartReassessment(people.commission_officer, applied, today=date(2028, 7, 2)).run()
    applied.refresh_from_db()
    walk.round(applied, "50", start=date(2028, 7, 10))
    assert applied.status == A.FINAL_FAILED
    with pytest.raises(TransitionRefused):
        Establish(people.commission_leader, applied).run()
    with pytest.raises(TransitionRefused):
        CancelConstruction(people.commission_officer, applied, reason="整改不合格").run()
    with pytest.raises(TransitionRefused, match="理由"):
        CancelConstruction(people.commission_leader, applied, reason="").run()
    CancelConstruction(
        people.commission_leader, applied, reason="整改后仍不合格", today=date(2028, 7, 20)
    ).run()
    applied.refresh_from_db()
    applied.centre.refresh_from_db()
    assert applied.status == A.CANCELLED
    assert applied.centre.status == C.CONSTRUCTION_REVOKED and applied.centre.revoked_on == date(2028, 7, 20)


@pytest.mark.parametrize(
    "deadline, ok",
    [(date(2028, 7, 1), True), (date(2028, 7, 2), False), (date(2027, 7, 1), False), (None, False)],
    ids=["one-year", "one-year-and-a-day", "today", "missing"],
)
def test_notice_deadline_at_most_one_year(people, applied, walk, deadline, ok):
    """R-26: the notice's deadline is after today and at most one year; else nothing saved."""
    failed(people, applied, walk)
    action = IssueNotice(
        people.commission_officer, applied, deadline=deadline, requirements="整改", today=date(2027, 7, 1)
    )
    if ok:
        action.run()
    else:
        with pytest.raises(TransitionRefused, match="不超过一年"):
            action.run()
        assert not RectificationNotice.objects.exists()


def test_every_forbidden_edge_is_refused():
    """R-24 … R-27: the table allows only its edges; every other (status, action) pair is refused."""
    actions = {edge.action for edge in ACCEPTANCE_MACHINE.edges}
    allowed = {(edge.source, edge.action) for edge in ACCEPTANCE_MACHINE.edges}
    for status in A.values:
        for action in actions:
            if (status, action) in allowed:
                assert ACCEPTANCE_MACHINE.edge(status, action).source == status
            else:
                with pytest.raises(TransitionRefused):
                    ACCEPTANCE_MACHINE.edge(status, action)
    assert ACCEPTANCE_MACHINE.allowed == {
        "submitted": {"assessing"},
        "assessing": {"passed", "rectifying"},
        "rectifying": {"reassessing"},
        "reassessing": {"passed", "failed"},
        "failed": {"notice_issued"},
        "notice_issued": {"final_assessing"},
        "final_assessing": {"passed", "final_failed"},
        "final_failed": {"cancelled"},
        "passed": {"established"},
    }


def test_out_of_order_actions_are_refused(people, applied, walk):
    """R-24, R-25: no scores, stages, conclusions or notices before their time."""
    with pytest.raises(TransitionRefused, match="不在现场考核中"):
        RecordStage(
            people.commission_officer,
            applied,
            kind="first_meeting",
            held_on=date(2027, 3, 1),
            attendees="a",
            minutes="m",
            today=date(2027, 3, 1),
        ).run()
    with pytest.raises(TransitionRefused):
        IssueNotice(
            people.commission_officer,
            applied,
            deadline=date(2027, 12, 1),
            requirements="x",
            today=date(2027, 3, 1),
        ).run()
    with pytest.raises(TransitionRefused):
        Establish(people.commission_leader, applied).run()
    walk.appoint(applied)
    with pytest.raises(TransitionRefused, match="末次会议"):
        Conclude(people.commission_officer, applied, today=date(2027, 3, 5)).run()
    with pytest.raises(TransitionRefused, match="现场核查"):
        RecordScores(
            people.expert, applied, points=walk.points_for(applied, 90), today=date(2027, 3, 5)
        ).run()


def stage(people, application, kind, day, user=None, **kw):
    fields = {"attendees": "考核组", "minutes": "纪要", **kw}
    return RecordStage(
        user or people.expert, application, kind=kind, held_on=day, today=date(2027, 4, 1), **fields
    ).run()


def test_stages_must_come_in_order_with_dates_not_going_backwards(people, applied, walk):
    """R-24: on-site before first meeting, a repeated stage, a date before the previous stage: refused."""
    walk.appoint(applied)
    with pytest.raises(TransitionRefused, match="须先记录“首次会议”"):
        stage(people, applied, "onsite", date(2027, 3, 10))
    stage(people, applied, "first_meeting", date(2027, 3, 10))
    with pytest.raises(TransitionRefused, match="不能重复"):
        stage(people, applied, "first_meeting", date(2027, 3, 11))
    with pytest.raises(TransitionRefused, match="不能早于上一阶段"):
        stage(people, applied, "onsite", date(2027, 3, 9))
    with pytest.raises(TransitionRefused, match="须先记录“现场核查”"):
        stage(people, applied, "deliberation", date(2027, 3, 11))
    with pytest.raises(TransitionRefused, match="不能晚于今天"):
        stage(people, applied, "onsite", date(2027, 4, 2))
    with pytest.raises(TransitionRefused, match="参加人员"):
        stage(people, applied, "onsite", date(2027, 3, 11), attendees="")
    stage(people, applied, "onsite", date(2027, 3, 10))  # same day is fine
    with pytest.raises(TransitionRefused, match="先录入本轮考核评分"):
        stage(people, applied, "final_meeting", date(2027, 3, 12), unit_opinion="无")
    RecordScores(people.expert, applied, points=walk.points_for(applied, 90), today=date(2027, 3, 12)).run()
    with pytest.raises(TransitionRefused, match="被考核单位的意见"):
        stage(people, applied, "final_meeting", date(2027, 3, 12))
    stage(people, applied, "final_meeting", date(2027, 3, 12), unit_opinion="无异议")
    with pytest.raises(TransitionRefused, match="不能再补记"):
        stage(people, applied, "deliberation", date(2027, 3, 12))
    assert AssessmentStage.objects.filter(application=applied).count() == 3


def test_optional_deliberation(people, applied, walk):
    """R-24: collective deliberation may be held between on-site verification and the final meeting."""
    walk.appoint(applied)
    walk.round(applied, "90", deliberation=True)
    assert list(applied.stages.values_list("kind", flat=True)) == [
        "first_meeting",
        "onsite",
        "deliberation",
        "final_meeting",
    ]


@pytest.mark.parametrize(
    "change, message",
    [
        ({0: "31"}, "0至30"),
        ({0: "-1"}, "0至30"),
        ({0: "abc"}, "必须是数字"),
        ({0: "10.25"}, "一位小数"),
        ({0: None}, "未评分"),
    ],
)
def test_scores_out_of_range_are_refused(people, applied, walk, change, message):
    """R-25: each item between 0 and its maximum, at most one decimal, all items; nothing saved."""
    walk.appoint(applied)
    stage(people, applied, "first_meeting", date(2027, 3, 10))
    stage(people, applied, "onsite", date(2027, 3, 11))
    points = walk.points_for(applied, 90)
    first = next(iter(points))
    points[first] = change[0]
    with pytest.raises(TransitionRefused, match=message):
        RecordScores(people.expert, applied, points=points, today=date(2027, 3, 12)).run()
    assert not ScoreSheet.objects.exists()


@pytest.mark.parametrize("who", ["unassigned_expert", "applicant", "bureau_officer", "other_bureau_officer"])
def test_only_the_commission_or_group_leader_records(people, applied, walk, who):
    """R-24: stages and scores by the wrong person are refused."""
    walk.appoint(applied)
    with pytest.raises(TransitionRefused, match="组长"):
        stage(people, applied, "first_meeting", date(2027, 3, 10), user=getattr(people, who))


def test_group_needs_exactly_one_leader_from_its_members(people, applied):
    """R-24: one leader, who is a member; experts only; no duplicates."""
    cases = [
        ({"experts": [], "leader": None}, "至少"),
        ({"experts": [people.expert], "leader": people.unassigned_expert}, "组长"),
        ({"experts": [people.expert, people.expert], "leader": people.expert}, "重复"),
        ({"experts": [people.expert, people.applicant], "leader": people.expert}, "不是专家库"),
    ]
    for kwargs, message in cases:
        with pytest.raises(TransitionRefused, match=message):
            AppointGroup(people.commission_officer, applied, **kwargs).run()
    with pytest.raises(TransitionRefused, match="权限"):
        AppointGroup(people.applicant, applied, experts=[people.expert], leader=people.expert).run()
    assert not applied.members.exists()


def test_conflicted_experts_cannot_sit_on_the_group(people, applied):
    """R-24 with R-11: an expert employed by the unit, or declaring a conflict, is refused."""
    profile = people.expert.expert
    profile.employer = applied.centre.organisation
    profile.save()
    with pytest.raises(TransitionRefused, match="回避"):
        AppointGroup(people.commission_officer, applied, experts=[people.expert], leader=people.expert).run()
    with pytest.raises(TransitionRefused, match="利益冲突"):
        AppointGroup(
            people.commission_officer,
            applied,
            experts=[people.unassigned_expert],
            leader=people.unassigned_expert,
            declared_conflicts=[people.unassigned_expert],
        ).run()
    assert not applied.members.exists()


def test_scores_are_kept_per_round_against_the_template_version(people, applied, walk):
    """R-25: each round's sheet keeps its template version and item points."""
    walk.appoint(applied)
    walk.round(applied, "79.5")
    sheet = applied.score_sheets.get()
    assert sheet.template.is_demo and sheet.template.title == "演示模板：正式验收考核内容未公开"
    assert sum(e.points for e in sheet.entries.all()) == sheet.total
