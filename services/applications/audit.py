"""Audit of document downloads (R-43): every PDF of a case that leaves the portal is recorded."""

from accounts import audit
from accounts.constants import AuditAction


def record_download(request, obj, kind: str) -> None:
    audit.record(request, AuditAction.FILE_DOWNLOADED, obj=obj, document=kind)
