"""Storing uploads. Checked by content and size before anything is written.

The row is written in the caller's transaction; the bytes are written just before it. If the transaction
rolls back, the bytes stay behind without a row: `purge_orphan_files` (a daily task and a management
command) removes such files, so a failed step leaves nothing visible and nothing half-saved.
"""

import hashlib
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import File

from services.files.inspection import FileRefused, inspect
from services.files.models import CaseFile

__all__ = ["FileRefused", "check_upload", "store"]


def check_upload(uploaded) -> None:
    """Raise FileRefused (Chinese message) if the upload is not acceptable. Writes nothing."""
    inspect(uploaded.name, uploaded, uploaded.size, settings.UPLOAD_MAX_BYTES)


def store(uploaded, *, owner, purpose: str = "", user=None, title: str = "") -> CaseFile:
    """Check and store one upload for owner. Call inside the action's transaction."""
    found = inspect(uploaded.name, uploaded, uploaded.size, settings.UPLOAD_MAX_BYTES)
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in iter(lambda: uploaded.read(1024 * 1024), b""):
        digest.update(chunk)
    uploaded.seek(0)
    case_file = CaseFile(
        content_type=ContentType.objects.get_for_model(owner),
        object_id=owner.pk,
        purpose=purpose,
        original_name=uploaded.name[:255],
        title=(title or "").strip()[:100],
        size=uploaded.size,
        mime_type=found.mime_type,
        sha256=digest.hexdigest(),
        uploaded_by=user if getattr(user, "pk", None) else None,
    )
    case_file.content.save(uuid.uuid4().hex, File(uploaded), save=False)
    case_file.save()
    return case_file
