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
