"""The one way to notify (R-41). Actions call notify() inside their transaction.

notify() renders the Chinese templates of the kind and writes one outbox row per recipient and channel,
keyed by (event, recipient, channel). Delivery happens after commit (services.notifications.tasks).
"""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string

from services.notifications.constants import Channel
from services.notifications.models import Notification

DEFAULT_CHANNELS = (Channel.INBOX, Channel.EMAIL)


def render(kind: str, context: dict) -> tuple[str, str]:
    """Subject and body of a kind, from templates/notifications/<kind>/subject.txt and body.txt."""
    subject = render_to_string(f"notifications/{kind}/subject.txt", context).strip()
    body = render_to_string(f"notifications/{kind}/body.txt", context).strip()
    return subject, body


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
    context = dict(context or {})
    subject, body = render(kind, context)
    content_type = ContentType.objects.get_for_model(target) if target is not None else None
    rows = []
    for recipient in {r.pk: r for r in recipients if r is not None}.values():
        for channel in channels:
            row, _created = Notification.objects.get_or_create(
                idempotency_key=f"{event_key}:{recipient.pk}:{channel}",
                defaults={
                    "recipient": recipient,
                    "channel": channel,
                    "kind": kind,
                    "subject": subject,
                    "body": body,
                    "link": link,
                    "content_type": content_type,
                    "object_id": target.pk if target is not None else None,
                },
            )
            rows.append(row)
    return rows
