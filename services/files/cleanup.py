"""Removing stored bytes that no CaseFile row refers to (left by a rolled-back transaction)."""

import os
import time
from pathlib import Path

from django.conf import settings

from services.files.models import CaseFile


def purge_orphan_files(older_than_seconds: int = 24 * 3600, now: float | None = None) -> list[str]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    if not root.exists():
        return []
    now = now or time.time()
    known = set(CaseFile.objects.values_list("content", flat=True))
    removed = []
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        name = path.relative_to(root).as_posix()
        if name not in known and now - path.stat().st_mtime > older_than_seconds:
            os.remove(path)
            removed.append(name)
    return removed
