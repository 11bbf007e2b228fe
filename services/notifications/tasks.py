"""Thin Celery tasks: load by id, call services.notifications.delivery / reminders (R-41, R-42).

Delivery tasks run on the `notifications` queue with acks_late and reject_on_worker_lost: a worker killed
mid-task leaves the message unacknowledged, so the broker gives it to another worker; the row lock and the
row's status make that second run a no-op if the first one had committed.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from services.notifications import delivery

logger = logging.getLogger(__name__)

DELIVERY_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
}  # the `notifications` queue comes from CELERY_TASK_ROUTES


class TransientDeliveryError(Exception):
    pass


@shared_task(
    bind=True,
    autoretry_for=(TransientDeliveryError,),
    retry_backoff=settings.NOTIFICATIONS_RETRY_BACKOFF,
    retry_backoff_max=settings.NOTIFICATIONS_RETRY_BACKOFF_MAX,
    retry_jitter=True,
    max_retries=settings.NOTIFICATIONS_MAX_ATTEMPTS,
    soft_time_limit=30,
    time_limit=60,
    **DELIVERY_OPTIONS,
)
def deliver_notification(self, notification_id: int) -> str:
    outcome = delivery.deliver(notification_id)
    if outcome.status == "retry":
        raise TransientDeliveryError(outcome.reason)
    return outcome.status


@shared_task(soft_time_limit=240, time_limit=300, **DELIVERY_OPTIONS)
def deliver_batch(notification_ids: list[int]) -> dict:
    """Deliver several rows one by one (each its own transaction); a row to retry gets its own task."""
    counts: dict[str, int] = {}
    for pk in notification_ids:
        outcome = delivery.deliver(pk)
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        if outcome.status == "retry":
            deliver_notification.apply_async((pk,), countdown=settings.NOTIFICATIONS_RETRY_BACKOFF)
    return counts


@shared_task(soft_time_limit=50, time_limit=60)
def requeue_stale(grace_seconds: int | None = None) -> int:
    """Beat, every minute: queue again the pending rows the broker never got (or lost) after a grace period."""
    from services.notifications.models import Notification
    from services.notifications.service import enqueue

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
    from datetime import date

    from services.notifications import reminders

    day = date.fromisoformat(today) if today else None
    return reminders.scan(day)
