"""The application's documents as PDF (R-14, annexes 1 and 4, the reply letter)."""

from services.applications.constants import FILE_PURPOSE_ATTACHMENT, Condition, condition_purpose
from services.deadlines import rules as deadlines
from services.documents.pdf import (
    DocumentIncomplete,
    pdf_response,
    refused_response,
    render_official,
    render_pdf,
)
from services.files.models import CaseFile

KINDS = {
    "application-form": "申报书",
    "task-book": "筹建任务书",
    "reply-letter": "函复",
}


def application_context(application) -> dict:
    files = list(CaseFile.for_object(application))
    conditions = []
    declared = application.condition_map()
    for code, label in Condition.choices:
        row = declared.get(code)
        conditions.append(
            {
                "code": code,
                "label": label,
                "meets": row.meets if row else None,
                "explanation": row.explanation if row else "",
                "files": [f for f in files if f.purpose == condition_purpose(code)],
            }
        )
    return {
        "application": application,
        "partners": list(application.partners.all()),
        "key_fields": list(application.key_fields.all()),
        "conditions": conditions,
        "attachments": [f for f in files if f.purpose == FILE_PURPOSE_ATTACHMENT],
    }


def available(application) -> list[str]:
    kinds = ["application-form"]
    if application.centre_id:
        kinds += ["task-book", "reply-letter"]
    return kinds


def render_document(application, kind: str) -> bytes:
    if kind == "application-form":
        return render_pdf("applications/pdf/application_form.html", application_context(application))
    task_book = application.centre.task_book
    context = {
        "application": application,
        "centre": application.centre,
        "task_book": task_book,
        **RULE_FIGURES,
    }
    template = (
        "applications/pdf/task_book.html" if kind == "task-book" else "applications/pdf/reply_letter.html"
    )
    return render_official(template, context, task_book_dates(application.centre, task_book))


# The figures of the rulebook the documents state, from the deadline engine.
RULE_FIGURES = {
    "construction_years_max": deadlines.CONSTRUCTION_YEARS_MAX,
    "apply_months_before_end": deadlines.APPLY_MONTHS_BEFORE_END,
    "extension_years_max": deadlines.EXTENSION_YEARS_MAX,
    "score_max": deadlines.SCORE_MAX,
    "pass_score": deadlines.PASS_SCORE,
    "rectification_months": deadlines.RECTIFICATION_MONTHS,
}


def task_book_dates(centre, task_book) -> dict:
    """Every date the task book and the reply letter state, computed by the deadline engine."""
    end = task_book.period_end
    return {
        "issued_on": ("下达日期", task_book.issued_on),
        "period_start": ("筹建期起", task_book.period_start),
        "period_end": ("筹建期止", end),
        "period_end_latest": (
            "筹建期最迟届满日",
            centre.approved_on and deadlines.construction_end_latest(centre.approved_on),
        ),
        "last_day_to_apply": ("验收申请最后一日", end and deadlines.last_day_to_apply(end)),
        "extended_end_latest": ("延期最迟届满日", end and deadlines.extended_end_latest(end)),
    }


def document_response(request, application, kind: str):
    from django.http import Http404

    from services.applications.audit import record_download

    if kind not in available(application):
        raise Http404("文书不存在。")
    try:
        pdf = render_document(application, kind)
    except DocumentIncomplete as error:
        return refused_response(error)
    record_download(request, application, kind)
    return pdf_response(pdf, f"{application.case_number}-{KINDS[kind]}.pdf")
