"""Benchmark: 10,000 due reminders delivered by one Celery worker through the outbox (R-41, R-42).

    createdb -h 127.0.0.1 -U postgres portal_notify_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_notify_bench REDIS_URL=redis://127.0.0.1:6379/3 \
        .venv/bin/python benchmarks/bench_notifications.py [--count 10000] [--users 1000]

It migrates the database, creates `--users` recipients and a reminder source with `--count` deadlines 30 days
ahead (so every one is due today), starts one worker (`--pool=solo`, queues notifications,default; e-mail
to files), runs the reminder scan, and waits until every e-mail row is sent. It prints the time to write the
outbox (the scan) and, separately, the time from then until the worker has delivered everything, each in
seconds and per second with the load average beside it, and the duplicates: e-mails written
twice for one outbox row (counted from the files by Message-ID) and rows with more than one successful
attempt. The Redis database given is flushed. The benchmark's users and rows are deleted at the end.
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ["DJANGO_DEBUG"] = "0"
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0"


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000, help="due reminders (one e-mail each)")
    parser.add_argument("--users", type=int, default=1_000, help="recipients the reminders are spread over")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds to wait for delivery")
    args = parser.parse_args()

    database_url, redis_url = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if not database_url.startswith("postgres") or not redis_url:
        sys.exit("Set DATABASE_URL (PostgreSQL, a database of its own) and REDIS_URL.")
    os.environ["CELERY_BROKER_URL"] = redis_url

    import django

    django.setup()
    import redis
    from django.core.management import call_command
    from django.db import connection

    from accounts.models import User
    from services.deadlines import clock
    from services.notifications import reminders
    from services.notifications.constants import AttemptOutcome, Channel, DeliveryStatus
    from services.notifications.models import DeliveryAttempt, Notification
    from services.notifications.reminders import Due

    call_command("migrate", verbosity=0)
    redis.Redis.from_url(redis_url).flushdb()
    run = f"bench{int(time.time())}"
    users = User.objects.bulk_create(
        User(username=f"{run}-{n}", email=f"{run}-{n}@example.cn", full_name=f"基准测试用户{n}")
        for n in range(args.users)
    )
    today = clock.beijing_today()
    deadline = today + timedelta(days=30)
    dues = [
        Due(
            key=f"{run}:{n}",
            recipients=[users[n % len(users)]],
            kind="centre.acceptance_apply_due",
            deadline=deadline,
            context={"centre": f"基准测试计量数据中心{n}", "construction_end": deadline},
        )
        for n in range(args.count)
    ]
    for name in list(reminders.sources()):
        reminders.unregister_source(name)
    reminders.register_source("bench", lambda day: dues)

    mail_dir = Path(tempfile.mkdtemp(prefix="bench-mail-"))
    log = mail_dir.parent / f"{mail_dir.name}.log"
    env = {
        **os.environ,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "PYTHONPATH": str(PROJECT_DIR),
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "600"),
    }
    worker = subprocess.Popen(
        [str(Path(sys.executable).with_name("celery")), "-A", "portal", "worker", "--pool=solo",
         "--without-mingle", "--without-gossip", "--without-heartbeat", "-Q", "notifications,default",
         "-n", f"{run}@%h", "--loglevel=WARNING"],
        cwd=PROJECT_DIR, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        time.sleep(3)
        mine = Notification.objects.filter(recipient__username__startswith=f"{run}-")
        started = time.monotonic()
        reminders.scan(today)
        written = time.monotonic()
        scan_load = os.getloadavg()[0]
        total = mine.filter(channel=Channel.EMAIL).count()
        while True:
            left = mine.filter(channel=Channel.EMAIL, status=DeliveryStatus.PENDING).count()
            if not left or time.monotonic() - started > args.timeout:
                break
            if worker.poll() is not None:
                sys.exit(f"worker exited:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        finished = time.monotonic()
        delivery_load = os.getloadavg()[0]
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)

        ids = Counter()
        for path in mail_dir.iterdir():
            for line in path.read_text(errors="replace").splitlines():
                if line.startswith("Message-ID: "):
                    ids[line[12:].strip()] += 1
        sent_twice = (
            DeliveryAttempt.objects.filter(notification__in=mine, outcome=AttemptOutcome.SENT)
            .values("notification")
            .annotate(n=django.db.models.Count("id"))
            .filter(n__gt=1)
            .count()
        )
        sent = mine.filter(channel=Channel.EMAIL, status=DeliveryStatus.SENT).count()
        failed = mine.filter(channel=Channel.EMAIL, status=DeliveryStatus.FAILED).count()
        scan_seconds = written - started
        delivery_seconds = finished - written
        print(
            f"database           {connection.vendor} {connection.pg_version if connection.vendor == 'postgresql' else ''}"
        )
        print(
            f"load average       {os.cpu_count()} CPUs, shared: the 1-minute load is printed beside each figure"
        )
        print(
            f"due reminders      {args.count} over {args.users} recipients (inbox + e-mail rows: {mine.count()})"
        )
        print(
            f"scan               {scan_seconds:.1f} s, {args.count / scan_seconds:.0f} reminders/s "
            f"(load {scan_load:.2f})"
        )
        print(
            f"delivery           {delivery_seconds:.1f} s after the scan, {sent / delivery_seconds:.0f} e-mails/s "
            f"(load {delivery_load:.2f})"
        )
        print(
            f"scan + delivery    {finished - started:.1f} s, {sent / (finished - started):.0f} e-mails/s "
            f"(load {delivery_load:.2f})"
        )
        print(
            f"e-mail rows        {total} · sent {sent} · failed {failed} · still pending {total - sent - failed}"
        )
        print(f"e-mails written    {sum(ids.values())} (distinct Message-IDs {len(ids)})")
        print(
            f"duplicates         {sum(n - 1 for n in ids.values() if n > 1)} e-mails, {sent_twice} rows sent twice"
        )
        print(f"lost               {total - sent - failed} rows not delivered within {args.timeout} s")
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
        User.objects.filter(username__startswith=f"{run}-").delete()
        for path in mail_dir.iterdir():
            path.unlink()
        mail_dir.rmdir()


if __name__ == "__main__":
    main()
