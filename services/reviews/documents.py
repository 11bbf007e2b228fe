"""Score sheets (annex 2) and the review report (annex 3) as PDF."""

from services.documents.pdf import pdf_response, render_pdf


def sheet_pdf(sheet) -> bytes:
    return render_pdf(
        "reviews/pdf/score_sheet.html",
        {
            "sheet": sheet,
            "application": sheet.panel.application,
            "scores": list(sheet.scores.select_related("item")),
            "version": sheet.template_version,
        },
    )


def report_pdf(report) -> bytes:
    from services.reviews.constants import SheetStatus

    panel = report.panel
    return render_pdf(
        "reviews/pdf/review_report.html",
        {
            "report": report,
            "application": panel.application,
            "members": list(panel.members.select_related("expert")),
            "sheets": list(panel.sheets.filter(status=SheetStatus.SUBMITTED).select_related("expert")),
        },
    )


def sheet_response(request, sheet):
    from services.applications.audit import record_download

    pdf = sheet_pdf(sheet)
    record_download(request, sheet, "score-sheet")
    return pdf_response(pdf, f"{sheet.panel.application.case_number}-评分表-{sheet.pk}.pdf")


def report_response(request, report):
    from services.applications.audit import record_download

    pdf = report_pdf(report)
    record_download(request, report, "review-report")
    return pdf_response(pdf, f"{report.panel.application.case_number}-评审报告.pdf")
