"""The one place that reads the clock for deadlines: today's date in Beijing time (R-42), never UTC's."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")


def beijing_today(now: datetime | None = None) -> date:
    from django.utils import timezone

    now = now or timezone.now()
    return now.astimezone(BEIJING).date()
