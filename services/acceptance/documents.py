"""The acceptance report (annex 5) and the rectification notice (整改通知书) as PDFs (R-25 … R-27).

Every date and threshold the documents state comes from the deadline engine; a missing date refuses the
render (services.documents.pdf.render_official)."""

from services.acceptance.constants import StageKind
from services.deadlines import clock
from services.deadlines import rules as deadlines
from services.documents.pdf import render_official

THRESHOLDS = {
    "score_max": deadlines.SCORE_MAX,
    "pass_score": deadlines.PASS_SCORE,
    "rectification_months": deadlines.RECTIFICATION_MONTHS,
    "notice_years_max": deadlines.RECTIFICATION_NOTICE_YEARS_MAX,
}


def acceptance_report_pdf(application) -> bytes:
    sheet = application.score_sheets.order_by("-round_number").prefetch_related("entries__item").first()
    centre = application.centre
    stages = list(application.stages.all())
    final = next(
        (
            s
            for s in stages
            if sheet and s.round_number == sheet.round_number and s.kind == StageKind.FINAL_MEETING
        ),
        None,
    )
    dates = {
        "approved_on": ("批准筹建日期", centre.approved_on),
        "construction_end": ("筹建期限届满日", centre.construction_end),
        "submitted_on": ("验收申请日期", application.submitted_on),
        "generated_on": ("报告日期", clock.beijing_today()),
    }
    below_first_round = sheet is not None and sheet.passed is False and sheet.round_number == 1
    if below_first_round:  # rectification within 3 months of the final meeting
        dates["rectification_deadline"] = (
            "整改期限",
            final and deadlines.rectification_deadline(final.held_on),
        )
    return render_official(
        "acceptance/documents/acceptance_report.html",
        {
            "application": application,
            "centre": centre,
            "members": application.members.select_related("expert__expert"),
            "leader": application.leader,
            "stages": stages,
            "sheet": sheet,
            "below_first_round": below_first_round,
            **THRESHOLDS,
        },
        dates,
    )


def rectification_notice_pdf(notice) -> bytes:
    return render_official(
        "acceptance/documents/rectification_notice.html",
        {"notice": notice, "centre": notice.application.centre, **THRESHOLDS},
        {
            "issued_on": ("下达日期", notice.issued_on),
            "deadline": ("整改期限", notice.deadline),
            "deadline_latest": (
                "整改期限最迟日",
                notice.issued_on and deadlines.rectification_notice_deadline_latest(notice.issued_on),
            ),
        },
    )
