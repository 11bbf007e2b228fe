"""Thin Celery tasks of supervision."""

from celery import shared_task
from celery.schedules import crontab

from services.deadlines import clock
from services.supervision import reminders


@shared_task(name="supervision.remind_annual_reports")
def remind_annual_reports() -> int:
    """R-30: daily in November (catches up a missed 1 November); does nothing when the registry does it."""
    if reminders.registry() is not None:
        return 0
    return reminders.send_annual_report_reminders(clock.beijing_today())


BEAT_SCHEDULE = {
    "supervision-annual-report-reminders": {
        "task": "supervision.remind_annual_reports",
        "schedule": crontab(minute=0, hour=8, month_of_year="11"),
    }
}
