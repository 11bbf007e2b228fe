"""R-30: the 1 November reminder to submit the annual work summary, only to centres that have not reported.

If the notifications service has its reminder registry (services.notifications.reminders.register_source),
this module registers `annual_report_due` as the source "centre-annual-report" (replacing the generic one,
which cannot know who has already reported). Otherwise the daily November task
`services.supervision.tasks.remind_annual_reports` sends the reminders itself, once per centre and year
(idempotency key `supervision:annual-report-reminder:<centre>:<year>`).
"""

from datetime import date

from django.db import transaction

from services.centres.constants import CentreStatus
from services.deadlines import rules as deadlines
from services.supervision import recipients

SOURCE_NAME = "centre-annual-report"
ANNUAL_REPORT_OFFSETS = (29,)  # 30 November minus 29 days: 1 November


def registry():
    try:
        from services.notifications import reminders
    except ImportError:
        return None
    return reminders if hasattr(reminders, "register_source") else None


def register() -> bool:
    """Register the source with the notifications registry if there is one. True if registered."""
    reg = registry()
    if reg is None:
        return False
    reg.register_source(SOURCE_NAME, annual_report_due)
    return True


def centres_without_report(year: int):
    """Established centres that owe a report for this year (R-30) and have not submitted it."""
    from services.centres.models import Centre

    _start, end = deadlines.annual_report_window(year)
    return (
        Centre.objects.filter(status=CentreStatus.ESTABLISHED, established_on__lte=end)
        .exclude(annual_reports__year=year)
        .select_related("organisation")
    )


def annual_report_due(today: date) -> list:
    """The registry source: one Due per centre that still owes this year's report."""
    from services.notifications.reminders import Due

    start, end = deadlines.annual_report_window(today.year)
    return [
        Due(
            key=f"centre:{centre.pk}:annual-report:{today.year}",
            recipients=recipients.centre_members(centre),
            kind="centre.annual_report_due",
            deadline=end,
            context={"centre": centre.name, "year": today.year, "window_start": start},
            target=centre,
            link="/supervision/annual-reports/new/",
            offsets=ANNUAL_REPORT_OFFSETS,
            overdue=False,
        )
        for centre in centres_without_report(today.year)
    ]


def send_annual_report_reminders(today: date) -> int:
    """Without the registry: in November, remind each centre that owes this year's report, once."""
    from services.notifications.service import notify

    start, end = deadlines.annual_report_window(today.year)
    if not (start <= today <= end):
        return 0
    sent = 0
    for centre in centres_without_report(today.year):
        with transaction.atomic():
            rows = notify(
                kind="supervision.annual_report_due",
                recipients=recipients.centre_members(centre),
                event_key=f"supervision:annual-report-reminder:{centre.pk}:{today.year}",
                context={
                    "centre": centre.name,
                    "year": today.year,
                    "window_start": start,
                    "deadline": end,
                    "days_left": deadlines.days_left(end, today),
                },
                target=centre,
                link="/supervision/annual-reports/new/",
            )
        sent += len(rows)
    return sent
