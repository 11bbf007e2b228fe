"""Reminder sources for the acceptance deadlines (R-25, R-26, R-42), for the notifications registry.

Registered in AcceptanceConfig.ready() when `services.notifications.reminders` exists (the notifications
helper's registry). The deadlines come from the case, which took them from the deadline engine.
"""

from datetime import date

from services.acceptance.constants import AcceptanceStatus


def rectification_due(today: date) -> list:
    """R-25: the 3-month rectification deadline; R-26: the rectification notice's deadline."""
    from services.acceptance.models import AcceptanceApplication
    from services.construction.recipients import unit_members
    from services.notifications.reminders import Due

    items = []
    cases = AcceptanceApplication.objects.filter(
        status__in=[AcceptanceStatus.RECTIFYING, AcceptanceStatus.NOTICE_ISSUED]
    ).select_related("centre", "rectification_notice")
    for application in cases:
        notice = application.status == AcceptanceStatus.NOTICE_ISSUED
        deadline = application.rectification_notice.deadline if notice else application.rectification_deadline
        if deadline is None:
            continue
        items.append(
            Due(
                key=f"acceptance:{application.pk}:{'notice' if notice else 'rectification'}",
                recipients=list(unit_members(application.centre)),
                kind="acceptance.rectification_due",
                deadline=deadline,
                context={"centre": application.centre.name, "notice": notice},
                link=f"/acceptance/{application.pk}/",
                target=application,
            )
        )
    return items
