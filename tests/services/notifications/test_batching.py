"""Throughput of reminders (issue 14): the scan writes in batches, one task carries many ids, one SMTP
connection serves a batch, the worker keeps its database connection, and nothing imports back up."""

import ast
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.notifications import dispatch, reminders
from services.notifications.constants import Channel, DeliveryStatus
from services.notifications.models import Notification
from services.notifications.reminders import Due
from tests.services.notifications.test_reminders import only_test_sources, test_source  # noqa: F401

TODAY = date(2027, 3, 1)


def dues(users, count):
    return [
        Due(
            key=f"bench:{n}",
            recipients=[users[n % len(users)]],
            kind="centre.acceptance_apply_due",
            deadline=TODAY + timedelta(days=30),
            context={"centre": f"测试中心{n}", "construction_end": TODAY},
        )
        for n in range(count)
    ]


@pytest.mark.django_db
def test_the_scan_writes_in_batches_and_queues_many_ids_per_task(
    make_user,
    test_source,  # noqa: F811
    settings,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    """R-42: 120 reminders in batches of 50: three transactions, a fixed number of statements per batch,
    delivery tasks of up to NOTIFICATIONS_BATCH_SIZE ids each."""
    settings.NOTIFICATIONS_SCAN_BATCH_SIZE = 50
    settings.NOTIFICATIONS_BATCH_SIZE = 40
    users = [make_user() for _ in range(7)]
    test_source.extend(dues(users, 120))
    queued = []
    monkeypatch.setattr(dispatch.deliver_batch, "apply_async", lambda args, **kw: queued.append(args[0]))
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        assert reminders.scan(TODAY) == 240  # inbox + e-mail each
    assert len(queries.captured_queries) <= 3 * 10
    assert [len(ids) for ids in queued] == [40, 10, 40, 10, 20]
    email_ids = set(Notification.objects.filter(channel=Channel.EMAIL).values_list("pk", flat=True))
    assert sorted(pk for ids in queued for pk in ids) == sorted(email_ids)


@pytest.mark.django_db
def test_a_bad_reminder_in_a_batch_costs_only_itself(make_user, test_source, settings):  # noqa: F811
    settings.NOTIFICATIONS_SCAN_BATCH_SIZE = 10
    users = [make_user() for _ in range(3)]
    items = dues(users, 5)
    items.insert(2, Due(key="bad", recipients=[users[0]], kind="centre.acceptance_apply_due",
                        deadline=TODAY + timedelta(days=30), context={}, target=object()))  # fmt: skip
    test_source.extend(items)
    reminders.scan(TODAY)
    assert Notification.objects.filter(channel=Channel.EMAIL).count() == 5


class CountingBackend(LocmemBackend):
    opened = 0

    def open(self):
        CountingBackend.opened += 1
        return super().open()


@pytest.mark.django_db
def test_one_mail_connection_serves_a_batch(make_user, settings, django_capture_on_commit_callbacks):
    from services.notifications.service import notify

    settings.EMAIL_BACKEND = "tests.services.notifications.test_batching.CountingBackend"
    CountingBackend.opened = 0
    users = [make_user() for _ in range(5)]
    notify(kind="centre.acceptance_apply_due", recipients=users, event_key="batch-smtp",
           context={"centre": "测试中心", "deadline": TODAY, "construction_end": TODAY})  # fmt: skip
    ids = list(Notification.objects.filter(channel=Channel.EMAIL).values_list("pk", flat=True))
    assert dispatch.deliver_batch.apply(args=[ids]).result == {"sent": 5}
    assert len(mail.outbox) == 5
    assert CountingBackend.opened == 1
    assert Notification.objects.filter(status=DeliveryStatus.SENT, channel=Channel.EMAIL).count() == 5


@pytest.mark.django_db
def test_the_worker_keeps_its_database_connection_across_tasks(settings):
    """Celery's fix-up would close it around every task; CELERY_DB_REUSE_MAX stops that, and after a task
    the connection is closed only when Django would close it after a request."""
    from celery.signals import task_postrun

    from portal.celery import app

    assert app.conf.get("CELERY_DB_REUSE_MAX") >= 1_000_000

    class Request:
        is_eager = False

    class Task:
        request = Request()

    closed = []
    conn = connection
    saved = conn.close_if_unusable_or_obsolete
    conn.close_if_unusable_or_obsolete = lambda: closed.append(conn.alias)
    try:
        conn.ensure_connection()
        task_postrun.send(sender=None, task=Task())
    finally:
        conn.close_if_unusable_or_obsolete = saved
    assert closed == ["default"]  # asked Django's rule, which keeps a healthy connection within CONN_MAX_AGE


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_import_circle_between_service_tasks_and_reminders():
    """service → dispatch; reminders → service; tasks → reminders, dispatch: nothing imports back up."""
    root = Path(__file__).resolve().parents[3] / "services" / "notifications"
    package = "services.notifications"
    service, reminders_, dispatch_ = (
        imports_of(root / f"{name}.py") for name in ("service", "reminders", "dispatch")
    )
    assert not {f"{package}.tasks", f"{package}.reminders"} & service
    assert f"{package}.tasks" not in reminders_
    assert not {f"{package}.tasks", f"{package}.reminders", f"{package}.service"} & dispatch_
