"""Against the real Redis and a real Celery worker started by the test (R-41: told once, nothing lost).

The worker and the test share the database, so these tests need PostgreSQL (DATABASE_URL) and commit for
real (transaction=True). They skip with the reason when REDIS_URL or a PostgreSQL DATABASE_URL is not set.
Every worker started here is killed by the fixture's finaliser, also when the test fails.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from services.casework.events import record_transition
from services.casework.transitions import Edge
from services.centres.constants import CentreStatus
from services.notifications.constants import Channel, DeliveryStatus
from services.notifications.models import DeliveryAttempt, Notification
from services.notifications.service import notify

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REDIS_URL = os.environ.get("REDIS_URL", "")
PROJECT_DIR = Path(settings.BASE_DIR)
CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1: a broker that is down

APPLY = Edge(
    source=CentreStatus.CONSTRUCTING,
    action="apply_acceptance",
    target=CentreStatus.ACCEPTANCE_APPLIED,
    roles=frozenset({"applicant"}),
)


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def reset_producers(app):
    """Drop cached broker connections so that the next publish uses app.conf.broker_url."""
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker():
    """The test process publishes to the real Redis (not eagerly) for the duration of the test."""
    if not REDIS_URL:
        pytest.skip("REDIS_URL is not set: the worker tests need a real Redis broker")
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL is not PostgreSQL: the worker and the test must share one database")
    import redis

    from portal.celery import app

    redis.Redis.from_url(REDIS_URL).flushdb()  # our own Redis database number: no stale messages
    saved = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = REDIS_URL
    reset_producers(app)
    yield app
    app.conf.task_always_eager, app.conf.broker_url = saved
    reset_producers(app)


class Workers:
    def __init__(self, mail_dir: Path, log_dir: Path):
        self.mail_dir, self.log_dir = mail_dir, log_dir
        self.started: list[subprocess.Popen] = []

    def start(self, **env_overrides) -> subprocess.Popen:
        name = f"notify-test-{uuid.uuid4().hex[:8]}"
        log = self.log_dir / f"{name}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DJANGO_DEBUG": "0",
            "DATABASE_URL": database_url(),
            "REDIS_URL": REDIS_URL,
            "CELERY_BROKER_URL": REDIS_URL,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "EMAIL_BACKEND": "tests.services.notifications.email_backends.SlowFileBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "PYTHONPATH": str(PROJECT_DIR),
            **{k: str(v) for k, v in env_overrides.items()},
        }
        command = [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "portal",
            "worker",
            "--pool=solo",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
            "-Q",
            "notifications,default",
            "-n",
            f"{name}@%h",
            "--loglevel=INFO",
        ]
        process = subprocess.Popen(
            command,
            cwd=PROJECT_DIR,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log = log
        self.started.append(process)
        wait_for(lambda: "ready." in log.read_text(errors="replace"), 60, f"worker {name} ready", process)
        return process

    def kill(self, process, sig=signal.SIGKILL):
        if process.poll() is None:
            os.killpg(process.pid, sig)
            process.wait(timeout=30)

    def kill_all(self):
        for process in self.started:
            try:
                self.kill(process)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass


@pytest.fixture
def workers(broker, tmp_path):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    pool = Workers(mail_dir, tmp_path)
    yield pool
    pool.kill_all()  # the finaliser runs on failure too


def wait_for(condition, seconds, what, process=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        if process is not None and process.poll() is not None:
            raise AssertionError(
                f"worker exited ({process.returncode}) while waiting for {what}:\n{process.log.read_text()}"
            )
        time.sleep(0.2)
    log = process.log.read_text(errors="replace")[-4000:] if process is not None else ""
    raise AssertionError(f"timed out after {seconds}s waiting for {what}\n{log}")


def emails_by_recipient(mail_dir: Path) -> dict[str, int]:
    """Count the messages the worker wrote, by To: address (file-based backend, one file per connection)."""
    counts: dict[str, int] = {}
    for path in mail_dir.iterdir():
        if path.name.startswith("sending-"):
            continue
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("To: "):
                counts[line[4:].strip()] = counts.get(line[4:].strip(), 0) + 1
    return counts


def change_state_and_notify(centre, key_suffix=""):
    """An action: move the centre, record the event (R-40), notify the unit's members (R-41), in one transaction."""
    with transaction.atomic():
        event = record_transition(centre, APPLY, actor=None, reason="提交验收申请")
        notify(
            kind="case.status_changed",
            recipients=centre.test_members,
            event_key=f"centre:{centre.pk}:event:{event.pk}{key_suffix}",
            context={"object": centre.name, "from_status": "筹建中", "to_status": "已申请验收"},
            target=centre,
        )
    return event


def all_email_rows_sent(centre):
    return lambda: (
        not Notification.objects.filter(recipient__in=centre.test_members, channel=Channel.EMAIL)
        .exclude(status=DeliveryStatus.SENT)
        .exists()
    )


def test_a_state_change_sends_exactly_one_email_and_one_inbox_item_per_recipient(workers, make_centre):
    """R-41: every party told once, in the inbox and by e-mail, even when the delivery task is duplicated."""
    worker = workers.start()
    centre = make_centre(members=3)
    change_state_and_notify(centre)
    wait_for(all_email_rows_sent(centre), 60, "e-mail delivery", worker)

    # the broker hands the same batch over again (a duplicated or redelivered message): a no-op
    from services.notifications.tasks import deliver_batch

    ids = list(Notification.objects.filter(channel=Channel.EMAIL).values_list("pk", flat=True))
    deliver_batch.apply_async((ids,))
    deliver_batch.apply_async((ids,))
    sentinel = make_centre(members=1)  # queued behind the duplicates: once it is sent, they have run
    change_state_and_notify(sentinel)
    wait_for(all_email_rows_sent(sentinel), 60, "sentinel delivery", worker)

    counts = emails_by_recipient(workers.mail_dir)
    assert counts == {u.email: 1 for u in [*centre.test_members, *sentinel.test_members]}
    for user in centre.test_members:
        assert (
            Notification.objects.filter(
                recipient=user, channel=Channel.INBOX, status=DeliveryStatus.SENT
            ).count()
            == 1
        )
    assert (
        DeliveryAttempt.objects.filter(notification__in=ids).count() == 3
    )  # one per row, none for duplicates
    centre.refresh_from_db()
    assert centre.status == CentreStatus.ACCEPTANCE_APPLIED


def test_worker_killed_mid_delivery_then_a_new_worker_delivers_exactly_once(workers, make_centre):
    """R-41: SIGKILL during the send (acks_late + reject_on_worker_lost), new worker: delivered once."""
    slow = workers.start(SLOW_EMAIL_SECONDS=60, CELERY_VISIBILITY_TIMEOUT=5)
    centre = make_centre(members=1)
    change_state_and_notify(centre)
    wait_for(lambda: any(workers.mail_dir.glob("sending-*")), 60, "the delivery to start", slow)
    workers.kill(slow)  # SIGKILL in the middle of the delivery task
    row = Notification.objects.get(recipient=centre.test_members[0], channel=Channel.EMAIL)
    assert row.status == DeliveryStatus.PENDING  # the killed transaction rolled back
    assert emails_by_recipient(workers.mail_dir) == {}

    fresh = workers.start(CELERY_VISIBILITY_TIMEOUT=5, NOTIFICATIONS_REQUEUE_GRACE_SECONDS=1)
    try:  # the broker gives the unacknowledged message back after the visibility timeout ...
        wait_for(all_email_rows_sent(centre), 30, "redelivery of the unacknowledged message", fresh)
        print("delivered by the broker's redelivery of the unacknowledged message")
    except AssertionError:  # ... and if it does not, the beat sweep does
        from services.notifications.tasks import requeue_stale

        requeue_stale.apply_async()
        wait_for(all_email_rows_sent(centre), 30, "delivery by the sweep", fresh)
        print("delivered by the sweep")
    time.sleep(8)  # leave time for any late redelivery to run (it must be a no-op)
    from services.notifications.tasks import requeue_stale

    requeue_stale.apply_async(kwargs={"grace_seconds": 0})
    time.sleep(2)
    assert emails_by_recipient(workers.mail_dir) == {centre.test_members[0].email: 1}
    row.refresh_from_db()
    assert (row.status, row.attempts) == (DeliveryStatus.SENT, 1)
    assert row.attempt_log.count() == 1


def test_broker_down_the_case_is_saved_and_the_sweep_delivers_once_it_is_back(workers, broker, make_centre):
    """R-41: a notification written while Redis is down is not lost: the periodic sweep sends it, once."""
    broker.conf.broker_url = CLOSED_PORT_BROKER
    reset_producers(broker)
    centre = make_centre(members=2)
    started = time.monotonic()
    change_state_and_notify(centre)  # COMMIT succeeds; publishing after commit fails and is logged
    assert time.monotonic() - started < 30
    centre.refresh_from_db()
    assert centre.status == CentreStatus.ACCEPTANCE_APPLIED
    rows = Notification.objects.filter(recipient__in=centre.test_members, channel=Channel.EMAIL)
    assert rows.count() == 2 and set(rows.values_list("status", flat=True)) == {DeliveryStatus.PENDING}

    broker.conf.broker_url = REDIS_URL  # the broker is back
    reset_producers(broker)
    worker = workers.start(NOTIFICATIONS_REQUEUE_GRACE_SECONDS=1)
    time.sleep(1.5)
    from services.notifications.tasks import requeue_stale

    requeue_stale.apply_async()  # what beat sends every minute (CELERY_BEAT_SCHEDULE)
    wait_for(all_email_rows_sent(centre), 60, "delivery by the sweep", worker)
    requeue_stale.apply_async(kwargs={"grace_seconds": 0})  # a second sweep finds nothing
    sentinel = make_centre(members=1)
    change_state_and_notify(sentinel)
    wait_for(all_email_rows_sent(sentinel), 60, "sentinel delivery", worker)
    assert emails_by_recipient(workers.mail_dir) == {
        u.email: 1 for u in [*centre.test_members, *sentinel.test_members]
    }


def test_reminder_scan_on_the_worker_twice_the_same_day_sends_once(workers, make_centre):
    """R-42: the daily scan, run twice the same day by the worker, reminds each member once (90 days before 2028-02-29)."""
    from services.notifications.tasks import scan_reminders

    worker = workers.start()
    centre = make_centre(members=2, construction_end=date(2028, 5, 29))  # last day to apply: 2028-02-29
    scan_reminders.apply_async(kwargs={"today": "2027-12-01"})
    scan_reminders.apply_async(kwargs={"today": "2027-12-01"})
    wait_for(
        lambda: Notification.objects.filter(channel=Channel.EMAIL, status=DeliveryStatus.SENT).count() == 2,
        60,
        "reminders",
        worker,
    )
    sentinel = make_centre(members=1)  # queued behind the second scan's deliveries, if any
    change_state_and_notify(sentinel)
    wait_for(all_email_rows_sent(sentinel), 60, "sentinel delivery", worker)
    counts = emails_by_recipient(workers.mail_dir)
    assert counts == {u.email: 1 for u in [*centre.test_members, *sentinel.test_members]}
    assert Notification.objects.filter(idempotency_key__contains=":2028-02-29:d90:").count() == 4
