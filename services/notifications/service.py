"""The one way to notify (R-41). Actions call notify() inside their transaction.

notify() renders the Chinese templates of the kind and writes one outbox row per recipient and channel,
keyed by (event, recipient, channel), in the caller's transaction. After COMMIT the new rows are handed to
the `notifications` queue (services.notifications.tasks); rows the broker never got are re-queued by the
periodic sweep, so a notification written while Redis is down still goes out, once.

notify() never breaks the caller's transaction for one bad recipient: a template error writes the rows as
failed with the reason; a missing or invalid e-mail address or phone number is found at delivery, which
fails that row only (visible in the admin, re-queueable). Unknown recipient ids are logged and skipped.
"""

import logging
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils import timezone

from services.notifications import preferences
from services.notifications.constants import Channel, DeliveryStatus
from services.notifications.dispatch import enqueue
from services.notifications.models import Notification

logger = logging.getLogger(__name__)

DEFAULT_CHANNELS = (Channel.INBOX, Channel.EMAIL)

_collector: ContextVar[list | None] = ContextVar("notifications_collector", default=None)


@contextmanager
def deliveries_batched():
    """Inside a transaction: the notify() calls in this block hand their rows to the broker in batches
    after COMMIT, instead of one message per call (the reminder scan writes thousands of rows)."""
    ids: list[int] = []
    token = _collector.set(ids)
    try:
        yield
    finally:
        _collector.reset(token)
    if ids:
        transaction.on_commit(lambda: enqueue(ids))


def render(kind: str, context: dict) -> tuple[str, str]:
    """Subject and body of a kind, from templates/notifications/<kind>/subject.txt and body.txt."""
    subject = " ".join(render_to_string(f"notifications/{kind}/subject.txt", context).split())
    body = render_to_string(f"notifications/{kind}/body.txt", context).strip()
    return subject[:200], body


@dataclass(frozen=True)
class Event:
    """One event to notify: what notify() takes, for writing many at once (the reminder scan)."""

    kind: str
    recipients: Iterable
    event_key: str
    context: dict | None = None
    target: object | None = None
    link: str = ""
    channels: Iterable[str] = DEFAULT_CHANNELS


def _resolve_many(recipient_lists: list[list]) -> list[list]:
    """Users from users or user ids, per list; None and duplicates dropped, unknown ids logged and dropped.
    The ids of every list are looked up in one query."""
    ids = {r for recipients in recipient_lists for r in recipients if isinstance(r, int)}
    found = get_user_model().objects.in_bulk(list(ids)) if ids else {}
    for missing in ids - set(found):
        logger.warning("notify: unknown recipient id %s skipped", missing)
    resolved = []
    for recipients in recipient_lists:
        users = {}
        for r in recipients:
            if r is None:
                continue
            user = found.get(r) if isinstance(r, int) else r
            if user is not None:
                users[user.pk] = user
        resolved.append(list(users.values()))
    return resolved


def _rows(event: Event, users: list, allowed: dict, now) -> list[Notification]:
    """The unsaved outbox rows of one event: one per recipient and allowed channel."""
    context = dict(event.context or {})
    error = ""
    try:
        subject, body = render(event.kind, context)
    except (TemplateDoesNotExist, TemplateSyntaxError) as exc:
        subject, body = event.kind[:200], ""
        error = f"通知模板错误（{event.kind}）：{type(exc).__name__}: {exc}"
        logger.error("notify: %s", error)
    target = event.target
    content_type = ContentType.objects.get_for_model(target) if target is not None else None
    rows = []
    for user in users:
        for channel in allowed[user.pk]:
            if error:
                status = DeliveryStatus.FAILED
            elif channel == Channel.INBOX:
                status = DeliveryStatus.SENT  # the row is the inbox item, visible on COMMIT
            else:
                status = DeliveryStatus.PENDING
            rows.append(
                Notification(
                    idempotency_key=f"{event.event_key}:{user.pk}:{channel}"[:200],
                    recipient=user,
                    channel=channel,
                    kind=event.kind,
                    subject=subject,
                    body=body,
                    link=event.link,
                    content_type=content_type,
                    object_id=target.pk if target is not None else None,
                    status=status,
                    last_error=error,
                    sent_at=now if status == DeliveryStatus.SENT else None,
                    next_attempt_at=now,
                )
            )
    return rows


def _write(new: list[Notification]) -> list[Notification]:
    """Insert the rows whose keys are new; return every row of those keys. Queue the pending ones on COMMIT."""
    if not new:
        return []
    keys = [n.idempotency_key for n in new]
    existing = {r.idempotency_key: r for r in Notification.objects.filter(idempotency_key__in=keys)}
    fresh = [n for n in new if n.idempotency_key not in existing]
    try:
        with transaction.atomic():  # a savepoint: a concurrent writer of the same key loses cleanly
            created = Notification.objects.bulk_create(fresh)
    except IntegrityError:
        Notification.objects.bulk_create(fresh, ignore_conflicts=True)
        found = {r.idempotency_key: r for r in Notification.objects.filter(idempotency_key__in=keys)}
        # rows the other writer made may be queued too: delivery is idempotent
        created = [found[n.idempotency_key] for n in fresh if n.idempotency_key in found]
    if created and created[0].pk is None:  # a backend that does not return ids from INSERT
        by_key = {r.idempotency_key: r for r in Notification.objects.filter(idempotency_key__in=keys)}
        created = [by_key[n.idempotency_key] for n in fresh]
    to_send = [r.pk for r in created if r.status == DeliveryStatus.PENDING]
    if to_send:
        collector = _collector.get()
        if collector is not None:
            collector.extend(to_send)
        else:
            transaction.on_commit(lambda: enqueue(to_send))
    return [*existing.values(), *created]


def notify_many(events: list[Event]) -> list[Notification]:
    """Write the notifications of many events in a few statements (recipients, preferences per kind,
    existing keys, one INSERT). Re-running with the same event keys writes nothing new."""
    users_of = _resolve_many([list(event.recipients) for event in events])
    allowed: dict[tuple, dict] = {}
    for event, users in zip(events, users_of, strict=True):
        scope = (event.kind, tuple(event.channels))
        allowed.setdefault(scope, {}).update({user.pk: user for user in users})
    allowed = {
        scope: preferences.channels_by_user(list(users.values()), scope[0], scope[1]) if users else {}
        for scope, users in allowed.items()
    }
    now = timezone.now()
    new = []
    for event, users in zip(events, users_of, strict=True):
        new += _rows(event, users, allowed[(event.kind, tuple(event.channels))], now)
    return _write(new)


def notify(
    *,
    kind: str,
    recipients: Iterable,
    event_key: str,
    context: dict | None = None,
    target=None,
    link: str = "",
    channels: Iterable[str] = DEFAULT_CHANNELS,
) -> list[Notification]:
    """Write the notifications of one event. Re-running with the same event_key writes nothing new."""
    event = Event(kind, list(recipients), event_key, context, target, link, tuple(channels))
    return notify_many([event])


def requeue(ids: Iterable[int]) -> int:
    """Send failed rows again (admin action): back to pending with a fresh attempt budget, then queued."""
    ids = list(ids)
    count = Notification.objects.filter(pk__in=ids, status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    transaction.on_commit(lambda: enqueue(ids))
    return count
