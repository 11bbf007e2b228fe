"""The documents as PDF, with the Chinese case data in their text (R-13, R-14; annexes 1 to 4)."""

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from services.applications.documents import render_document
from services.reviews.documents import report_pdf, sheet_pdf
from services.reviews.models import ReviewReport, ScoreSheet
from tests.services.applications import builders


def cjk_fonts_installed() -> bool:
    return (
        shutil.which("fc-list") is not None
        and "Noto Sans CJK" in subprocess.run(["fc-list"], capture_output=True, text=True).stdout
    )


pytestmark = pytest.mark.skipif(
    not cjk_fonts_installed(), reason="Noto CJK fonts not installed (fonts-noto-cjk)"
)


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace("\n", "")


def test_all_five_documents_carry_the_case_data(people):
    """R-14: application form, score sheet, review report, task book and reply letter, in Chinese."""
    application = builders.approved(people)
    form = text_of(render_document(application, "application-form"))
    assert "天津市计量数据建设应用中心申报书" in form
    assert application.case_number in form
    assert "天津市新能源计量数据建设应用中心" in form
    assert "具有稳定的经费保障" in form and "新能源" in form
    sheet = text_of(sheet_pdf(ScoreSheet.objects.get(panel__application=application)))
    assert "申报评审评分表" in sheet and "演示模板" in sheet and "计量数据资源和成果基础" in sheet
    report = text_of(report_pdf(ReviewReport.objects.get(panel__application=application)))
    assert "筹建评审报告" in report and "现场条件与申报一致" in report and "建议批准筹建" in report
    task_book = text_of(render_document(application, "task-book"))
    assert (
        "筹建任务书" in task_book
        and f"{application.case_number}-RWS" in task_book
        and "建成数据中心" in task_book
    )
    letter = text_of(render_document(application, "reply-letter"))
    assert "同意你单位筹建天津市新能源计量数据建设应用中心" in letter
