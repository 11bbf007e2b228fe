from datetime import date

import pytest
from django.core.exceptions import ValidationError

from services.casework.models import CaseEvent
from services.centres.constants import CentreStatus
from services.files.models import CaseFile
from services.notifications.models import Notification
from services.supervision import actions
from services.supervision.constants import (
    InspectionStatus,
    RectificationStatus,
    ReexaminationStatus,
    RevocationArticle,
)
from services.supervision.models import (
    AnnualReport,
    ChangeReport,
    FollowUp,
    Inspection,
    Rectification,
    Reexamination,
    Revocation,
)
from tests.factories.supervision import EstablishedCentreFactory, InspectionFactory, RectificationFactory
from tests.services.supervision.conftest import pdf

pytestmark = pytest.mark.django_db
NOV = date(2026, 11, 10)


def messages(exc_info) -> str:
    return " ".join(m for ms in exc_info.value.message_dict.values() for m in ms)


# R-30 --------------------------------------------------------------------------------------------------
def test_annual_report_in_november_is_on_time_and_tells_bureau_and_commission(people, centres):
    """R-30: submitted in November with files; the bureau and the commission are told."""
    report = actions.SubmitAnnualReport(
        people.applicant,
        today=NOV,
        files=[pdf("总结.pdf")],
        centre=centres["binhai"],
        year=2026,
        summary="全年工作",
    ).execute()
    assert report.late is False and report.submitted_on == NOV
    assert CaseFile.for_object(report).count() == 1
    told = set(
        Notification.objects.filter(kind="supervision.annual_report_submitted").values_list(
            "recipient", flat=True
        )
    )
    assert {people.bureau_officer.pk, people.commission_officer.pk, people.commission_leader.pk} <= told
    assert people.other_bureau_officer.pk not in told


def test_annual_report_outside_window_is_accepted_only_as_late(people, centres):
    """R-30: a report outside November is accepted, and marked late."""
    report = actions.SubmitAnnualReport(
        people.applicant, today=date(2026, 12, 3), centre=centres["binhai"], year=2026, summary="补报"
    ).execute()
    assert report.late is True
    early = actions.SubmitAnnualReport(
        people.applicant, today=date(2027, 3, 1), centre=centres["binhai"], year=2027, summary="提前"
    ).execute()
    assert early.late is True


def test_annual_report_for_a_centre_not_established_saves_nothing(people):
    """R-30: only an established centre reports; a clear message, nothing saved."""
    centre = EstablishedCentreFactory(
        organisation=people.applicant.membership.organisation,
        status=CentreStatus.CONSTRUCTING,
        established_on=None,
    )
    with pytest.raises(ValidationError) as exc:
        actions.SubmitAnnualReport(
            people.applicant, today=NOV, files=[pdf()], centre=centre, year=2026, summary="x"
        ).execute()
    assert "不是已成立的计量数据中心" in messages(exc)
    assert AnnualReport.objects.count() == 0 and CaseFile.objects.count() == 0


def test_annual_report_twice_for_a_year_or_for_a_future_year_is_refused(people, centres):
    """R-30: one report per centre and year, for the years the engine says are due."""
    actions.SubmitAnnualReport(
        people.applicant, today=NOV, centre=centres["binhai"], year=2026, summary="a"
    ).execute()
    with pytest.raises(ValidationError) as exc:
        actions.SubmitAnnualReport(
            people.applicant, today=NOV, centre=centres["binhai"], year=2026, summary="b"
        ).execute()
    assert "已经报送" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        actions.SubmitAnnualReport(
            people.applicant, today=NOV, centre=centres["binhai"], year=2027, summary="b"
        ).execute()
    assert "无需报送" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        actions.SubmitAnnualReport(
            people.applicant, today=NOV, centre=centres["binhai"], year=2025, summary=""
        ).execute()
    assert "请填写年度工作总结" in messages(exc)
    assert AnnualReport.objects.count() == 1


def test_only_the_centres_unit_reports(people, centres):
    """R-30: another unit, a bureau or the commission cannot submit the centre's report."""
    for user in (people.other_applicant, people.bureau_officer, people.commission_officer, people.expert):
        with pytest.raises(actions.ActionRefused):
            actions.SubmitAnnualReport(
                user, today=NOV, centre=centres["binhai"], year=2026, summary="x"
            ).execute()
    assert AnnualReport.objects.count() == 0


def test_refused_file_saves_nothing(people, centres):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("总结.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    with pytest.raises(ValidationError) as exc:
        actions.SubmitAnnualReport(
            people.applicant, today=NOV, files=[bad], centre=centres["binhai"], year=2026, summary="x"
        ).execute()
    assert "总结.pdf" in messages(exc)
    assert AnnualReport.objects.count() == 0 and CaseFile.objects.count() == 0


# R-31 --------------------------------------------------------------------------------------------------
def test_change_report_tells_bureau_and_commission(people, centres):
    """R-31: a change of technical service capability, with description, effective date and files."""
    report = actions.SubmitChangeReport(
        people.applicant,
        files=[pdf()],
        centre=centres["binhai"],
        category="capability",
        description="新增检测能力",
        effective_on=date(2026, 3, 1),
    ).execute()
    assert report.get_category_display() == "技术服务能力变更"
    told = set(
        Notification.objects.filter(kind="supervision.change_reported").values_list("recipient", flat=True)
    )
    assert {people.bureau_officer.pk, people.commission_officer.pk} <= told


def test_change_report_bad_input_saves_nothing(people, centres):
    """R-31: category, description and effective date are required."""
    with pytest.raises(ValidationError) as exc:
        actions.SubmitChangeReport(
            people.applicant, centre=centres["binhai"], category="other", description="", effective_on=None
        ).execute()
    text = messages(exc)
    assert "变更事项" in text and "变更说明" in text and "生效日期" in text
    assert ChangeReport.objects.count() == 0


# R-32 --------------------------------------------------------------------------------------------------
def inspection_data(centre, **extra):
    return {
        "centre": centre,
        "inspected_on": date(2026, 5, 10),
        "inspectors": "张三、李四",
        "items_checked": "数据资源管理",
        "findings": "服务记录不完整",
        "conclusion": "rectify",
        **extra,
    }


def test_bureau_records_inspection_of_its_own_district(people, centres):
    """R-32: the bureau records date, inspectors, items checked, findings, photos and files."""
    inspection = actions.RecordInspection(
        people.bureau_officer,
        today=date(2026, 5, 11),
        files=[pdf("现场照片.pdf")],
        **inspection_data(centres["binhai"]),
    ).execute()
    assert inspection.kind == "daily" and inspection.status == InspectionStatus.COMPLETED
    assert CaseFile.for_object(inspection).count() == 1
    assert Notification.objects.filter(
        kind="supervision.inspection_recorded", recipient=people.applicant
    ).exists()


def test_bureau_cannot_inspect_another_districts_centre(people, centres):
    """R-32: a bureau acts only on centres of its own district."""
    with pytest.raises(actions.ActionRefused):
        actions.RecordInspection(people.other_bureau_officer, **inspection_data(centres["binhai"])).execute()
    for user in (people.commission_officer, people.applicant, people.expert):
        with pytest.raises(actions.ActionRefused):
            actions.RecordInspection(user, **inspection_data(centres["binhai"])).execute()
    assert Inspection.objects.count() == 0


def test_findings_without_a_centre_save_nothing(people):
    """R-32: findings must belong to a centre: clear message, nothing saved."""
    with pytest.raises(ValidationError) as exc:
        actions.RecordInspection(people.bureau_officer, files=[pdf()], **inspection_data(None)).execute()
    assert "请选择被检查的计量数据中心" in messages(exc)
    assert Inspection.objects.count() == 0 and CaseFile.objects.count() == 0


def test_inspection_of_a_centre_not_established_is_refused(people):
    centre = EstablishedCentreFactory(status=CentreStatus.REVOKED)
    with pytest.raises(ValidationError) as exc:
        actions.RecordInspection(people.bureau_officer, **inspection_data(centre)).execute()
    assert "不是已成立" in messages(exc)


def test_rectification_deadline_in_the_past_saves_nothing(people, centres):
    """R-32: a rectification deadline may not lie in the past."""
    inspection = InspectionFactory(centre=centres["binhai"])
    with pytest.raises(ValidationError) as exc:
        actions.RequestRectification(
            people.bureau_officer,
            today=date(2026, 6, 1),
            inspection=inspection,
            requirements="补齐记录",
            deadline=date(2026, 5, 31),
        ).execute()
    assert "整改期限不能早于今天" in messages(exc)
    assert Rectification.objects.count() == 0


def test_rectification_and_follow_up_cycle(people, centres):
    """R-32: request with deadline; the centre reports; the bureau records completion."""
    inspection = InspectionFactory(centre=centres["binhai"])
    today = date(2026, 6, 1)
    rect = actions.RequestRectification(
        people.bureau_officer,
        today=today,
        inspection=inspection,
        requirements="补齐记录",
        deadline=date(2026, 9, 1),
    ).execute()
    assert Notification.objects.filter(
        kind="supervision.rectification_requested", recipient=people.applicant
    ).exists()
    with pytest.raises(ValidationError) as exc:
        actions.RecordFollowUp(
            people.applicant, today=today, rectification=rect, outcome="completed", note="x"
        ).execute()
    assert "由监督部门认定" in messages(exc)
    actions.RecordFollowUp(
        people.applicant, today=today, files=[pdf()], rectification=rect, outcome="reported", note="已补齐"
    ).execute()
    rect.refresh_from_db()
    assert rect.status == RectificationStatus.REPORTED
    with pytest.raises(actions.ActionRefused):
        actions.RecordFollowUp(
            people.other_bureau_officer, rectification=rect, outcome="completed", note="x"
        ).execute()
    actions.RecordFollowUp(
        people.bureau_officer, today=today, rectification=rect, outcome="completed", note="核查通过"
    ).execute()
    rect.refresh_from_db()
    assert rect.status == RectificationStatus.COMPLETED and rect.closed_on == today
    assert FollowUp.objects.filter(rectification=rect).count() == 2
    with pytest.raises(actions.ActionRefused):
        actions.RecordFollowUp(
            people.bureau_officer, rectification=rect, outcome="failed", note="x"
        ).execute()


# R-33 --------------------------------------------------------------------------------------------------
def test_unannounced_inspection_by_expert_group_and_failed_rectification_proposes_revocation(people, centres):
    """R-33: expert group; findings; rectification with deadline; failing it is put to the leaders."""
    centre = centres["binhai"]
    today = date(2026, 7, 1)
    with pytest.raises(actions.ActionRefused):
        actions.PlanUnannouncedInspection(
            people.bureau_officer, centre=centre, inspected_on=today, experts=[people.expert]
        ).execute()
    inspection = actions.PlanUnannouncedInspection(
        people.commission_officer, today=today, centre=centre, inspected_on=today, experts=[people.expert]
    ).execute()
    assert inspection.status == InspectionStatus.PLANNED and "服务产业发展情况" in inspection.items_checked
    assert Notification.objects.filter(
        kind="supervision.unannounced_assigned", recipient=people.expert
    ).exists()
    # unannounced: the centre is not told in advance
    assert not Notification.objects.filter(
        recipient=people.applicant, kind="supervision.unannounced_assigned"
    ).exists()
    with pytest.raises(actions.ActionRefused):
        actions.RecordUnannouncedFindings(
            people.unassigned_expert, inspection=inspection, findings="x", conclusion="rectify"
        ).execute()
    actions.RecordUnannouncedFindings(
        people.expert, today=today, inspection=inspection, findings="服务产业不足", conclusion="rectify"
    ).execute()
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.COMPLETED
    with pytest.raises(actions.ActionRefused):  # the commission's inspection: the bureau does not rectify it
        actions.RequestRectification(
            people.bureau_officer, inspection=inspection, requirements="x", deadline=today
        ).execute()
    rect = actions.RequestRectification(
        people.commission_officer,
        today=today,
        inspection=inspection,
        requirements="提升服务",
        deadline=date(2026, 10, 1),
    ).execute()
    with pytest.raises(actions.ActionRefused):  # and it checks its own rectification
        actions.RecordFollowUp(
            people.bureau_officer, rectification=rect, outcome="failed", note="x"
        ).execute()
    actions.RecordFollowUp(
        people.commission_officer,
        today=date(2026, 10, 2),
        rectification=rect,
        outcome="failed",
        note="未整改",
    ).execute()
    rect.refresh_from_db()
    assert rect.status == RectificationStatus.FAILED and rect.revocation_proposed
    proposal = Notification.objects.get(
        kind="supervision.revocation_proposed", recipient=people.commission_leader, channel="inbox"
    )
    assert "第二十二条" in proposal.body


def test_unannounced_experts_must_be_experts_without_conflict(people, centres):
    from accounts.models import ExpertProfile

    centre = centres["binhai"]
    profile = ExpertProfile.objects.get(user=people.expert)
    profile.employer = centre.organisation
    profile.save()
    with pytest.raises(ValidationError) as exc:
        actions.PlanUnannouncedInspection(
            people.commission_officer,
            centre=centre,
            inspected_on=date(2026, 7, 1),
            experts=[people.expert, people.cms_editor],
        ).execute()
    text = messages(exc)
    assert "须回避" in text and "不是评审专家" in text
    assert Inspection.objects.count() == 0


# R-34 --------------------------------------------------------------------------------------------------
def test_reexamination_due_from_engine_and_failure_after_rectification_proposes_revocation(people, centres):
    """R-34: due 5 years after establishment; rectify; failing after rectification is put to the leaders."""
    centre = centres["binhai"]  # established 2021-06-15
    today = date(2026, 6, 1)
    reexam = actions.ScheduleReexamination(
        people.commission_officer,
        today=today,
        centre=centre,
        scheduled_on=date(2026, 6, 20),
        experts=[people.expert],
    ).execute()
    assert reexam.due_on == date(2026, 6, 15) and reexam.round_number == 1
    with pytest.raises(ValidationError) as exc:
        actions.RecordReexaminationOutcome(
            people.commission_officer, today=today, reexamination=reexam, outcome="failed", notes="x"
        ).execute()
    assert "应先限期整改" in messages(exc)
    actions.RecordReexaminationOutcome(
        people.commission_officer,
        today=today,
        reexamination=reexam,
        outcome="rectify",
        notes="能力不足",
        requirements="补充设备",
        deadline=date(2026, 9, 1),
    ).execute()
    reexam.refresh_from_db()
    assert reexam.status == ReexaminationStatus.RECTIFYING and reexam.rectifications.count() == 1
    actions.RecordReexaminationOutcome(
        people.commission_officer,
        today=date(2026, 9, 5),
        reexamination=reexam,
        outcome="failed",
        notes="整改后仍不合格",
    ).execute()
    reexam.refresh_from_db()
    assert reexam.status == ReexaminationStatus.FAILED
    proposal = Notification.objects.get(
        kind="supervision.revocation_proposed", recipient=people.commission_leader, channel="inbox"
    )
    assert "第二十三条" in proposal.body


def test_reexamination_bad_input_and_permissions(people, centres):
    """R-34: scheduled by the commission, not in the past, for an established centre."""
    with pytest.raises(actions.ActionRefused):
        actions.ScheduleReexamination(
            people.bureau_officer, centre=centres["binhai"], scheduled_on=date(2030, 1, 1)
        ).execute()
    with pytest.raises(ValidationError) as exc:
        actions.ScheduleReexamination(
            people.commission_officer,
            today=date(2026, 6, 1),
            centre=centres["binhai"],
            scheduled_on=date(2026, 5, 1),
        ).execute()
    assert "复查日期不能早于今天" in messages(exc)
    assert Reexamination.objects.count() == 0


# R-35 --------------------------------------------------------------------------------------------------
def test_revocation_by_leader_records_article_reasons_event_and_keeps_history(people, world):
    """R-35: a leader revokes citing the article and reasons; the event is recorded; history stays."""
    centre = world["centre"]
    revocation = actions.Revoke(
        people.commission_leader,
        today=date(2026, 10, 1),
        centre=centre,
        article=RevocationArticle.ARTICLE_22,
        reasons="监督抽查整改不合格",
    ).execute()
    centre.refresh_from_db()
    assert centre.status == CentreStatus.REVOKED and centre.revoked_on == date(2026, 10, 1)
    event = CaseEvent.objects.get(action="revoke", object_id=centre.pk)
    assert (
        event.from_status == "established"
        and event.to_status == "revoked"
        and event.actor == people.commission_leader
    )
    assert "第二十二条" in event.reason and "整改不合格" in event.reason
    assert revocation.event == event
    assert (
        AnnualReport.objects.filter(centre=centre).exists()
        and Inspection.objects.filter(centre=centre).count() == 2
    )
    from services.supervision.publication import established_centres

    assert centre not in established_centres()
    assert Notification.objects.filter(kind="supervision.centre_revoked", recipient=people.applicant).exists()


def test_revocation_without_reasons_or_by_others_saves_nothing(people, centres):
    """R-35: reasons are required; only a commission leader revokes."""
    centre = centres["binhai"]
    with pytest.raises(ValidationError) as exc:
        actions.Revoke(people.commission_leader, centre=centre, article="article_20", reasons="  ").execute()
    assert "请填写撤销理由" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        actions.Revoke(people.commission_leader, centre=centre, article="", reasons="严重违规").execute()
    assert "依据的条款" in messages(exc)
    for user in (people.commission_officer, people.bureau_officer, people.applicant, people.sysadmin):
        with pytest.raises(actions.ActionRefused):
            actions.Revoke(user, centre=centre, article="article_20", reasons="严重违规").execute()
    centre.refresh_from_db()
    assert centre.status == CentreStatus.ESTABLISHED
    assert Revocation.objects.count() == 0 and CaseEvent.objects.count() == 0


def test_revoked_centre_cannot_be_revoked_again(people, centres):
    centre = centres["binhai"]
    actions.Revoke(
        people.commission_leader, centre=centre, article="article_20", reasons="严重违规"
    ).execute()
    with pytest.raises(actions.ActionRefused):
        actions.Revoke(
            people.commission_leader, centre=centre, article="article_20", reasons="再次"
        ).execute()


def test_notifications_are_written_once_even_if_repeated(people, centres):
    """R-41: the same event does not notify twice."""
    rect = RectificationFactory(inspection=InspectionFactory(centre=centres["binhai"]))
    from services.supervision.actions import _propose_revocation

    _propose_revocation(rect)
    _propose_revocation(rect)
    assert (
        Notification.objects.filter(
            kind="supervision.revocation_proposed", recipient=people.commission_leader
        ).count()
        == 2
    )  # inbox + email
