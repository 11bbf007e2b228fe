import io
import shutil
import subprocess

import pytest
from django.template import Context, Template
from pypdf import PdfReader

from services.documents.pdf import html_to_pdf


def cjk_fonts_installed() -> bool:
    if shutil.which("fc-list") is None:
        return False
    return "Noto Sans CJK" in subprocess.run(["fc-list"], capture_output=True, text=True).stdout


@pytest.mark.skipif(
    not cjk_fonts_installed(), reason="Noto CJK fonts not installed (apt-get install fonts-noto-cjk)"
)
def test_chinese_text_is_typeset_and_extractable():
    """The official document base template typesets Chinese with the Noto CJK fonts."""
    html = Template(
        '{% extends "documents/base_document.html" %}{% block body %}<h1>筹建任务书</h1>'
        "<p>天津市新能源计量数据建设应用中心</p>{% endblock %}"
    ).render(Context({}))
    pdf = html_to_pdf(html)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "筹建任务书" in text
    assert "天津市新能源计量数据建设应用中心" in text
