"""Handing outbox rows to the `notifications` queue, and the delivery tasks that take them (R-41).

This module sits below service.py and reminders.py: it imports delivery only, so nothing imports back up.
The task names stay `services.notifications.tasks.*` (routes, beat, tests); tasks.py re-exports them.

Delivery tasks run with acks_late and reject_on_worker_lost: a worker killed mid-task leaves the message
unacknowledged, so the broker gives it to another worker; the row lock and the row's status make that
second run a no-op if the first one had committed. A batch sends its e-mails over one SMTP connection.
"""

import logging
from collections import Counter
from contextlib import contextmanager

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection

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
    name="services.notifications.tasks.deliver_notification",
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


@contextmanager
def mail_connection():
    """One connection to the mail server for a whole batch, closed at the end."""
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception:  # the server is down: each row then tries on its own and is retried
        logger.warning("could not open a mail connection for the batch", exc_info=True)
    try:
        yield connection
    finally:
        try:
            connection.close()
        except Exception:  # closing a connection the server already dropped
            logger.debug("mail connection already closed", exc_info=True)


@shared_task(
    name="services.notifications.tasks.deliver_batch", soft_time_limit=240, time_limit=300, **DELIVERY_OPTIONS
)
def deliver_batch(notification_ids: list[int]) -> dict:
    """Deliver several rows over one mail connection, each recorded as it is sent; a row to retry gets its
    own task."""
    with mail_connection() as connection:
        outcomes = delivery.deliver_all(notification_ids, connection)
    for pk, outcome in outcomes.items():
        if outcome.status == "retry":
            deliver_notification.apply_async((pk,), countdown=settings.NOTIFICATIONS_RETRY_BACKOFF)
    counts = Counter(outcome.status for outcome in outcomes.values())
    counts["skipped"] = len(set(notification_ids)) - len(outcomes)
    return {status: n for status, n in counts.items() if n}


def enqueue(ids: list[int]) -> bool:
    """Hand rows to the broker. A broker that is down is logged, not raised: the sweep re-queues later."""
    size = settings.NOTIFICATIONS_BATCH_SIZE
    try:
        for start in range(0, len(ids), size):
            deliver_batch.apply_async((ids[start : start + size],), retry=False)
    except Exception:
        logger.exception("notify: could not queue %d notification(s); the sweep will re-queue them", len(ids))
        return False
    return True
