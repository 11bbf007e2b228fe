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
# Rate limits count per client address in the shared cache; the suite's many requests from one address
# would trip them, so they are on only in the tests that check them (tests/portal/test_rate_limits.py).
RATELIMIT_ENABLE = False
# Local memory, cleared before every test (tests/conftest.py): tests never share a cache with each other.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
    "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests-ratelimit"},
}
# No checkpoint file by default: a test that needs one passes its own (tmp_path).
AUDIT_CHECKPOINT_FILE = ""
# The tests' caches are this process's memory on purpose (cleared before every test), so django-ratelimit's
# warning that such a cache is not shared between workers does not apply here.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
