"""Supervision rules (R-30 … R-35) as pure functions: dates in, statuses and booleans out.

Every date comes from the deadline engine (services.deadlines.rules); callers pass `today`
(services.deadlines.clock.beijing_today()).
"""

from datetime import date

from services.deadlines import rules as deadlines
from services.supervision.constants import ReportStatus


def annual_report_in_window(year: int, submitted_on: date) -> bool:
    """R-30: a report is on time only if submitted in November of its year."""
    start, end = deadlines.annual_report_window(year)
    return start <= submitted_on <= end


def annual_report_is_late(year: int, submitted_on: date) -> bool:
    """R-30: a report outside its window is accepted only as late."""
    return not annual_report_in_window(year, submitted_on)


def annual_report_status(year: int, submitted_on: date | None, today: date) -> ReportStatus:
    """R-30: the status of one year's report: on time, late, missing from 1 December, due in November."""
    if submitted_on is not None:
        return ReportStatus.LATE if annual_report_is_late(year, submitted_on) else ReportStatus.ON_TIME
    if today >= deadlines.annual_report_missing_from(year):
        return ReportStatus.MISSING
    start, _end = deadlines.annual_report_window(year)
    return ReportStatus.DUE if today >= start else ReportStatus.NOT_YET_DUE


def annual_report_year_allowed(established_on: date, year: int, today: date) -> bool:
    """R-30: a centre may report for any year from its first reporting year to this year. Which years are
    *due* (and so can be missing) is the engine's annual_report_years; a report made outside November,
    before the window as well as after it, is accepted and marked late."""
    first_window_end = deadlines.annual_report_window(established_on.year)[1]
    first = established_on.year if established_on <= first_window_end else established_on.year + 1
    return first <= year <= today.year


def rectification_deadline_valid(deadline: date, today: date) -> bool:
    """R-32, R-33, R-34: a rectification deadline may not lie in the past."""
    return deadline >= today


def next_deadline(candidates) -> tuple[date, str] | None:
    """The earliest of (deadline, label) pairs, or None."""
    items = [c for c in candidates if c and c[0] is not None]
    return min(items, key=lambda c: c[0]) if items else None
