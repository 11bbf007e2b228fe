"""The tables the dashboards show and export (Excel, CSV), each scoped by visible_to(user)."""

from collections.abc import Callable
from dataclasses import dataclass

from services.deadlines import rules as deadlines
from services.supervision import dashboard
from services.supervision.models import AnnualReport, Inspection, Rectification
from services.supervision.querysets import centres_visible_to


@dataclass(frozen=True)
class Table:
    title: str
    filename: str
    rows: Callable


def centre_rows(user, today):
    headers = [
        "中心名称",
        "所在区",
        "建设单位",
        "状态",
        "成立日期",
        "下一期限事项",
        "下一期限",
        "剩余天数",
        "逾期事项",
        "未办结整改",
    ]
    rows = [
        [
            r.centre.name,
            r.centre.district.name,
            r.centre.organisation.name,
            r.status_label,
            r.centre.established_on,
            r.next_label,
            r.next_deadline,
            r.days_left,
            "；".join(r.overdue),
            r.open_rectifications,
        ]
        for r in dashboard.centre_rows(centres_visible_to(user), today)
    ]
    return headers, rows


def annual_report_rows(user, today):
    headers = ["中心名称", "所在区", "年度", "报送日期", "是否逾期"]
    reports = AnnualReport.objects.visible_to(user).select_related("centre", "centre__district")
    return headers, [[r.centre.name, r.centre.district.name, r.year, r.submitted_on, r.late] for r in reports]


def rectification_rows(user, today):
    headers = ["中心名称", "所在区", "来源", "整改要求", "下达日期", "整改期限", "状态", "是否逾期"]
    items = Rectification.objects.visible_to(user).select_related(
        "centre", "centre__district", "inspection", "reexamination"
    )
    return headers, [
        [
            r.centre.name,
            r.centre.district.name,
            str(r.inspection or r.reexamination or ""),
            r.requirements,
            r.issued_on,
            r.deadline,
            r.get_status_display(),
            r.is_open and deadlines.is_overdue(r.deadline, today),
        ]
        for r in items
    ]


def inspection_rows(user, today):
    headers = ["中心名称", "所在区", "检查类型", "检查日期", "检查人员", "检查结论", "检查发现"]
    items = Inspection.objects.visible_to(user).select_related("centre", "centre__district")
    return headers, [
        [
            i.centre.name,
            i.centre.district.name,
            i.get_kind_display(),
            i.inspected_on,
            i.inspectors,
            i.get_conclusion_display(),
            i.findings,
        ]
        for i in items
    ]


def case_event_rows(user, today):
    """R-40: the case records of the visible centres, in the same words as the case pages."""
    from services.casework.wording import events_with_lines

    headers = ["中心名称", "所在区", "时间", "操作人", "办件记录", "说明"]
    rows = []
    for centre in centres_visible_to(user):
        for _event, line in events_with_lines(centre):
            rows.append([centre.name, centre.district.name, line.when, line.who, line.text, line.reason])
    return headers, rows


TABLES = {
    "centres": Table("中心监管一览", "centres", centre_rows),
    "annual_reports": Table("年度工作总结报告", "annual-reports", annual_report_rows),
    "rectifications": Table("整改通知", "rectifications", rectification_rows),
    "inspections": Table("监督检查", "inspections", inspection_rows),
    "case_events": Table("办件记录", "case-events", case_event_rows),
}
