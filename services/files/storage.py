"""Storage for case files: outside the web root (PRIVATE_MEDIA_ROOT), no public URL, random names."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    """A callable, so that migrations refer to it by name and the location follows the settings."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
