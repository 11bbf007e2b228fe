"""Write the audit trail (R-43). Other apps call :func:`record` for data exports and file downloads.

    from accounts import audit
    audit.record(request, AuditAction.FILE_DOWNLOADED, obj=attachment, filename=attachment.name)

``record`` appends one row to the keyed chain (``accounts.audit_chain``: an HMAC under the current key of
``AUDIT_HMAC_KEYS``). Writers are serialised so that the chain never forks: on
PostgreSQL with a transaction-scoped advisory lock, elsewhere by locking the last row (SQLite serialises
writers anyway); and ``prev_hash`` is unique, so a fork could not be stored even if the lock were bypassed.
"""

import json
import logging
from contextvars import ContextVar

from django.db import connection, transaction
from django.http import HttpRequest

from accounts.audit_chain import GENESIS_HASH, audit_keys, current_algorithm, link_mac
from accounts.constants import AuditOutcome
from accounts.models import AuditRecord
from portal.client_address import client_address

logger = logging.getLogger("accounts.audit")

# An arbitrary constant naming the audit trail's advisory lock on PostgreSQL.
ADVISORY_LOCK_KEY = 4_302_043

# The request being served (set by accounts.middleware.AuditContextMiddleware), so that records written from
# signal handlers (group changes, …) still name the acting user and their IP address.
current_request: ContextVar[HttpRequest | None] = ContextVar("audit_current_request", default=None)


def record(
    request_or_user, action: str, obj=None, outcome: str = AuditOutcome.SUCCESS, *, actor=None, **details
):
    """Append one audit record. ``request_or_user`` is the request (actor and IP from it), a user, or None
    (then the request being served, if any). ``actor`` names the acting user when the request does not
    know them yet (e.g. a token request).

    ``details`` must be JSON values; anything else is stored as its string form.
    """
    if request_or_user is None:
        request_or_user = current_request.get()
    request = request_or_user if isinstance(request_or_user, HttpRequest) else None
    user = actor or (getattr(request, "user", None) if request is not None else request_or_user)
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    actor_username = user.get_username() if user is not None else str(details.pop("username", "") or "")
    entry = AuditRecord(
        actor=user,
        actor_username=actor_username[:150],
        action=str(action),
        outcome=str(outcome),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        ip_address=client_address(request),  # the source, behind the front cache too
        # Round-trip through JSON so that what is hashed is exactly what the database gives back.
        details=json.loads(json.dumps(details, default=str, ensure_ascii=False)),
    )
    keys = audit_keys()
    entry.key_id = keys.current_id
    entry.algorithm = current_algorithm()
    with transaction.atomic():
        entry.prev_hash = _lock_and_get_last_hash()
        entry.hash = link_mac(keys.current, entry.algorithm, entry.prev_hash, entry.canonical_content())
        entry.save()
    logger.info(
        "audit %s %s %s %s hash=%s",
        entry.action,
        entry.outcome,
        entry.actor_username,
        entry.object_type,
        entry.hash,
    )
    return entry


def _lock_and_get_last_hash() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
        last = AuditRecord.objects.order_by("-id").values_list("hash", flat=True).first()
    else:
        last = AuditRecord.objects.select_for_update().order_by("-id").values_list("hash", flat=True).first()
    return last or GENESIS_HASH
