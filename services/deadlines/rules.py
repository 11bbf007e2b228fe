"""The deadline engine (R-42): every date of the rulebook, computed from the dates it depends on.

Pure functions: dates in, dates, numbers and booleans out. No ORM and no clock: callers pass `today`
(services.deadlines.clock.beijing_today() gives it in Beijing time). A deadline day lasts all that day.
"""

import calendar
from datetime import date, timedelta
from decimal import Decimal

CONSTRUCTION_YEARS_MAX = 3  # Article 11, R-14
APPLY_MONTHS_BEFORE_END = 3  # Article 13, R-21, R-22
EXTENSION_YEARS_MAX = 1  # Article 13, R-22
RECTIFICATION_MONTHS = 3  # Article 16, R-25
RECTIFICATION_NOTICE_YEARS_MAX = 1  # Article 17, R-26
ANNUAL_REPORT_MONTH = 11  # Article 19, R-30
REEXAMINATION_YEARS = 5  # Article 23, R-34
PASS_SCORE = Decimal(80)  # Article 16, R-25
SCORE_MAX = Decimal(100)  # Article 16, R-25


def add_months(day: date, months: int) -> date:
    """Calendar months; a day that does not exist in the target month clamps to its last day."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def construction_end_latest(approved_on: date) -> date:
    """R-14: the construction period ends no later than 3 years after approval."""
    return add_years(approved_on, CONSTRUCTION_YEARS_MAX)


def construction_end_valid(approved_on: date, end: date) -> bool:
    return approved_on < end <= construction_end_latest(approved_on)


def effective_end(construction_end: date, extended_end: date | None) -> date:
    """The end that counts now: the extended end once an extension is approved (R-22)."""
    return extended_end or construction_end


def last_day_to_apply(construction_end: date) -> date:
    """R-21, R-22: acceptance or extension must be applied for no later than 3 months before the end."""
    return add_months(construction_end, -APPLY_MONTHS_BEFORE_END)


def may_apply(construction_end: date, today: date) -> bool:
    """R-21, R-22: the last day itself is allowed (until 23:59:59 Beijing time); the day after is not."""
    return today <= last_day_to_apply(construction_end)


def last_day_to_apply_acceptance(construction_end: date, extended_end: date | None) -> date:
    """R-21, R-22 (design): without an extension, 3 months before the end. An approved extension postpones
    the acceptance assessment itself (延期验收考核), so the application may then be made up to the
    extended end; after that the centre lapses (docs/decisions/0050-deadline-engine-and-acceptance-after-extension.md)."""
    if extended_end is not None:
        return extended_end
    return last_day_to_apply(construction_end)


def may_apply_acceptance(construction_end: date, extended_end: date | None, today: date) -> bool:
    return today <= last_day_to_apply_acceptance(construction_end, extended_end)


def extended_end_latest(original_end: date) -> date:
    """R-22: an extension reaches at most 1 year beyond the original end."""
    return add_years(original_end, EXTENSION_YEARS_MAX)


def extended_end_valid(original_end: date, new_end: date) -> bool:
    return original_end < new_end <= extended_end_latest(original_end)


def lapse_flag_day(end: date) -> date:
    """R-23: a period that ended with neither application nor extension is flagged the day after."""
    return end + timedelta(days=1)


def has_lapsed(end: date, today: date) -> bool:
    """R-23: the period has ended (the end day itself still belongs to it)."""
    return today >= lapse_flag_day(end)


def rectification_deadline(assessed_on: date) -> date:
    """R-25: below 80, rectification within 3 months of the assessment."""
    return add_months(assessed_on, RECTIFICATION_MONTHS)


def rectification_notice_deadline_latest(notice_on: date) -> date:
    """R-26: a rectification notice gives at most one year."""
    return add_years(notice_on, RECTIFICATION_NOTICE_YEARS_MAX)


def rectification_notice_deadline_valid(notice_on: date, deadline: date) -> bool:
    return notice_on < deadline <= rectification_notice_deadline_latest(notice_on)


def score_valid(score) -> bool:
    """R-25: a total lies between 0 and 100. Decimal, int or a decimal string; never a float."""
    value = _decimal(score)
    return value is not None and Decimal(0) <= value <= SCORE_MAX


def passes(score) -> bool:
    """R-25: 80 points or more pass (80 and 80.0 pass, 79.5 and 79.99 do not).

    Compared as Decimal so that a float's binary rounding can never move a score across the line.
    """
    value = _decimal(score)
    if value is None:
        raise ValueError("分数必须是数字。")
    return value >= PASS_SCORE


def _decimal(score) -> Decimal | None:
    if isinstance(score, bool) or isinstance(score, float):
        return None
    try:
        value = Decimal(str(score)) if not isinstance(score, Decimal) else score
    except (ArithmeticError, ValueError):
        return None
    return value if value.is_finite() else None


def annual_report_window(year: int) -> tuple[date, date]:
    """R-30: the annual work summary is due in November."""
    return date(year, ANNUAL_REPORT_MONTH, 1), date(year, ANNUAL_REPORT_MONTH, 30)


def annual_report_missing_from(year: int) -> date:
    """R-30: a report not in by 30 November is missing from 1 December."""
    return date(year, 12, 1)


def annual_report_years(established_on: date, today: date) -> list[int]:
    """Years whose report window has opened by today: from the year of establishment (if the centre was
    established by 30 November of it) to the latest November that has begun."""
    first = (
        established_on.year
        if established_on <= annual_report_window(established_on.year)[1]
        else (established_on.year + 1)
    )
    last = today.year if today >= annual_report_window(today.year)[0] else today.year - 1
    return list(range(first, last + 1))


def reexamination_due(established_on: date, round_number: int = 1) -> date:
    """R-34: the centre is re-examined every 5 years from establishment."""
    return add_years(established_on, REEXAMINATION_YEARS * round_number)


def next_reexamination_due(established_on: date, today: date) -> date:
    round_number = 1
    while reexamination_due(established_on, round_number) < today:
        round_number += 1
    return reexamination_due(established_on, round_number)


def days_left(deadline: date, today: date) -> int:
    """Days from today to the deadline: 0 on the day itself, negative once overdue."""
    return (deadline - today).days


def is_overdue(deadline: date, today: date) -> bool:
    """R-42: a deadline day lasts until 23:59:59 that day; it is overdue from the next day."""
    return today > deadline


def days_left_text(deadline: date, today: date) -> str:
    """The days left as people read them (R-42)."""
    left = days_left(deadline, today)
    if left > 0:
        return f"剩余 {left} 天"
    if left == 0:
        return "今天截止"
    return f"已逾期 {-left} 天"
