"""Exporting supervision tables to Excel (openpyxl) and CSV (UTF-8 with BOM, so Excel reads the Chinese).

Every export is audited: an ExportRecord (who, which table, which format, how many rows, which scope), and
the portal's audit trail (accounts.audit.record, R-43).
"""

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

from accounts import audit as audit_trail
from accounts.constants import AuditAction
from services.supervision.models import ExportRecord

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
FORMATS = ("xlsx", "csv")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def to_csv(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(10, width * 2), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def audit(request, *, table: str, file_format: str, rows: int, scope: str) -> ExportRecord:
    record = ExportRecord.objects.create(
        user=request.user if request.user.is_authenticated else None,
        table=table,
        file_format=file_format,
        rows=rows,
        scope=scope,
    )
    audit_trail.record(
        request, AuditAction.DATA_EXPORTED, table=table, format=file_format, rows=rows, scope=scope
    )
    return record
