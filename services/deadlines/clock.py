"""The one place that reads the clock for deadlines: today's date in Beijing time (R-42), never UTC's.

A training clock: with PORTAL_TODAY=YYYY-MM-DD (dev and demo only; production refuses to start with it),
"today" is that date for the whole portal — the deadline engine's callers, the beat tasks and the pages.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ImproperlyConfigured

BEIJING = ZoneInfo("Asia/Shanghai")


def parse_training_today(value: str | None) -> date | None:
    """PORTAL_TODAY's value as a date; empty means the real clock. An unparsable value is refused."""
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"PORTAL_TODAY 的值 {value!r} 不是有效日期：请写成 YYYY-MM-DD（例如 2027-02-28），或不设置以使用真实日期。"
        ) from exc


def training_today() -> date | None:
    """The date PORTAL_TODAY sets, or None when the portal runs on the real clock."""
    from django.conf import settings

    return getattr(settings, "PORTAL_TODAY", None)


def training_day(day: date):
    """Run the enclosed code as on `day`: the training clock set for that block only (the demo loader
    tells its stories through the real actions this way; dev and demo only, as PORTAL_TODAY is)."""
    from django.test import override_settings

    return override_settings(PORTAL_TODAY=day)


def beijing_today(now: datetime | None = None) -> date:
    """Today's calendar date in Beijing. A naive `now` is refused: its meaning would depend on the server.

    Without `now`, the training clock (PORTAL_TODAY) wins when it is set."""
    from django.utils import timezone

    if now is None:
        fixed = training_today()
        if fixed is not None:
            return fixed
    now = now or timezone.now()
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("beijing_today() needs an aware datetime; a naive one has no defined zone.")
    return now.astimezone(BEIJING).date()
