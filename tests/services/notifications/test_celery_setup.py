"""The Celery set-up is fit for production: JSON only, separate queues, beat schedule, eager embedded default."""

import subprocess
import sys

from celery.schedules import crontab

from portal.celery import app


def test_json_only_and_time_limits():
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_soft_time_limit and app.conf.task_time_limit > app.conf.task_soft_time_limit
    assert app.conf.worker_prefetch_multiplier == 1


def test_queues_for_notifications_indexing_and_the_rest():
    route = app.amqp.router.route
    assert route({}, "services.notifications.tasks.deliver_batch")["queue"].name == "notifications"
    assert route({}, "services.notifications.tasks.deliver_notification")["queue"].name == "notifications"
    assert route({}, "services.notifications.tasks.requeue_stale")["queue"].name == "default"
    assert route({}, "search.tasks.update_index")["queue"].name == "indexing"
    assert route({}, "services.other.tasks.anything")["queue"].name == "default"


def test_beat_sweeps_every_minute_and_scans_reminders_daily():
    """R-42: the reminder scan runs daily (07:00 Beijing time); the outbox sweep every minute (R-41)."""
    schedule = app.conf.beat_schedule
    assert schedule["notifications-requeue-stale"]["schedule"] == 60.0
    assert schedule["notifications-scan-reminders"]["schedule"] == crontab(hour=7, minute=0)
    assert app.conf.timezone == "Asia/Shanghai"
    app.loader.import_default_modules()  # as a worker and beat do at start: every app's tasks module
    assert set(app.tasks) >= {e["task"] for e in schedule.values()}


def test_embedded_default_is_eager_without_a_broker(tmp_path):
    """Without REDIS_URL the portal runs tasks inline and needs no broker."""
    code = (
        "import django; django.setup(); from portal.celery import app; "
        "print(app.conf.task_always_eager, app.conf.broker_url)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "memory://"]
