"""`make test` runs the suite on pytest-xdist workers: each worker's Redis database number comes from REDIS_URL
and the worker's index (portal/settings/test.py), and its media folders are its own."""

import os

import pytest
from django.conf import settings

from portal.settings.test import worker_redis_url


@pytest.mark.parametrize(
    ("url", "worker", "expected"),
    [
        ("redis://127.0.0.1:6379/3", "gw0", "redis://127.0.0.1:6379/3"),
        ("redis://127.0.0.1:6379/3", "gw1", "redis://127.0.0.1:6379/4"),
        ("redis://127.0.0.1:6379", "gw1", "redis://127.0.0.1:6379/1"),
        ("redis://:secret@cache.internal:6380/7", "gw1", "redis://:secret@cache.internal:6380/8"),
    ],
)
def test_workers_count_up_from_the_database_of_redis_url(url, worker, expected):
    assert worker_redis_url(url, worker, workers=2, databases=16) == expected


def test_workers_count_down_when_upwards_would_pass_the_last_database():
    """CI's REDIS_URL names database 15 of a Redis with 16 (0–15): the second worker takes 14, not 16."""
    url = "redis://127.0.0.1:6379/15"
    assert [worker_redis_url(url, f"gw{i}", workers=2, databases=16) for i in range(2)] == [
        "redis://127.0.0.1:6379/15",
        "redis://127.0.0.1:6379/14",
    ]
    assert worker_redis_url(url, "gw1", workers=2, databases=32) == "redis://127.0.0.1:6379/16"


def test_more_workers_than_databases_is_refused_with_the_numbers():
    with pytest.raises(ValueError, match="17 test workers need 17 Redis databases"):
        worker_redis_url("redis://127.0.0.1:6379/8", "gw0", workers=17, databases=16)


@pytest.mark.skipif(not os.environ.get("PYTEST_XDIST_WORKER"), reason="runs only on a pytest-xdist worker")
def test_this_worker_has_its_own_media_folders_and_its_redis_database_everywhere():
    worker = os.environ["PYTEST_XDIST_WORKER"]
    assert settings.MEDIA_ROOT.name == worker and settings.PRIVATE_MEDIA_ROOT.name == worker
    if not settings.REDIS_URL:
        return
    # moved once, for this worker: the settings, the broker and the processes the tests start all see it
    assert os.environ["PORTAL_TEST_REDIS_WORKER"] == worker
    assert settings.REDIS_URL == os.environ["REDIS_URL"]
    if not os.environ.get("CELERY_BROKER_URL"):
        assert settings.CELERY_BROKER_URL == settings.REDIS_URL
