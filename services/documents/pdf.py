"""Official documents as PDF (application form, score sheets, reports, task book, letters, notices).

HTML templates rendered by WeasyPrint with the Noto CJK fonts of the operating system
(Debian package fonts-noto-cjk, installed by the project's set-up).
"""

from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template_name, context))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=None).write_pdf()


def pdf_response(pdf: bytes, filename: str):
    from django.http import HttpResponse

    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    response["Cache-Control"] = "private, no-store"
    return response


def _quote(filename: str) -> str:
    from urllib.parse import quote

    return quote(filename)


class DocumentIncomplete(ValueError):
    """An official document would go out with a blank where a date belongs: the render is refused."""


def render_official(template_name: str, context: dict, dates: dict[str, tuple[str, object]]) -> bytes:
    """An official document whose dates all come from the caller (the deadline engine, R-42).

    `dates` maps a name to (Chinese label, date); the template reads `dates.<name>`. A missing date refuses
    the render, naming what is missing, so no document is issued with a blank.
    """
    missing = [label for label, day in dates.values() if day is None]
    if missing:
        raise DocumentIncomplete(f"文书缺少以下日期，不予生成：{'、'.join(missing)}。")
    return render_pdf(template_name, {**context, "dates": {name: day for name, (_, day) in dates.items()}})


def refused_response(error: DocumentIncomplete):
    from django.http import HttpResponse

    return HttpResponse(f"{error}", status=409, content_type="text/plain; charset=utf-8")
