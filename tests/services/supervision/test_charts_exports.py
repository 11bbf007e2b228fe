"""Server-rendered SVG charts (accessible, with a data table) and the Excel/CSV exports (audited)."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import AuditRecord
from services.supervision import charts, exports
from services.supervision.models import ExportRecord
from tests.factories.accounts import login_verified
from tests.factories.supervision import AnnualReportFactory


def test_svg_is_well_formed_with_title_description_and_labels():
    chart = charts.bar_chart(
        "c1", "报送情况", ["2024年", "2025年"], [("按时", [3, 1]), ("逾期", [0, 2])], "份"
    )
    svg = charts.render_svg(chart)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{ns}title").text == "报送情况"
    assert "2025年：按时1份，逾期2份" in root.find(f"{ns}desc").text
    assert len(root.findall(f"{ns}rect")) == 4 + 2  # bars + legend keys
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert {"2024年", "2025年", "按时", "逾期", "3", "2"} <= set(texts)


def test_chart_escapes_text_and_has_a_data_table_fallback():
    chart = charts.bar_chart("c2", "<script>", ["a&b"], [("<s>", [1])])
    html = str(charts.render(chart))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<table class="chart-data">' in html and '<th scope="row">a&amp;b</th><td>1</td>' in html


def test_empty_chart_renders():
    chart = charts.bar_chart("c3", "空", [], [("数", [])])
    assert "暂无数据" in charts.render_svg(chart)


def test_csv_has_bom_and_xlsx_has_chinese_headers():
    data = exports.to_csv(["中心名称", "逾期"], [["滨海中心", True], ["南开中心", None]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["中心名称,逾期", "滨海中心,是", "南开中心,"]
    book = load_workbook(io.BytesIO(exports.to_xlsx("年度工作总结报告", ["中心名称"], [["滨海中心"]])))
    sheet = book.active
    assert (
        sheet.title == "年度工作总结报告"
        and sheet["A1"].value == "中心名称"
        and sheet["A2"].value == "滨海中心"
    )


@pytest.mark.django_db
def test_excel_export_is_scoped_and_audited(people, centres):
    """R-32, R-43: the bureau's export holds its district only; the export is in the audit trail."""
    AnnualReportFactory(centre=centres["binhai"], year=2025)
    AnnualReportFactory(centre=centres["nankai"], year=2025)
    client = login_verified(Client(), people.bureau_officer)
    response = client.get(reverse("supervision:export", args=["annual_reports", "xlsx"]))
    assert response.status_code == 200 and response["Content-Type"] == exports.XLSX_TYPE
    assert "attachment" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:3] == ("中心名称", "所在区", "年度")
    assert [r[0] for r in rows[1:]] == [centres["binhai"].name]
    record = ExportRecord.objects.get()
    assert (record.user, record.table, record.file_format, record.rows) == (
        people.bureau_officer,
        "annual_reports",
        "xlsx",
        1,
    )
    assert AuditRecord.objects.filter(action="data_exported", actor=people.bureau_officer).exists()


@pytest.mark.django_db
def test_unknown_export_is_404(people):
    client = login_verified(Client(), people.commission_officer)
    assert client.get(reverse("supervision:export", args=["users", "csv"])).status_code == 404
    assert client.get(reverse("supervision:export", args=["centres", "pdf"])).status_code == 404
