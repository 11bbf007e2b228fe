"""R-30: the 1 November reminder to submit the annual work summary, only to centres that have not reported.

This module registers `annual_report_due` with the notifications service's reminder registry
(services.notifications.reminders.register_source) as the source "centre-annual-report", replacing the
generic one, which cannot know who has already reported. The registry's daily scan sends each reminder
once.
"""

from datetime import date

from services.centres.constants import CentreStatus
from services.deadlines import rules as deadlines
from services.supervision import recipients

SOURCE_NAME = "centre-annual-report"
ANNUAL_REPORT_OFFSETS = (29,)  # 30 November minus 29 days: 1 November


def register() -> None:
    """Register the source with the notifications service's reminder registry."""
    from services.notifications import reminders

    reminders.register_source(SOURCE_NAME, annual_report_due)


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
