"""Reminder sources of 好差评 (R-42; registered in RatingsConfig.ready()).

- An invitation not rated after 3 days is repeated once (offset 0 on the reminder day, no overdue notice).
- The commission is reminded of each open 差评's 回访 (on its due day) and 整改 feedback (3 and 1 days
  before, and once overdue). A deadline in a year whose holidays are not entered is skipped and logged.
"""

import logging
from datetime import date, timedelta

from django.urls import reverse

from services.notifications.reminders import Due
from services.ratings import rules
from services.ratings.constants import REMIND_AFTER_DAYS, FollowUpStatus
from services.ratings.workdays import CalendarNotAvailable

logger = logging.getLogger(__name__)


def invitation_due(today: date) -> list[Due]:
    from services.ratings.actions import unit_members
    from services.ratings.models import RatingInvitation

    since = today - timedelta(days=REMIND_AFTER_DAYS + 1)
    pending = RatingInvitation.objects.filter(rating__isnull=True, created_at__date__gte=since)
    items = []
    for invitation in pending:
        from services.deadlines.clock import BEIJING

        invited_on = invitation.created_at.astimezone(BEIJING).date()
        items.append(
            Due(
                key=f"rating-invitation:{invitation.pk}",
                recipients=list(unit_members(invitation.organisation_id)),
                kind="rating.invitation_reminder",
                deadline=rules.reminder_day(invited_on),
                context={"case": str(invitation)},
                link=invitation.get_absolute_url(),
                target=invitation,
                offsets=(0,),
                overdue=False,
            )
        )
    return items


def follow_up_due(today: date) -> list[Due]:
    from services.construction.recipients import commission_staff
    from services.ratings.models import BadRatingCase

    staff = list(commission_staff())
    items = []
    for case in BadRatingCase.objects.filter(
        status__in=[FollowUpStatus.AWAITING_VISIT, FollowUpStatus.RECTIFYING]
    ).select_related("rating__invitation"):
        try:
            if case.status == FollowUpStatus.AWAITING_VISIT:
                deadline, kind, offsets = rules.visit_due(case.opened_on), "rating.visit_due", (0,)
            else:
                deadline, kind, offsets = rules.rectify_due(case.opened_on), "rating.rectify_due", (3, 1)
        except CalendarNotAvailable as error:
            logger.warning("差评整改 %s: %s", case.pk, error)
            continue
        items.append(
            Due(
                key=f"bad-rating:{case.pk}:{case.status}",
                recipients=staff,
                kind=kind,
                deadline=deadline,
                context={"case": str(case.rating.invitation)},
                link=reverse("ratings:case", args=[case.pk]),
                target=case,
                offsets=offsets,
            )
        )
    return items
