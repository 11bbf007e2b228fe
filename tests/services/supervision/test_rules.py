from datetime import date

import pytest

from services.supervision import rules
from services.supervision.constants import ReportStatus


@pytest.mark.parametrize(
    ("submitted_on", "late"),
    [
        (date(2025, 11, 1), False),
        (date(2025, 11, 30), False),
        (date(2025, 10, 31), True),
        (date(2025, 12, 1), True),
        (date(2026, 1, 5), True),
    ],
)
def test_report_outside_november_is_late(submitted_on, late):
    """R-30: a report outside its November window is accepted only as late."""
    assert rules.annual_report_is_late(2025, submitted_on) is late


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 10, 31), ReportStatus.NOT_YET_DUE),
        (date(2025, 11, 1), ReportStatus.DUE),
        (date(2025, 11, 30), ReportStatus.DUE),
        (date(2025, 12, 1), ReportStatus.MISSING),
        (date(2026, 2, 29 - 1), ReportStatus.MISSING),
    ],
)
def test_unsubmitted_report_is_missing_from_1_december(today, expected):
    """R-30: a report not in by 30 November is missing from 1 December."""
    assert rules.annual_report_status(2025, None, today) == expected


def test_submitted_report_status_on_time_or_late():
    """R-30: on time in November, late otherwise, whatever today is."""
    assert rules.annual_report_status(2025, date(2025, 11, 15), date(2026, 3, 1)) == ReportStatus.ON_TIME
    assert rules.annual_report_status(2025, date(2025, 12, 2), date(2026, 3, 1)) == ReportStatus.LATE


def test_report_years_follow_the_engine():
    """R-30: a centre established after 30 November reports from the next year on."""
    assert rules.annual_report_year_allowed(date(2024, 12, 15), 2024, date(2025, 11, 3)) is False
    assert rules.annual_report_year_allowed(date(2024, 12, 15), 2025, date(2025, 11, 3)) is True
    assert rules.annual_report_year_allowed(date(2024, 11, 30), 2024, date(2025, 11, 3)) is True
    assert rules.annual_report_year_allowed(date(2024, 11, 30), 2026, date(2025, 11, 3)) is False


def test_rectification_deadline_not_in_the_past():
    """R-32: a rectification deadline may be today or later, never in the past."""
    today = date(2028, 2, 29)
    assert rules.rectification_deadline_valid(today, today)
    assert rules.rectification_deadline_valid(date(2028, 3, 1), today)
    assert not rules.rectification_deadline_valid(date(2028, 2, 28), today)


def test_next_deadline_is_the_earliest():
    assert rules.next_deadline([(date(2026, 11, 30), "年报"), None, (date(2026, 8, 1), "整改")]) == (
        date(2026, 8, 1),
        "整改",
    )
    assert rules.next_deadline([]) is None
