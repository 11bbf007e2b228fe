"""The rules of 好差评 and the working-day calendar (issue 12, item 8), as plain functions."""

from datetime import date
from decimal import Decimal

import pytest

from services.ratings import rules, workdays
from services.ratings.constants import FollowUpStatus, Level

FIVE = {
    name: Level.SATISFIED for name in ("overall", "efficiency", "guide_accuracy", "convenience", "platform")
}


@pytest.mark.parametrize(
    ("level", "bad"),
    [(5, False), (4, False), (3, False), (2, True), (1, True)],
)
def test_dissatisfied_and_very_dissatisfied_are_bad_ratings(level, bad):
    assert rules.is_bad(level) is bad


def test_only_the_applicant_unit_rates_and_only_once():
    ok = {"is_applicant": True, "user_unit": 7, "case_unit": 7, "already_rated": False}
    assert rules.rating_refusal(**ok) is None
    assert "申请单位" in rules.rating_refusal(**{**ok, "user_unit": 8})
    assert "申请单位" in rules.rating_refusal(**{**ok, "is_applicant": False})
    assert "申请单位" in rules.rating_refusal(**{**ok, "user_unit": None})
    assert "只能评价一次" in rules.rating_refusal(**{**ok, "already_rated": True})


def test_a_bad_rating_needs_a_reason_a_good_one_does_not():
    assert rules.rating_errors(FIVE, "", "") == {}
    bad = {**FIVE, "overall": Level.VERY_DISSATISFIED}
    assert rules.rating_errors(bad, "", "  ") == {"reason": "选择“不满意”或“非常不满意”时，请填写差评原因。"}
    assert rules.rating_errors(bad, "", "等待时间太长") == {}


def test_every_indicator_needs_a_level_and_texts_have_a_maximum():
    errors = rules.rating_errors({"overall": 9}, "字" * 501, "")
    assert set(errors) == {"overall", "efficiency", "guide_accuracy", "convenience", "platform", "comment"}
    assert errors["platform"] == "请选择“平台操作性”的评价等级。"
    assert errors["comment"] == "评价意见不能超过500字。"


def test_additional_rating_once_after_feedback_by_the_unit():
    ok = {"is_rater_unit": True, "status": FollowUpStatus.FEEDBACK_GIVEN, "already_added": False}
    assert rules.additional_refusal(**ok) is None
    assert "反馈整改情况后" in rules.additional_refusal(**{**ok, "status": FollowUpStatus.RECTIFYING})
    assert "只能追评一次" in rules.additional_refusal(**{**ok, "already_added": True})
    assert "申请单位" in rules.additional_refusal(**{**ok, "is_rater_unit": False})
    assert rules.additional_errors(None, "") == {"level": "请选择追评的评价等级。"}


def test_satisfaction_rate_counts_the_three_satisfied_levels():
    assert rules.satisfaction_rate({}) is None
    assert rules.satisfaction_rate({5: 1, 4: 1, 3: 1, 2: 0, 1: 0}) == Decimal("100.0")
    assert rules.satisfaction_rate({5: 2, 3: 0, 1: 1}) == Decimal("66.7")
    assert rules.satisfaction_rate({2: 1, 1: 3}) == Decimal("0.0")


def test_visit_within_one_working_day_skips_the_weekend():
    # Friday 2026-12-04 → Monday 2026-12-07.
    assert rules.visit_due(date(2026, 12, 4)) == date(2026, 12, 7)
    assert rules.visit_due(date(2026, 12, 1)) == date(2026, 12, 2)


def test_working_days_follow_the_holiday_arrangement_of_the_package():
    # 2026 National Day: 1–7 October off, Saturday 10 October worked (chinese-calendar's 2026 data).
    assert not workdays.is_workday(date(2026, 10, 5))
    assert workdays.is_workday(date(2026, 10, 10))
    assert rules.visit_due(date(2026, 9, 30)) == date(2026, 10, 8)
    assert rules.visit_due(date(2026, 10, 9)) == date(2026, 10, 10)


def test_fifteen_working_days_for_the_rectification_feedback():
    # Tuesday 1 December 2026: three full weeks of working days, no holiday in between.
    assert rules.rectify_due(date(2026, 12, 1)) == date(2026, 12, 22)


def test_a_year_beyond_the_package_and_the_table_raises_a_clear_error():
    with pytest.raises(workdays.CalendarNotAvailable) as error:
        rules.rectify_due(date(2026, 12, 20), table={})
    assert "2027年的法定节假日安排尚未录入" in str(error.value)
    assert error.value.year == 2027


def test_the_project_table_carries_later_years():
    table = {2027: {date(2027, 1, 1): False, date(2027, 1, 4): True}}
    assert not workdays.is_workday(date(2027, 1, 1), table)
    assert workdays.is_workday(date(2027, 1, 2), table) is False  # a Saturday
    assert workdays.is_workday(date(2027, 1, 5), table)
    # Thursday 31 December 2026 + 1 working day: 1 January 2027 is off in the table → Monday 4 January.
    assert rules.visit_due(date(2026, 12, 31), table) == date(2027, 1, 4)


@pytest.mark.django_db
def test_the_project_table_is_read_from_the_database():
    from services.ratings.models import HolidayDay, HolidayYear

    with pytest.raises(workdays.CalendarNotAvailable):
        workdays.is_workday(date(2027, 3, 3))
    year = HolidayYear.objects.create(year=2027, source="测试用安排")
    HolidayDay.objects.create(year=year, day=date(2027, 3, 3), is_workday=False, name="测试休息日")
    assert workdays.is_workday(date(2027, 3, 3)) is False
    assert workdays.is_workday(date(2027, 3, 4)) is True


def test_an_unrated_invitation_is_repeated_three_days_later():
    assert rules.reminder_day(date(2026, 12, 30)) == date(2027, 1, 2)
