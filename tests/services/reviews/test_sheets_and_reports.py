"""Score sheets (R-12) and the review report (R-13)."""

from decimal import Decimal

import pytest

from services.casework.transitions import TransitionRefused
from services.reviews.actions import SaveReport, SaveSheet
from services.reviews.constants import ReportStatus, SheetStatus
from services.reviews.models import ItemScore, ReviewReport, ScoreSheet
from tests.services.applications import builders


@pytest.fixture
def panel_case(people):
    application = builders.under_review(people.applicant, people.commission_officer)
    second = builders.make_expert(name="第二专家")
    builders.with_panel(application, people.commission_officer, people.expert, second)
    return application, second


@pytest.mark.parametrize("bad", ["-1", "21", "abc", "5.55"])
def test_scores_out_of_range_are_refused_and_nothing_saved(people, panel_case, bad):
    """R-12: a score above the item's maximum or below zero: a Chinese message, nothing saved."""
    application, _ = panel_case
    scores = builders.all_scores(application)
    first = application.panel.template_version.items.first()  # max 20
    scores[str(first.pk)] = bad
    with pytest.raises(TransitionRefused, match=f"“{first.title}”的得分"):
        SaveSheet(application, scores=scores).execute(people.expert)
    assert not ScoreSheet.objects.exists() and not ItemScore.objects.exists()


def test_draft_then_submit(people, panel_case):
    """R-12: drafts are allowed; a submitted sheet is final; submission needs every score."""
    application, _ = panel_case
    items = list(application.panel.template_version.items.all())
    sheet = SaveSheet(
        application, scores={str(items[0].pk): "18"}, comments={str(items[0].pk): "基础扎实"}
    ).execute(people.expert)
    assert sheet.status == SheetStatus.DRAFT and sheet.total == Decimal("18")
    with pytest.raises(TransitionRefused, match="提交前须为"):
        SaveSheet(application, scores={str(items[0].pk): "18"}, submit=True).execute(people.expert)
    sheet = SaveSheet(application, scores=builders.all_scores(application), submit=True).execute(
        people.expert
    )
    assert sheet.status == SheetStatus.SUBMITTED and sheet.total == Decimal("90.0")
    with pytest.raises(TransitionRefused, match="已提交"):
        SaveSheet(application, scores=builders.all_scores(application)).execute(people.expert)


def test_expert_sees_other_sheets_only_after_submitting_their_own(people, panel_case):
    """R-12: never another expert's sheet before submitting one's own."""
    application, second = panel_case
    theirs = SaveSheet(application, scores=builders.all_scores(application), submit=True).execute(second)
    assert list(ScoreSheet.objects.visible_to(people.expert)) == []
    mine = SaveSheet(application, scores=builders.all_scores(application)).execute(people.expert)
    assert list(ScoreSheet.objects.visible_to(people.expert)) == [mine]
    SaveSheet(application, scores=builders.all_scores(application), submit=True).execute(people.expert)
    assert set(ScoreSheet.objects.visible_to(people.expert)) == {mine, theirs}
    assert list(ScoreSheet.objects.visible_to(people.unassigned_expert)) == []


def test_only_panel_members_fill_sheets(people, panel_case):
    application, _ = panel_case
    for person in (people.unassigned_expert, people.commission_officer, people.applicant):
        with pytest.raises(TransitionRefused, match="不是该申请的评审专家"):
            SaveSheet(application, scores={}).execute(person)


REPORT = {
    "document_review_on": "2026-03-02",
    "document_review_findings": "材料齐全。",
    "site_visit_on": "2026-03-10",
    "site_visit_findings": "现场一致。",
    "opinion": "同意筹建。",
    "recommendation": "approve",
}


def _report_data():
    from datetime import date

    data = dict(REPORT)
    data["document_review_on"] = date(2026, 3, 2)
    data["site_visit_on"] = date(2026, 3, 10)
    return data


def test_panel_score_is_the_mean_of_submitted_sheets(people, panel_case):
    """R-13: the panel score is the mean of submitted sheets."""
    application, second = panel_case
    SaveSheet(application, scores=builders.all_scores(application), submit=True).execute(people.expert)  # 90
    SaveSheet(
        application, scores=builders.all_scores(application, lambda i: i.max_points * 8 / 10), submit=True
    ).execute(second)  # 80
    report = SaveReport(application, submit=True, **_report_data()).execute(people.expert)
    assert report.mean_score == Decimal("85.00") and report.panel_score == Decimal("85.00")
    assert report.status == ReportStatus.SUBMITTED


def test_override_needs_a_reason(people, panel_case):
    """R-13: the leader may record a justified override, never an unexplained one."""
    application, _ = panel_case
    SaveSheet(application, scores=builders.all_scores(application), submit=True).execute(people.expert)
    with pytest.raises(TransitionRefused, match="须写明理由"):
        SaveReport(application, submit=True, override_score=Decimal("75"), **_report_data()).execute(
            people.expert
        )
    assert not ReviewReport.objects.exists()
    report = SaveReport(
        application,
        submit=True,
        override_score=Decimal("75"),
        override_reason="现场核查发现不足",
        **_report_data(),
    ).execute(people.expert)
    assert report.panel_score == Decimal("75") and report.mean_score == Decimal("90.00")


def test_only_the_leader_reports_and_a_report_needs_its_parts(people, panel_case):
    """R-13: the leader's report, with dated document review and on-site findings."""
    application, second = panel_case
    with pytest.raises(TransitionRefused, match="只有专家组组长"):
        SaveReport(application, **_report_data()).execute(second)
    with pytest.raises(TransitionRefused, match="尚无专家提交评分表"):
        SaveReport(application, submit=True, **_report_data()).execute(people.expert)
    SaveSheet(application, scores=builders.all_scores(application), submit=True).execute(people.expert)
    with pytest.raises(TransitionRefused, match="实地核查日期"):
        SaveReport(application, submit=True, **{**_report_data(), "site_visit_on": None}).execute(
            people.expert
        )
    draft = SaveReport(application, opinion="初稿").execute(people.expert)
    assert draft.status == ReportStatus.DRAFT
