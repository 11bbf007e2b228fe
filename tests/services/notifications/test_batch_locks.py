"""Outbox batches on PostgreSQL: each row is taken by one worker only, and a dead worker's rows are free (R-41).

A batch locks its rows with session advisory locks (services.notifications.delivery.deliver_many). These tests
hold or race for those locks from other sessions: a raw psycopg connection standing for another worker, and
threads with connections of their own.
"""

import threading
import time

import psycopg
import pytest
from django.core import mail
from django.db import connection

from services.notifications import delivery
from services.notifications.constants import Channel, DeliveryStatus
from services.notifications.models import DeliveryAttempt, Notification

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("the batch locks are PostgreSQL advisory locks (SQLite has one writer)")


def pending_emails(make_user, count, key="batch"):
    """Pending e-mail rows written and not handed to a broker (notify() in autocommit would queue them)."""
    rows = Notification.objects.bulk_create(
        Notification(
            idempotency_key=f"{key}:{n}", recipient=make_user(), channel=Channel.EMAIL, kind="case.status_changed",
            subject="办件状态变更", body="您的办件状态已变更。", status=DeliveryStatus.PENDING,
        )
        for n in range(count)
    )  # fmt: skip
    return [row.pk for row in rows]


def other_worker():
    """A second session on the same database, as another worker's connection would be."""
    params = connection.get_connection_params()
    return psycopg.connect(
        dbname=params.get("dbname"), host=params.get("host"), port=params.get("port"), user=params.get("user"),
        autocommit=True,
    )  # fmt: skip


def wait_until_gone(pid, seconds=10):
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)
    raise AssertionError(f"session {pid} still there after {seconds} s")


def hold(session, pk):
    session.execute("SELECT pg_advisory_lock(%s, %s)", [delivery.LOCK_CLASS, pk])


def test_a_row_another_worker_holds_is_left_to_it_and_sent_once_it_lets_go(make_user):
    """R-41: a row locked by another worker is skipped, not sent twice; once released, it is sent."""
    [pk] = pending_emails(make_user, 1)
    session = other_worker()
    try:
        hold(session, pk)
        assert delivery.deliver_many([pk]) == {}
        assert Notification.objects.get(pk=pk).status == DeliveryStatus.PENDING
        assert mail.outbox == []
        session.execute("SELECT pg_advisory_unlock(%s, %s)", [delivery.LOCK_CLASS, pk])
        assert delivery.deliver_many([pk])[pk].status == "sent"
    finally:
        session.close()
    assert len(mail.outbox) == 1


def test_a_worker_that_dies_holding_rows_frees_them(make_user):
    """R-41: the locks go with the dead worker's connection, so the next worker sends at once."""
    pks = pending_emails(make_user, 3)
    session = other_worker()
    for pk in pks:
        hold(session, pk)
    assert delivery.deliver_many(pks) == {}
    pid = session.info.backend_pid
    session.close()  # the worker's process is gone, and its connection with it
    wait_until_gone(pid)  # the server ends the session a moment after the socket closes
    outcomes = delivery.deliver_many(pks)
    assert sorted(outcomes) == sorted(pks) and {o.status for o in outcomes.values()} == {"sent"}
    assert len(mail.outbox) == 3


def test_a_batch_leaves_no_lock_behind_and_locks_no_row_outside_it(make_user):
    """R-41: after a batch, this session holds no outbox lock, so a row of a later batch is never stuck."""
    pks = pending_emails(make_user, 4)
    delivery.deliver_many(pks[:2])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = %s AND pid = pg_backend_pid()",
            [delivery.LOCK_CLASS],
        )
        assert cursor.fetchone()[0] == 0
    session = other_worker()
    try:  # the rows outside the first batch can be taken by anyone
        taken = session.execute(
            "SELECT pg_try_advisory_lock(%s, %s), pg_try_advisory_lock(%s, %s)",
            [delivery.LOCK_CLASS, pks[2], delivery.LOCK_CLASS, pks[3]],
        ).fetchone()
        assert taken == (True, True)
    finally:
        session.close()


def test_two_workers_racing_over_the_same_rows_send_each_once(make_user):
    """R-41: two batches of the same 40 rows in parallel: 40 e-mails, one attempt each."""
    pks = pending_emails(make_user, 40)
    errors = []

    def work(order):
        try:
            delivery.deliver_all(order)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(o,)) for o in (pks, list(reversed(pks)), pks[::2])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(mail.outbox) == 40
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        Notification.objects.filter(pk__in=pks).values_list("recipient__email", flat=True)
    )
    assert set(Notification.objects.filter(pk__in=pks).values_list("status", "attempts")) == {
        (DeliveryStatus.SENT, 1)
    }
    assert DeliveryAttempt.objects.filter(notification__in=pks).count() == 40
