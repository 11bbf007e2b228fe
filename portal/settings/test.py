"""Settings for the test suite. DATABASE_URL and REDIS_URL select the real services when set (CI sets both)."""

from portal.settings.base import *  # noqa: F403

PORTAL_ENV = "test"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
MEDIA_ROOT = BASE_DIR / ".test_media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test_private_media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# No checkpoint file by default: a test that needs one passes its own (tmp_path).
AUDIT_CHECKPOINT_FILE = ""
