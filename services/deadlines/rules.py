"""The deadline engine (R-42): every date of the rulebook, computed from the dates it depends on.

Pure functions: dates in, dates, numbers and booleans out. No ORM and no clock: callers pass `today`
(services.deadlines.clock.beijing_today() gives it in Beijing time). A deadline day lasts all that day.
"""

import calendar
from datetime import date

CONSTRUCTION_YEARS_MAX = 3  # Article 11, R-14
APPLY_MONTHS_BEFORE_END = 3  # Article 13, R-21, R-22
EXTENSION_YEARS_MAX = 1  # Article 13, R-22
RECTIFICATION_MONTHS = 3  # Article 16, R-25
RECTIFICATION_NOTICE_YEARS_MAX = 1  # Article 17, R-26
ANNUAL_REPORT_MONTH = 11  # Article 19, R-30
REEXAMINATION_YEARS = 5  # Article 23, R-34
PASS_SCORE = 80  # Article 16, R-25


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


def last_day_to_apply(construction_end: date) -> date:
    """R-21, R-22: acceptance or extension must be applied for no later than 3 months before the end."""
    return add_months(construction_end, -APPLY_MONTHS_BEFORE_END)


def may_apply(construction_end: date, today: date) -> bool:
    return today <= last_day_to_apply(construction_end)


def extended_end_latest(original_end: date) -> date:
    """R-22: an extension reaches at most 1 year beyond the original end."""
    return add_years(original_end, EXTENSION_YEARS_MAX)


def extended_end_valid(original_end: date, new_end: date) -> bool:
    return original_end < new_end <= extended_end_latest(original_end)


def lapse_flag_day(end: date) -> date:
    """R-23: a period that ended with neither application nor extension is flagged the day after."""
    return date.fromordinal(end.toordinal() + 1)


def rectification_deadline(assessed_on: date) -> date:
    """R-25: below 80, rectification within 3 months of the assessment."""
    return add_months(assessed_on, RECTIFICATION_MONTHS)


def rectification_notice_deadline_latest(notice_on: date) -> date:
    """R-26: a rectification notice gives at most one year."""
    return add_years(notice_on, RECTIFICATION_NOTICE_YEARS_MAX)


def rectification_notice_deadline_valid(notice_on: date, deadline: date) -> bool:
    return notice_on < deadline <= rectification_notice_deadline_latest(notice_on)


def passes(score) -> bool:
    """R-25: 80 points or more pass."""
    return score >= PASS_SCORE


def annual_report_window(year: int) -> tuple[date, date]:
    """R-30: the annual work summary is due in November."""
    return date(year, ANNUAL_REPORT_MONTH, 1), date(year, ANNUAL_REPORT_MONTH, 30)


def annual_report_missing_from(year: int) -> date:
    """R-30: a report not in by 30 November is missing from 1 December."""
    return date(year, 12, 1)


def annual_report_years(established_on: date, today: date) -> list[int]:
    """Years for which a report is due: from the year of establishment whose November is not yet past it."""
    first = (
        established_on.year
        if established_on <= annual_report_window(established_on.year)[1]
        else (established_on.year + 1)
    )
    return list(range(first, today.year + 1))


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
