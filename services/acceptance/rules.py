"""Acceptance rules in plain Python (R-24, R-25): stage order and score sheets. No ORM, no clock."""

from datetime import date
from decimal import Decimal, InvalidOperation

from services.acceptance.constants import StageKind
from services.deadlines import rules as deadlines
from services.deadlines.formatting import cn_date

ORDER = [StageKind.FIRST_MEETING, StageKind.ONSITE, StageKind.DELIBERATION, StageKind.FINAL_MEETING]
REQUIRED_BEFORE = {
    StageKind.FIRST_MEETING: [],
    StageKind.ONSITE: [StageKind.FIRST_MEETING],
    StageKind.DELIBERATION: [StageKind.ONSITE],
    StageKind.FINAL_MEETING: [StageKind.ONSITE],
}
LABELS = dict(StageKind.choices)


def fmt(day: date) -> str:
    return cn_date(day)


def stage_problem(
    recorded: dict[str, date], kind: str, held_on: date | None, latest_earlier: date | None, today: date
) -> str | None:
    """Why this stage cannot be recorded now (R-24), or None.

    recorded: the stages of this round already recorded, kind → date. latest_earlier: the latest date of any
    stage recorded before in this case (earlier rounds included): dates never go backwards.
    """
    if kind not in LABELS:
        return "未知的考核阶段。"
    label = LABELS[kind]
    if kind in recorded:
        return f"本轮“{label}”已记录，不能重复记录。"
    later = [k for k in ORDER[ORDER.index(kind) + 1 :] if k in recorded]
    if later:
        return f"“{LABELS[later[0]]}”已记录，不能再补记“{label}”。"
    for needed in REQUIRED_BEFORE[kind]:
        if needed not in recorded:
            return f"须先记录“{LABELS[needed]}”，再记录“{label}”。"
    if held_on is None:
        return f"请填写“{label}”的日期。"
    if held_on > today:
        return f"“{label}”的日期不能晚于今天（{fmt(today)}）。"
    if latest_earlier is not None and held_on < latest_earlier:
        return f"“{label}”的日期不能早于上一阶段的日期（{fmt(latest_earlier)}）。"
    return None


def parse_points(raw) -> Decimal | None:
    if raw is None or isinstance(raw, (bool, float)):
        return None
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def score_sheet_problems(items: list[tuple[int, str, Decimal]], points: dict) -> tuple[list[str], Decimal]:
    """R-25: every item scored, 0 ≤ points ≤ the item's maximum, at most one decimal; total 0 … 100.

    items: (item id, name, maximum). points: item id → raw value. Returns (problems, total).
    """
    problems, total = [], Decimal(0)
    known = {item_id for item_id, _name, _max in items}
    if set(points) - known:
        problems.append("评分项与考核模板不符。")
    for item_id, name, maximum in items:
        raw = points.get(item_id)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            problems.append(f"“{name}”未评分。")
            continue
        value = parse_points(raw)
        if value is None:
            problems.append(f"“{name}”的分数必须是数字。")
        elif value < 0 or value > maximum:
            problems.append(f"“{name}”的分数须在0至{maximum}分之间。")
        elif value != value.quantize(Decimal("0.1")):
            problems.append(f"“{name}”的分数最多保留一位小数。")
        else:
            total += value
    if not problems and not deadlines.score_valid(total):
        problems.append("总分须在0至100分之间。")
    return problems, total


def template_total_valid(maxima: list[Decimal]) -> bool:
    """R-25: an acceptance template's items sum to exactly 100."""
    return sum(maxima, Decimal(0)) == deadlines.SCORE_MAX
