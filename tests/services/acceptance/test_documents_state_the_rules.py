"""The acceptance report and the rectification notice state the rules as the rulebook does (R-25, R-26): the
scores and the deadlines in their text are the engine's; a render with a missing date is refused."""

from datetime import date

import pytest

from services.acceptance.actions import IssueNotice, ReportRectification
from services.acceptance.constants import StageKind
from services.acceptance.documents import acceptance_report_pdf, rectification_notice_pdf
from services.deadlines import clock
from services.deadlines import rules as engine
from services.documents.pdf import DocumentIncomplete
from tests.services.documents.reading import date_before, dates_in, text_of
from tests.services.documents.test_pdf import cjk_fonts_installed

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not cjk_fonts_installed(), reason="Noto CJK fonts not installed"),
]


def test_report_below_80_names_the_engines_rectification_deadline(people, applied, walk):
    """R-25: below 80 in the first round, rectification within 3 months of the final meeting, by the date
    the engine computes; the thresholds 100 and 80 are the engine's."""
    walk.appoint(applied)
    walk.round(applied, "70")
    final = applied.stages.get(round_number=1, kind=StageKind.FINAL_MEETING)
    text = text_of(acceptance_report_pdf(applied))
    due = engine.rectification_deadline(final.held_on)
    assert date_before(text, due, "完成整改")
    assert f"低于{engine.PASS_SCORE}分，限期{engine.RECTIFICATION_MONTHS}个月整改" in text
    assert f"满分为{engine.SCORE_MAX}分" in text
    centre = applied.centre
    stage_days = {s.held_on for s in applied.stages.all()}
    expected = {centre.approved_on, centre.construction_end, applied.submitted_on, clock.beijing_today(), due}
    assert set(dates_in(text)) == expected | stage_days


def test_report_of_a_pass_states_the_pass_line(people, applied, walk):
    """R-25: 80 or more is 合格; the report says so with the engine's figures."""
    walk.appoint(applied)
    walk.round(applied, "85.5")
    text = text_of(acceptance_report_pdf(applied))
    assert "考核得分85.5分，现场考核结论为合格" in text
    assert f"得分{engine.PASS_SCORE}分及以上的，现场考核结论为合格" in text
    assert "整改" not in text


def _notice(people, applied, walk, deadline):
    walk.appoint(applied)
    walk.round(applied, "70")
    ReportRectification(people.applicant, applied, body="已整改", today=date(2027, 5, 1)).run()
    applied.refresh_from_db()
    walk.round(applied, "75", start=date(2027, 5, 10))
    return IssueNotice(
        people.commission_officer,
        applied,
        deadline=deadline,
        requirements="完善制度",
        today=date(2027, 5, 20),
    ).run()


def test_notice_names_its_deadline_within_one_year(people, applied, walk):
    """R-26: the notice names its deadline and the one-year limit computed from its issue date."""
    notice = _notice(people, applied, walk, date(2028, 2, 29))
    text = text_of(rectification_notice_pdf(notice))
    assert date_before(text, notice.deadline, "完成整改")
    latest = engine.rectification_notice_deadline_latest(notice.issued_on)
    assert f"整改期限不超过{engine.RECTIFICATION_NOTICE_YEARS_MAX}年" in text
    assert set(dates_in(text)) == {notice.issued_on, notice.deadline, latest}
    assert f"低于{engine.PASS_SCORE}分" in text


def test_notice_without_a_deadline_is_refused(people, applied, walk):
    """No blank: a notice whose deadline is missing is not rendered, naming the missing date."""
    notice = _notice(people, applied, walk, date(2028, 5, 1))
    notice.deadline = None
    with pytest.raises(DocumentIncomplete, match="整改期限"):
        rectification_notice_pdf(notice)
