"""Thin Celery tasks: load by id, call services.notifications.delivery / reminders (R-41, R-42).

The delivery tasks live in dispatch.py (below service.py, so that notify() can queue them without an import
circle) and are re-exported here under their task names.
"""

import logging
from datetime import date

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from services.notifications import reminders
from services.notifications.dispatch import (
    DELIVERY_OPTIONS,
    TransientDeliveryError,
    deliver_batch,
    deliver_notification,
    enqueue,
)
from services.notifications.models import Notification

__all__ = [
    "DELIVERY_OPTIONS",
    "TransientDeliveryError",
    "deliver_batch",
    "deliver_notification",
    "requeue_stale",
    "scan_reminders",
]

logger = logging.getLogger(__name__)


@shared_task(soft_time_limit=50, time_limit=60)
def requeue_stale(grace_seconds: int | None = None) -> int:
    """Beat, every minute: queue again the pending rows the broker never got (or lost) after a grace period."""
    grace = settings.NOTIFICATIONS_REQUEUE_GRACE_SECONDS if grace_seconds is None else grace_seconds
    with transaction.atomic():
        ids = list(
            Notification.objects.stale(grace)
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[: settings.NOTIFICATIONS_SWEEP_LIMIT]
        )
        Notification.objects.filter(pk__in=ids).update(next_attempt_at=timezone.now())
    if ids:
        logger.info("sweep: re-queueing %d pending notification(s)", len(ids))
        enqueue(ids)
    return len(ids)


@shared_task(soft_time_limit=600, time_limit=900)
def scan_reminders(today: str | None = None) -> int:
    """Beat, daily: remind every party of every registered deadline (R-42). `today` is an ISO date for reruns."""
    day = date.fromisoformat(today) if today else None
    return reminders.scan(day)
