"""The tables the dashboards show and export (Excel, CSV), each scoped by visible_to(user): the centres, the
case records, and each record kind that declares its export (services.supervision.kinds)."""

from collections.abc import Callable
from dataclasses import dataclass

from services.supervision import dashboard
from services.supervision.kinds import KINDS
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
    **{kind.key: Table(kind.title, kind.segment, kind.export_rows) for kind in KINDS if kind.export},
    "case_events": Table("办件记录", "case-events", case_event_rows),
}
