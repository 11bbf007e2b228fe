"""Settings for the test suite. DATABASE_URL and REDIS_URL select the real services when set (CI sets both).

`make test` runs the suite on pytest-xdist workers (gw0, gw1, ...), each in its own process with its own test
database (pytest-django appends the worker id to its name) and, from here, its own Redis database and media
folders: what one worker's tests flush, purge or count is never another's."""

import os
from urllib.parse import urlsplit, urlunsplit

REDIS_DEFAULT_DATABASES = 16  # redis.conf's `databases`, when the server does not say


def worker_redis_url(url: str, worker: str, workers: int, databases: int) -> str:
    """The Redis URL of one pytest-xdist worker ("gw0", "gw1", ...): REDIS_URL's database number plus the
    worker's index, or minus it when the workers' numbers upwards would pass the server's last database
    (CI's redis://…/15 on a Redis with 16 databases: gw0 on 15, gw1 on 14)."""
    parts = urlsplit(url)
    first = int(parts.path.strip("/") or 0)
    index = int(worker.removeprefix("gw"))
    if first + workers - 1 < databases:
        number = first + index
    elif first - (workers - 1) >= 0:
        number = first - index
    else:
        raise ValueError(
            f"{workers} test workers need {workers} Redis databases around {url}: the server has {databases}"
        )
    return urlunsplit(parts._replace(path=f"/{number}"))


def redis_databases(url: str) -> int:
    """How many databases the Redis server at `url` has (CONFIG GET databases), the default when it won't say."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        return int(client.config_get("databases")["databases"])
    except (redis.RedisError, KeyError, ValueError):
        return REDIS_DEFAULT_DATABASES


WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # set by pytest-xdist in each worker process
# Once per worker: a process the worker starts inherits the worker's REDIS_URL already moved to its database.
if WORKER and os.environ.get("REDIS_URL") and os.environ.get("PORTAL_TEST_REDIS_WORKER") != WORKER:
    os.environ["REDIS_URL"] = worker_redis_url(
        os.environ["REDIS_URL"],
        WORKER,
        int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")),
        redis_databases(os.environ["REDIS_URL"]),
    )
    os.environ["PORTAL_TEST_REDIS_WORKER"] = WORKER

from portal.settings.base import *  # noqa: E402, F403

PORTAL_ENV = "test"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
# One folder per xdist worker (.test_media/gw0, ...; .test_media itself when serial): a test that purges the
# files no row of its database names (services.files.cleanup) must not remove another worker's.
MEDIA_ROOT = BASE_DIR / ".test_media" / WORKER  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test_private_media" / WORKER  # noqa: F405
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
