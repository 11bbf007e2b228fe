"""Date plausibility for typed dates, in the page forms and the API alike (issue 15 item 4, decision 0125).

Each window is a pure function of `today` (``*_window(today) -> (earliest, latest)``); the validators read
"today" from the deadline engine's one clock when they run (``clock.beijing_today()``: Beijing time, and the
training clock PORTAL_TODAY when it is set), so a form built yesterday still checks against today.

- A rectification deadline lies between today and one year ahead: R-26 (a notice gives at most one year,
  Article 17); the same bound for the rectifications of daily supervision, unannounced inspections and
  re-examinations (R-32, R-33, R-34, design), which may not lie in the past either.
- A change's effective date (R-31) lies within one year back and one year ahead (design).
- Any other typed date lies between 2000-01-01 and 2099-12-31 (design): no case of the measures
  (津市场监管计〔2025〕14号) reaches further, and 0001-01-01 or 9999-12-31 would overflow the engine's
  arithmetic. It is wide on purpose: where a rule bounds a date more narrowly (a construction period of at
  most 3 years, R-14; an extension of at most 1 year, R-22), the action refuses it and words the rule.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from services.deadlines import clock
from services.deadlines.formatting import cn_date
from services.deadlines.rules import RECTIFICATION_NOTICE_YEARS_MAX, add_years

EFFECTIVE_YEARS_BACK = 1  # R-31 (design)
EFFECTIVE_YEARS_AHEAD = 1  # R-31 (design)
EARLIEST_DATE = date(2000, 1, 1)  # (design)
LATEST_DATE = date(2099, 12, 31)  # (design)


def rectification_deadline_window(today: date) -> tuple[date, date]:
    """R-26 (R-32, R-33, R-34 design): from today to one year ahead."""
    return today, add_years(today, RECTIFICATION_NOTICE_YEARS_MAX)


def effective_date_window(today: date) -> tuple[date, date]:
    """R-31 (design): one year back to one year ahead."""
    return add_years(today, -EFFECTIVE_YEARS_BACK), add_years(today, EFFECTIVE_YEARS_AHEAD)


def any_date_window(today: date) -> tuple[date, date]:
    """(design) 2000-01-01 to 2099-12-31, whatever the day."""
    return EARLIEST_DATE, LATEST_DATE


# window: (bounds, message before the earliest day, message after the latest day)
WINDOWS = {
    "rectification_deadline": (
        rectification_deadline_window,
        "整改期限不能早于今天（%(earliest)s），所填为%(value)s。",
        "整改期限自今天起至多一年，不能晚于%(latest)s，所填为%(value)s。",
    ),
    "effective_date": (
        effective_date_window,
        "变更生效日期应在前后一年之内，不能早于%(earliest)s，所填为%(value)s。",
        "变更生效日期应在前后一年之内，不能晚于%(latest)s，所填为%(value)s。",
    ),
    "any_date": (
        any_date_window,
        "日期不能早于%(earliest)s，所填为%(value)s，请检查年份。",
        "日期不能晚于%(latest)s，所填为%(value)s，请检查年份。",
    ),
}


@deconstructible(path="services.deadlines.plausibility.DateWindow")
class DateWindow:
    """Refuses a date outside its window around the deadline engine's today, naming both ends."""

    code = "implausible_date"

    def __init__(self, window: str):
        if window not in WINDOWS:
            raise ValueError(f"unknown date window {window!r}")
        self.window = window

    def bounds(self, today: date | None = None) -> tuple[date, date]:
        return WINDOWS[self.window][0](today or clock.beijing_today())

    def __call__(self, value) -> None:
        if not isinstance(value, date):
            return
        earliest, latest = self.bounds()
        if earliest <= value <= latest:
            return
        _bounds, too_early, too_late = WINDOWS[self.window]
        raise ValidationError(
            too_early if value < earliest else too_late,
            code=self.code,
            params={"earliest": cn_date(earliest), "latest": cn_date(latest), "value": cn_date(value)},
        )

    def __eq__(self, other):
        return isinstance(other, DateWindow) and other.window == self.window

    def __hash__(self):
        return hash(self.window)


validate_rectification_deadline = DateWindow("rectification_deadline")
validate_effective_date = DateWindow("effective_date")
validate_plausible_date = DateWindow("any_date")
