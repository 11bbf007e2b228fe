"""Working days in mainland China: the chinese-calendar package for the years it covers, the project's own
table (HolidayYear, HolidayDay; entered in the admin from the State Council's notice) for later years, and
a clear error for a year in neither."""

from datetime import date, timedelta

import chinese_calendar
from chinese_calendar.constants import holidays as PACKAGE_HOLIDAYS

PACKAGE_LAST_YEAR = max(PACKAGE_HOLIDAYS).year
PACKAGE_FIRST_YEAR = min(PACKAGE_HOLIDAYS).year


class CalendarNotAvailable(Exception):
    """The holiday arrangement of a year is not known; a working-day deadline cannot be computed."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"{year}年的法定节假日安排尚未录入（chinese-calendar 只覆盖到{PACKAGE_LAST_YEAR}年），"
            f"无法计算工作日期限。请在管理后台“节假日安排年度”中录入{year}年的安排。"
        )


def project_table() -> dict[int, dict[date, bool]]:
    """The project's own years: {year: {day: is_workday}} for the days that differ from the plain week."""
    from services.ratings.models import HolidayDay, HolidayYear

    table: dict[int, dict[date, bool]] = {
        year: {} for year in HolidayYear.objects.values_list("year", flat=True)
    }
    for day, is_workday in HolidayDay.objects.values_list("day", "is_workday"):
        table.setdefault(day.year, {})[day] = is_workday
    return table


def is_workday(day: date, table: dict[int, dict[date, bool]] | None = None) -> bool:
    """table: the project's years as project_table() gives them; None reads them from the database."""
    if PACKAGE_FIRST_YEAR <= day.year <= PACKAGE_LAST_YEAR:
        return chinese_calendar.is_workday(day)
    table = project_table() if table is None else table
    if day.year not in table:
        raise CalendarNotAvailable(day.year)
    return table[day.year].get(day, day.weekday() < 5)


def add_working_days(start: date, count: int, table: dict[int, dict[date, bool]] | None = None) -> date:
    """The last day of a period of `count` working days that begins the day after `start` (a period is
    counted from the next day, as administrative time limits are)."""
    if count < 1:
        raise ValueError("工作日数必须为正整数。")
    day, left = start, count
    while left:
        day += timedelta(days=1)
        if table is None and day.year > PACKAGE_LAST_YEAR:
            table = project_table()  # read once, and only when the period leaves the package's years
        if is_workday(day, table):
            left -= 1
    return day
