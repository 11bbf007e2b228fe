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
from django.db import DatabaseError, connections, router, transaction
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


def attempt(row: Notification, connection=None) -> Outcome:
    """Try to send one locked pending row and set its fields for the outcome (the caller saves them)."""
    now = timezone.now()
    row.attempts += 1
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
    if outcome.status == "failed":
        logger.warning("notification %s failed: %s", row.pk, outcome.reason)
    return outcome


SAVED_FIELDS = ["attempts", "status", "last_error", "address", "sent_at", "next_attempt_at"]


def attempt_outcome(outcome: Outcome) -> str:
    return {"sent": AttemptOutcome.SENT, "failed": AttemptOutcome.FAILED}.get(
        outcome.status, AttemptOutcome.RETRY
    )


def deliver(pk: int, connection=None) -> Outcome:
    """Send one pending row. Safe to call any number of times, concurrently: only one call sends.

    `connection`: an open mail connection to reuse (a batch sends over one); None opens one for this row.
    On PostgreSQL this is a batch of one (deliver_many: the same lock as batches);
    elsewhere the row is locked with SELECT … FOR UPDATE for one transaction."""
    if _batches_available():
        return deliver_many([pk], connection).get(pk, SKIPPED)
    with transaction.atomic():
        row = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=pk, status=DeliveryStatus.PENDING)
            .first()
        )
        if row is None:  # sent, failed, gone, or being delivered by someone else right now
            return SKIPPED
        outcome = attempt(row, connection)
        row.save(update_fields=SAVED_FIELDS)
        DeliveryAttempt.objects.create(
            notification=row, outcome=attempt_outcome(outcome), error=outcome.reason, worker=worker_name()
        )
    return outcome


# -- Batches on PostgreSQL ------------------------------------------------------------------------------------
# A batch takes a session advisory lock on each of its rows in one statement, reads those still pending, and
# then, row by row, sends and records the outcome in one autocommit statement (UPDATE … RETURNING feeding the
# INSERT of the attempt). The window between a send and its record stays one message, as with a transaction
# per row, but a row costs one round trip instead of five. A worker that dies loses its connection and with
# it its locks, so another worker can take the rows at once (docs/decisions/0007-notification-outbox.md).
LOCK_CLASS = 410041  # names the outbox's advisory locks (two-key form: apart from accounts.audit's key)


def _batches_available() -> bool:
    return connections[router.db_for_write(Notification)].vendor == "postgresql"


def _record_sql(quote) -> str:
    """One statement: mark the row (if still pending) and log its attempt."""
    n, a = Notification._meta, DeliveryAttempt._meta

    def col(meta, name):
        return quote(meta.get_field(name).column)

    sets = ", ".join(f"{col(n, name)} = %s" for name in SAVED_FIELDS)
    attempt_columns = ", ".join(col(a, name) for name in ("notification", "outcome", "error", "worker", "at"))
    return (
        f"WITH done AS (UPDATE {quote(n.db_table)} SET {sets} "
        f"WHERE {col(n, 'id')} = %s AND {col(n, 'status')} = %s RETURNING {col(n, 'id')}) "
        f"INSERT INTO {quote(a.db_table)} ({attempt_columns}) SELECT {col(n, 'id')}, %s, %s, %s, %s FROM done"
    )


def deliver_many(ids: list[int], connection=None) -> dict[int, Outcome]:
    """Deliver the pending rows among `ids` (PostgreSQL). Rows locked by another worker are left to it."""
    db = connections[router.db_for_write(Notification)]
    quote = db.ops.quote_name
    table, id_column = quote(Notification._meta.db_table), quote(Notification._meta.pk.column)
    with db.cursor() as cursor:
        cursor.execute(
            # OFFSET 0 keeps the lock function to the batch's rows, whatever plan PostgreSQL chooses.
            f"SELECT pk FROM (SELECT {id_column} AS pk FROM {table} WHERE {id_column} = ANY(%s) OFFSET 0) AS batch "
            f"WHERE pg_try_advisory_lock(%s, (pk & 2147483647)::integer)",
            [sorted(set(ids)), LOCK_CLASS],
        )
        locked = [pk for (pk,) in cursor.fetchall()]
    outcomes: dict[int, Outcome] = {}
    try:
        if not locked:
            return outcomes
        # A fresh read after the locks: a row another worker sent just before we locked it is not pending.
        rows = Notification.objects.select_related("recipient").filter(
            pk__in=locked, status=DeliveryStatus.PENDING
        )
        record, worker = _record_sql(quote), worker_name()
        for row in rows.order_by("pk"):
            outcome = attempt(row, connection)
            values = [getattr(row, name) for name in SAVED_FIELDS]
            with db.cursor() as cursor:
                cursor.execute(
                    record,
                    [*values, row.pk, DeliveryStatus.PENDING, attempt_outcome(outcome), outcome.reason, worker,
                     timezone.now()],
                )  # fmt: skip
            outcomes[row.pk] = outcome
            _drop_if_broken(outcome, connection)
    finally:
        _unlock(db, locked)
    return outcomes


def _drop_if_broken(outcome: Outcome, connection) -> None:
    """After a transient failure the batch's mail connection may be broken: the next row opens a fresh one."""
    if outcome.status == "retry" and connection is not None:
        try:
            connection.close()
        except Exception:  # closing a connection the server already dropped
            logger.debug("mail connection already closed", exc_info=True)


def deliver_all(ids: list[int], connection=None) -> dict[int, Outcome]:
    """Deliver a batch over one mail connection: the outcome of each row that was pending (others skipped)."""
    if _batches_available():
        return deliver_many(ids, connection)
    outcomes = {}
    for pk in dict.fromkeys(ids):
        outcome = deliver(pk, connection)
        if outcome is not SKIPPED:
            outcomes[pk] = outcome
            _drop_if_broken(outcome, connection)
    return outcomes


def _unlock(db, locked: list[int]) -> None:
    """Release the batch's locks; a connection that broke has released them already."""
    if not locked:
        return
    try:
        with db.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_unlock(%s, (pk & 2147483647)::integer) FROM unnest(%s::bigint[]) AS pk",
                [LOCK_CLASS, locked],
            )
    except DatabaseError:
        logger.warning("could not release the outbox locks of %d row(s); the connection is gone", len(locked))
