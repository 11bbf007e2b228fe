"""The deadline engine (R-42): every date of the rulebook from the dates it depends on."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from services.deadlines import rules


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 31), 1, date(2027, 1, 31)),
        (date(2027, 1, 15), -1, date(2026, 12, 15)),
        (date(2027, 1, 31), -13, date(2025, 12, 31)),
        (date(2026, 8, 31), -6, date(2026, 2, 28)),
        (date(2026, 5, 15), 0, date(2026, 5, 15)),
        (date(2026, 5, 15), 24, date(2028, 5, 15)),
    ],
)
def test_add_months_clamps_to_the_last_day_of_the_month(day, months, expected):
    """R-42: calendar months; a missing day clamps to the month's last day."""
    assert rules.add_months(day, months) == expected


@pytest.mark.parametrize(
    "end, last_day",
    [
        (date(2028, 5, 31), date(2028, 2, 29)),  # leap year
        (date(2027, 5, 31), date(2027, 2, 28)),  # common year
        (date(2100, 5, 31), date(2100, 2, 28)),  # century, not a leap year
        (date(2000, 5, 31), date(2000, 2, 29)),  # 400-year leap year
        (date(2027, 5, 30), date(2027, 2, 28)),
        (date(2027, 5, 28), date(2027, 2, 28)),
        (date(2027, 5, 27), date(2027, 2, 27)),
        (date(2027, 3, 1), date(2026, 12, 1)),  # across a year
        (date(2027, 1, 31), date(2026, 10, 31)),
        (date(2026, 12, 31), date(2026, 9, 30)),
        (date(2026, 7, 31), date(2026, 4, 30)),
    ],
)
def test_last_day_to_apply_is_three_calendar_months_before_the_end(end, last_day):
    """R-21, R-22: no later than 3 months before the end; a missing day clamps (2028-05-31 → 2028-02-29)."""
    assert rules.last_day_to_apply(end) == last_day


def test_the_last_day_to_apply_is_allowed_and_the_day_after_is_refused():
    """R-21, R-42: the last day lasts all day; the next day is too late."""
    end = date(2028, 5, 31)
    assert rules.may_apply(end, date(2028, 2, 28))
    assert rules.may_apply(end, date(2028, 2, 29))
    assert not rules.may_apply(end, date(2028, 3, 1))
    end = date(2027, 5, 31)
    assert rules.may_apply(end, date(2027, 2, 28))
    assert not rules.may_apply(end, date(2027, 3, 1))


def test_acceptance_after_an_approved_extension_may_be_applied_for_until_the_extended_end():
    """R-22 (design): an extension postpones the acceptance assessment; the extended end is the last day."""
    end, extended = date(2027, 5, 31), date(2028, 2, 29)
    assert rules.last_day_to_apply_acceptance(end, None) == date(2027, 2, 28)
    assert rules.last_day_to_apply_acceptance(end, extended) == extended
    assert rules.may_apply_acceptance(end, extended, date(2028, 2, 29))
    assert not rules.may_apply_acceptance(end, extended, date(2028, 3, 1))
    assert not rules.may_apply_acceptance(end, None, date(2027, 3, 1))
    assert rules.effective_end(end, None) == end
    assert rules.effective_end(end, extended) == extended


@pytest.mark.parametrize(
    "approved, latest",
    [
        (date(2028, 2, 29), date(2031, 2, 28)),
        (date(2026, 8, 1), date(2029, 8, 1)),
        (date(2026, 12, 31), date(2029, 12, 31)),
        (date(2029, 2, 28), date(2032, 2, 28)),
    ],
)
def test_construction_ends_no_later_than_three_years_after_approval(approved, latest):
    """R-14: construction period at most 3 years; approval 2028-02-29 + 3 years → 2031-02-28."""
    assert rules.construction_end_latest(approved) == latest
    assert rules.construction_end_valid(approved, latest)
    assert not rules.construction_end_valid(approved, latest + timedelta(days=1))
    assert not rules.construction_end_valid(approved, approved)
    assert rules.construction_end_valid(approved, approved + timedelta(days=1))


@pytest.mark.parametrize(
    "original, latest",
    [
        (date(2027, 5, 31), date(2028, 5, 31)),
        (date(2028, 2, 29), date(2029, 2, 28)),
        (date(2027, 2, 28), date(2028, 2, 28)),
    ],
)
def test_extension_reaches_at_most_one_year_beyond_the_original_end(original, latest):
    """R-22: the extended end is after the original end and at most one year beyond it."""
    assert rules.extended_end_latest(original) == latest
    assert rules.extended_end_valid(original, latest)
    assert not rules.extended_end_valid(original, latest + timedelta(days=1))
    assert not rules.extended_end_valid(original, original)
    assert not rules.extended_end_valid(original, original - timedelta(days=1))


def test_lapse_is_flagged_the_day_after_the_end():
    """R-23: the end day still belongs to the period; the next day it has lapsed."""
    assert rules.lapse_flag_day(date(2028, 2, 28)) == date(2028, 2, 29)
    assert rules.lapse_flag_day(date(2026, 12, 31)) == date(2027, 1, 1)
    assert not rules.has_lapsed(date(2027, 5, 31), date(2027, 5, 31))
    assert rules.has_lapsed(date(2027, 5, 31), date(2027, 6, 1))
    assert not rules.has_lapsed(date(2027, 5, 31), date(2027, 5, 30))


def test_rectification_deadlines():
    """R-25: 3 months after the assessment; R-26: a notice gives at most one year."""
    assert rules.rectification_deadline(date(2027, 11, 30)) == date(2028, 2, 29)
    assert rules.rectification_deadline(date(2026, 11, 30)) == date(2027, 2, 28)
    assert rules.rectification_notice_deadline_latest(date(2028, 2, 29)) == date(2029, 2, 28)
    assert rules.rectification_notice_deadline_valid(date(2027, 3, 1), date(2028, 3, 1))
    assert not rules.rectification_notice_deadline_valid(date(2027, 3, 1), date(2028, 3, 2))
    assert not rules.rectification_notice_deadline_valid(date(2027, 3, 1), date(2027, 3, 1))


@pytest.mark.parametrize(
    "score, passed",
    [
        (Decimal("80"), True),
        (Decimal("80.0"), True),
        (Decimal("80.00"), True),
        (80, True),
        ("80.0", True),
        (Decimal("100"), True),
        (Decimal("79.5"), False),
        (Decimal("79.99"), False),
        ("79.5", False),
        (0, False),
    ],
)
def test_eighty_points_or_more_pass(score, passed):
    """R-25: a score of 80 or more is 合格; 79.5 is not."""
    assert rules.passes(score) is passed


def test_floats_and_non_numbers_are_refused_as_scores():
    """R-25: scores are exact decimals; a float or text is never compared."""
    with pytest.raises(ValueError):
        rules.passes(79.99999999999999)
    with pytest.raises(ValueError):
        rules.passes("八十")
    with pytest.raises(ValueError):
        rules.passes(Decimal("NaN"))


@pytest.mark.parametrize(
    "score, valid",
    [(0, True), (Decimal("100"), True), (Decimal("100.5"), False), (Decimal("-0.5"), False), ("x", False)],
)
def test_score_range(score, valid):
    """R-25: totals lie between 0 and 100."""
    assert rules.score_valid(score) is valid


def test_annual_report_window_is_november():
    """R-30: reports in November; missing from 1 December."""
    assert rules.annual_report_window(2027) == (date(2027, 11, 1), date(2027, 11, 30))
    assert rules.annual_report_missing_from(2027) == date(2027, 12, 1)


@pytest.mark.parametrize(
    "established, today, years",
    [
        (date(2026, 3, 1), date(2026, 10, 31), []),
        (date(2026, 3, 1), date(2026, 11, 1), [2026]),
        (date(2026, 3, 1), date(2027, 3, 1), [2026]),
        (date(2026, 3, 1), date(2027, 11, 1), [2026, 2027]),
        (date(2026, 11, 30), date(2026, 11, 30), [2026]),
        (date(2026, 12, 1), date(2027, 10, 31), []),
        (date(2026, 12, 1), date(2027, 11, 1), [2027]),
    ],
)
def test_annual_report_years_are_those_whose_window_has_opened(established, today, years):
    """R-30: a year's report is due once its November has begun, from the year of establishment."""
    assert rules.annual_report_years(established, today) == years


def test_reexamination_every_five_years_without_drift():
    """R-34: every 5 years from establishment; a 29 February clamps each time from the original date."""
    assert rules.reexamination_due(date(2028, 2, 29)) == date(2033, 2, 28)
    assert rules.reexamination_due(date(2028, 2, 29), 2) == date(2038, 2, 28)
    assert rules.reexamination_due(date(2028, 2, 29), 4) == date(2048, 2, 29)
    assert rules.next_reexamination_due(date(2026, 6, 1), date(2031, 6, 1)) == date(2031, 6, 1)
    assert rules.next_reexamination_due(date(2026, 6, 1), date(2031, 6, 2)) == date(2036, 6, 1)
    assert rules.next_reexamination_due(date(2026, 6, 1), date(2026, 6, 1)) == date(2031, 6, 1)


def test_days_left_and_overdue():
    """R-42: 0 on the day itself (still allowed), negative and overdue from the next day."""
    deadline = date(2028, 2, 29)
    assert rules.days_left(deadline, date(2028, 2, 1)) == 28
    assert rules.days_left(deadline, deadline) == 0
    assert rules.days_left(deadline, date(2028, 3, 1)) == -1
    assert not rules.is_overdue(deadline, deadline)
    assert rules.is_overdue(deadline, date(2028, 3, 1))
    assert rules.days_left_text(deadline, date(2028, 2, 27)) == "剩余 2 天"
    assert rules.days_left_text(deadline, deadline) == "今天截止"
    assert rules.days_left_text(deadline, date(2028, 3, 3)) == "已逾期 3 天"
