"""Today in Beijing time (R-42), and the days_left filter every deadline screen uses."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django.template import Context, Template

from services.deadlines.clock import beijing_today


def test_beijing_today_is_ahead_of_utc_after_16_00_utc():
    """R-42: 2026-11-30T16:00Z is already 2026-12-01 in Beijing."""
    assert beijing_today(datetime(2026, 11, 30, 16, 0, tzinfo=UTC)) == date(2026, 12, 1)
    assert beijing_today(datetime(2026, 11, 30, 15, 59, 59, tzinfo=UTC)) == date(2026, 11, 30)


def test_a_deadline_day_lasts_until_23_59_59_beijing_time():
    """R-42: 23:59:59 Beijing on the deadline day is still the deadline day; one second later is not."""
    assert beijing_today(datetime(2028, 2, 29, 15, 59, 59, tzinfo=UTC)) == date(2028, 2, 29)
    assert beijing_today(datetime(2028, 2, 29, 16, 0, 0, tzinfo=UTC)) == date(2028, 3, 1)
    other_zone = timezone(timedelta(hours=-5))
    assert beijing_today(datetime(2028, 2, 29, 10, 59, 59, tzinfo=other_zone)) == date(2028, 2, 29)


def test_a_naive_datetime_is_refused():
    """R-42: "today" is never taken from an unknown zone."""
    with pytest.raises(ValueError):
        beijing_today(datetime(2026, 11, 30, 16, 0))


def test_beijing_today_without_argument_reads_the_clock(settings):
    """R-42: the default reads Django's aware now()."""
    assert isinstance(beijing_today(), date)


def test_days_left_filters():
    """R-42: screens show the days left from the engine."""
    template = Template(
        "{% load deadlines %}{{ d|days_left:today }}|{{ d|days_left_text:today }}|{{ none|days_left }}"
    )
    out = template.render(Context({"d": date(2028, 2, 29), "today": date(2028, 2, 19), "none": None}))
    assert out == "10|剩余 10 天|"
    out = template.render(Context({"d": date(2028, 2, 29), "today": date(2028, 3, 1)}))
    assert out == "-1|已逾期 1 天|"
