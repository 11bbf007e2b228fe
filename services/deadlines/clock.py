"""The one place that reads the clock for deadlines: today's date in Beijing time (R-42), never UTC's."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")


def beijing_today(now: datetime | None = None) -> date:
    """Today's calendar date in Beijing. A naive `now` is refused: its meaning would depend on the server."""
    from django.utils import timezone

    now = now or timezone.now()
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("beijing_today() needs an aware datetime; a naive one has no defined zone.")
    return now.astimezone(BEIJING).date()
