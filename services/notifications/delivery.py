"""Delivering one outbox row, exactly once as far as the database can see (R-41).

`deliver(pk)` runs one short transaction: lock the row (SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL), return
if another worker holds it or it is no longer pending, send, then mark it sent and log the attempt before
COMMIT. A duplicated or redelivered task therefore finds the row sent (or locked) and does nothing.

The one window left is between the external send and the COMMIT: if the process dies there, the row is still
pending and is sent again. That is at-least-once at the SMTP/SMS boundary, which no database can close; every
message carries a Message-ID derived from the idempotency key so that the receiving side can drop the second
copy (docs/decisions/0007-notification-outbox.md).
"""

import hashlib
import logging
import os
import smtplib
import socket
from dataclasses import dataclass
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from services.notifications import sms
from services.notifications.constants import AttemptOutcome, Channel, DeliveryStatus
from services.notifications.models import DeliveryAttempt, Notification

logger = logging.getLogger(__name__)


class PermanentDeliveryError(Exception):
    """Retrying cannot help: bad address, unknown recipient, gateway refused the message."""


@dataclass(frozen=True)
class Outcome:
    status: str  # "sent", "retry", "failed", "skipped"
    reason: str = ""


SKIPPED = Outcome("skipped")


def max_attempts() -> int:
    return settings.NOTIFICATIONS_MAX_ATTEMPTS


def message_id(idempotency_key: str) -> str:
    """A stable RFC 5322 Message-ID for the key: a resend carries the same id, so downstream can dedupe."""
    digest = hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()[:40]
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<{digest}@{domain}>"


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def send_email(row: Notification, connection=None) -> str:
    address = (row.recipient.email or "").strip()
    if not address:
        raise PermanentDeliveryError("接收人未填写电子邮件地址")
    try:
        validate_email(address)
    except ValidationError as exc:
        raise PermanentDeliveryError(f"电子邮件地址无效：{address}") from exc
    body = row.body
    if row.link:
        body = f"{body}\n\n{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{row.link}"
    message = EmailMessage(
        subject=row.subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers={"Message-ID": message_id(row.idempotency_key), "X-Portal-Notification": str(row.pk)},
    )
    try:
        (connection or get_connection(fail_silently=False)).send_messages([message])
    except smtplib.SMTPRecipientsRefused as exc:
        raise PermanentDeliveryError(f"邮件服务器拒收地址 {address}") from exc
    return address


def send_sms(row: Notification, connection=None) -> str:
    try:
        number = sms.normalise_mobile(row.recipient.phone)
    except sms.InvalidPhoneNumber as exc:
        raise PermanentDeliveryError(str(exc)) from exc
    text = f"【{settings.WAGTAIL_SITE_NAME}】{row.subject}"
    try:
        sms.get_backend().send(number, text, message_id=message_id(row.idempotency_key))
    except sms.SmsGatewayError as exc:
        if exc.permanent:
            raise PermanentDeliveryError(str(exc)) from exc
        raise
    return number


SENDERS = {Channel.EMAIL: send_email, Channel.SMS: send_sms}


def _send(row: Notification, connection=None) -> str:
    recipient = row.recipient
    if not recipient.is_active:
        raise PermanentDeliveryError(f"接收人账户已停用：{recipient.get_username()}")
    sender = SENDERS.get(row.channel)
    if sender is None:
        raise PermanentDeliveryError(f"未知渠道：{row.channel}")
    return sender(row, connection)


def deliver(pk: int, connection=None) -> Outcome:
    """Send one pending row. Safe to call any number of times, concurrently: only one call sends.

    `connection`: an open mail connection to reuse (a batch sends over one); None opens one for this row."""
    with transaction.atomic():
        row = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=pk, status=DeliveryStatus.PENDING)
            .first()
        )
        if row is None:  # sent, failed, gone, or being delivered by someone else right now
            return SKIPPED
        now = timezone.now()
        row.attempts += 1
        fields = ["attempts", "status", "last_error", "address", "sent_at", "next_attempt_at"]
        try:
            if row.channel == Channel.INBOX:  # the row is the inbox item: nothing to send
                row.address = ""
            else:
                row.address = _send(row, connection)
        except PermanentDeliveryError as exc:
            outcome = Outcome("failed", str(exc))
        except Exception as exc:  # network, SMTP 4xx, gateway 5xx, time limit: worth another try
            reason = f"{type(exc).__name__}: {exc}"
            if row.attempts >= max_attempts():
                outcome = Outcome("failed", f"已重试{row.attempts}次仍失败：{reason}")
            else:
                outcome = Outcome("retry", reason)
        else:
            outcome = Outcome("sent")
        if outcome.status == "sent":
            row.status, row.sent_at, row.last_error = DeliveryStatus.SENT, now, ""
        elif outcome.status == "failed":
            row.status, row.last_error = DeliveryStatus.FAILED, outcome.reason
        else:
            row.last_error = outcome.reason
            # Celery's backoff brings it back sooner; the sweep takes over only if that retry is lost.
            row.next_attempt_at = now + timedelta(seconds=settings.NOTIFICATIONS_RETRY_BACKOFF_MAX)
        row.save(update_fields=fields)
        DeliveryAttempt.objects.create(
            notification=row,
            outcome={"sent": AttemptOutcome.SENT, "failed": AttemptOutcome.FAILED}.get(
                outcome.status, AttemptOutcome.RETRY
            ),
            error=outcome.reason,
            worker=worker_name(),
        )
    if outcome.status == "failed":
        logger.warning("notification %s failed: %s", pk, outcome.reason)
    return outcome
