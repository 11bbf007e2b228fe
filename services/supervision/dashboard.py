"""What the bureau's and the commission's dashboards show (R-30 … R-35, R-42): per centre its status, next
deadline (days left) and overdue items; and the numbers behind the charts. All dates from the engine."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from services.centres.constants import CentreStatus
from services.deadlines import rules as deadlines
from services.supervision import charts, rules
from services.supervision.constants import ReexaminationStatus, ReportStatus


@dataclass
class CentreRow:
    centre: object
    next_deadline: date | None = None
    next_label: str = ""
    days_left: int | None = None
    overdue: list[str] = field(default_factory=list)
    open_rectifications: int = 0

    @property
    def status_label(self) -> str:
        return self.centre.get_status_display()


def centre_row(centre, today: date) -> CentreRow:
    row = CentreRow(centre=centre)
    open_rects = [r for r in centre.rectifications.all() if r.is_open]
    row.open_rectifications = len(open_rects)
    if centre.status != CentreStatus.ESTABLISHED or centre.established_on is None:
        return row
    reported = {r.year for r in centre.annual_reports.all()}
    candidates = []
    for year in deadlines.annual_report_years(centre.established_on, today):
        if year in reported:
            continue
        status = rules.annual_report_status(year, None, today)
        if status == ReportStatus.MISSING:
            row.overdue.append(f"{year}年度工作总结报告缺失")
        else:
            candidates.append((deadlines.annual_report_window(year)[1], f"{year}年度工作总结报告"))
    if not candidates:
        next_year = today.year if today.year not in reported and today.month < 12 else today.year + 1
        candidates.append((deadlines.annual_report_window(next_year)[1], f"{next_year}年度工作总结报告"))
    for rect in open_rects:
        if deadlines.is_overdue(rect.deadline, today):
            row.overdue.append(f"整改逾期（期限{rect.deadline:%Y-%m-%d}）")
        else:
            candidates.append((rect.deadline, "整改期限"))
    reexams = list(centre.reexaminations.all())
    done_rounds = {r.round_number for r in reexams}
    round_number = 1
    while deadlines.reexamination_due(centre.established_on, round_number) < today:
        if round_number not in done_rounds:
            due = deadlines.reexamination_due(centre.established_on, round_number)
            row.overdue.append(f"第{round_number}次复查逾期未安排（应于{due:%Y-%m-%d}）")
        round_number += 1
    if not any(r.status == ReexaminationStatus.SCHEDULED for r in reexams):
        due = deadlines.next_reexamination_due(centre.established_on, today)
        candidates.append((due, "五年复查"))
    best = rules.next_deadline(candidates)
    if best:
        row.next_deadline, row.next_label = best
        row.days_left = deadlines.days_left(row.next_deadline, today)
    return row


def centre_rows(centres, today: date) -> list[CentreRow]:
    centres = centres.select_related("district", "organisation").prefetch_related(
        "annual_reports", "rectifications", "reexaminations"
    )
    return [centre_row(c, today) for c in centres]


def report_counts(centres, today: date) -> dict[int, Counter]:
    """Per year: on time, late, missing reports of the given centres (R-30)."""
    counts: dict[int, Counter] = {}
    for centre in centres:
        if centre.established_on is None or centre.status not in (
            CentreStatus.ESTABLISHED,
            CentreStatus.REVOKED,
        ):
            continue
        submitted = {r.year: r.submitted_on for r in centre.annual_reports.all()}
        last_day = centre.revoked_on or today
        for year in deadlines.annual_report_years(centre.established_on, min(today, last_day)):
            status = rules.annual_report_status(year, submitted.get(year), today)
            counts.setdefault(year, Counter())[status] += 1
    return dict(sorted(counts.items()))


def status_chart(centres, chart_id="centres-by-status"):
    counts = Counter(c.status for c in centres)
    labels = dict(CentreStatus.choices)
    statuses = [s for s in CentreStatus.values if counts.get(s)] or [CentreStatus.ESTABLISHED]
    return charts.bar_chart(
        chart_id,
        "各状态中心数量",
        [labels[s] for s in statuses],
        [("中心数", [counts.get(s, 0) for s in statuses])],
        "个",
    )


def reports_chart(centres, today, chart_id="reports-per-year"):
    counts = report_counts(centres, today)
    years = list(counts) or [today.year]
    return charts.bar_chart(
        chart_id,
        "年度工作总结报告报送情况（按年度）",
        [f"{y}年" for y in years],
        [
            ("按时", [counts.get(y, Counter())[ReportStatus.ON_TIME] for y in years]),
            ("逾期", [counts.get(y, Counter())[ReportStatus.LATE] for y in years]),
            ("缺失", [counts.get(y, Counter())[ReportStatus.MISSING] for y in years]),
        ],
        "份",
    )


def rectifications_chart(rows: list[CentreRow], group_by_district: bool, chart_id="open-rectifications"):
    counts: Counter = Counter()
    for row in rows:
        key = row.centre.district.name if group_by_district else row.centre.name
        counts[key] += row.open_rectifications
    keys = [k for k, v in counts.items() if v] or ["无"]
    return charts.bar_chart(
        chart_id,
        "未办结整改数量" + ("（按区）" if group_by_district else "（按中心）"),
        keys,
        [("未办结整改", [counts.get(k, 0) for k in keys])],
        "项",
    )


@dataclass
class DistrictLine:
    district: object
    centres: int = 0
    established: int = 0
    revoked: int = 0
    overdue_items: int = 0
    open_rectifications: int = 0


def district_breakdown(rows: list[CentreRow], districts) -> list[DistrictLine]:
    lines = {d.pk: DistrictLine(district=d) for d in districts}
    for row in rows:
        line = lines[row.centre.district_id]
        line.centres += 1
        line.established += row.centre.status == CentreStatus.ESTABLISHED
        line.revoked += row.centre.status == CentreStatus.REVOKED
        line.overdue_items += len(row.overdue)
        line.open_rectifications += row.open_rectifications
    return list(lines.values())


# The staff workspace's queue cards on the bureau's home page. services.workspaces reads every service, so
# it sits above supervision: it provides them when its app is ready (services.workspaces.apps).
_queue_summaries: list = []


def provide_queue_summaries(summaries) -> None:
    """summaries(user, today) -> list of {"queue", "count", "overdue"}."""
    _queue_summaries[:] = [summaries]


def queue_summaries(user, today) -> list[dict]:
    return _queue_summaries[0](user, today) if _queue_summaries else []
