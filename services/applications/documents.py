"""The application's documents as PDF (R-14, annexes 1 and 4, the reply letter)."""

from services.applications.constants import FILE_PURPOSE_ATTACHMENT, Condition, condition_purpose
from services.documents.pdf import pdf_response, render_pdf
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
    context = {"application": application, "centre": application.centre, "task_book": task_book}
    if kind == "task-book":
        return render_pdf("applications/pdf/task_book.html", context)
    return render_pdf("applications/pdf/reply_letter.html", context)


def document_response(request, application, kind: str):
    from django.http import Http404

    from services.applications.audit import record_download

    if kind not in available(application):
        raise Http404("文书不存在。")
    pdf = render_document(application, kind)
    record_download(request, application, kind)
    return pdf_response(pdf, f"{application.case_number}-{KINDS[kind]}.pdf")
