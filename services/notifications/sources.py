"""Reminder sources over the centres (registered in NotificationsConfig.ready()).

- R-21, R-22, R-42: a centre under construction (constructing or extended) must apply for acceptance (or an
  extension) no later than 3 months before the end of its construction period; its unit's members are
  reminded at the offsets and once when the day has passed.
- R-30: every established centre submits its annual work summary in November; its unit's members are
  reminded on 1 November (the report window ends on 30 November). services.supervision replaces this
  source under the same name with one that skips centres that have already reported.
"""

from datetime import date

from services.deadlines import rules
from services.notifications.reminders import Due

ANNUAL_REPORT_OFFSETS = (29,)  # 30 November minus 29 days: 1 November


def _members(centre) -> list:
    return [m.user for m in centre.organisation.members.all() if m.user.is_active]


def acceptance_apply_due(today: date) -> list[Due]:
    from services.centres.constants import CentreStatus
    from services.centres.models import Centre

    centres = (
        Centre.objects.filter(status__in=[CentreStatus.CONSTRUCTING, CentreStatus.EXTENDED])
        .select_related("organisation")
        .prefetch_related("organisation__members__user")
    )
    items = []
    for centre in centres:
        deadline = rules.last_day_to_apply_acceptance(centre.construction_end, centre.extended_end)
        items.append(
            Due(
                key=f"centre:{centre.pk}:acceptance-apply",
                recipients=_members(centre),
                kind="centre.acceptance_apply_due",
                deadline=deadline,
                context={"centre": centre.name, "construction_end": centre.current_end},
                target=centre,
            )
        )
    return items


def annual_report_due(today: date) -> list[Due]:
    from services.centres.constants import CentreStatus
    from services.centres.models import Centre

    start, end = rules.annual_report_window(today.year)
    centres = (
        Centre.objects.filter(status=CentreStatus.ESTABLISHED, established_on__lte=end)
        .select_related("organisation")
        .prefetch_related("organisation__members__user")
    )
    return [
        Due(
            key=f"centre:{centre.pk}:annual-report:{today.year}",
            recipients=_members(centre),
            kind="centre.annual_report_due",
            deadline=end,
            context={"centre": centre.name, "year": today.year, "window_start": start},
            target=centre,
            offsets=ANNUAL_REPORT_OFFSETS,
            overdue=False,
        )
        for centre in centres
    ]
