"""The acceptance report (annex 5) and the rectification notice (整改通知书) as PDFs (R-25 … R-27)."""

from services.deadlines import clock
from services.documents.pdf import render_pdf


def acceptance_report_pdf(application) -> bytes:
    sheet = application.score_sheets.order_by("-round_number").prefetch_related("entries__item").first()
    return render_pdf(
        "acceptance/documents/acceptance_report.html",
        {
            "application": application,
            "centre": application.centre,
            "members": application.members.select_related("expert__expert"),
            "leader": application.leader,
            "stages": application.stages.all(),
            "sheet": sheet,
            "generated_on": clock.beijing_today(),
        },
    )


def rectification_notice_pdf(notice) -> bytes:
    return render_pdf(
        "acceptance/documents/rectification_notice.html",
        {"notice": notice, "centre": notice.application.centre},
    )
