import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from services.documents.pdf import render_pdf


def cjk_fonts_installed() -> bool:
    if shutil.which("fc-list") is None:
        return False
    return "Noto Sans CJK" in subprocess.run(["fc-list"], capture_output=True, text=True).stdout


@pytest.mark.skipif(
    not cjk_fonts_installed(), reason="Noto CJK fonts not installed (apt-get install fonts-noto-cjk)"
)
def test_chinese_text_is_typeset_and_extractable(tmp_path, settings):
    settings.TEMPLATES[0]["DIRS"] = [*settings.TEMPLATES[0]["DIRS"], tmp_path]
    (tmp_path / "sample.html").write_text(
        '{% extends "documents/base_document.html" %}{% block body %}<h1>筹建任务书</h1>'
        "<p>天津市新能源计量数据建设应用中心</p>{% endblock %}",
        encoding="utf-8",
    )
    pdf = render_pdf("sample.html", {})
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "筹建任务书" in text
    assert "天津市新能源计量数据建设应用中心" in text
