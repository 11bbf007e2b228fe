"""Delivery: exactly once per row, retries with backoff, failures visible and re-queueable (R-41)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from services.notifications import delivery, tasks
from services.notifications.constants import AttemptOutcome, Channel, DeliveryStatus
from services.notifications.models import DeliveryAttempt, Notification
from services.notifications.service import notify, requeue
from tests.services.notifications.email_backends import FlakyBackend

pytestmark = pytest.mark.django_db

CONTEXT = {"object": "测试中心", "from_status": "筹建中", "to_status": "已申请验收"}


@pytest.fixture
def pending_email(make_user):
    """An e-mail row written but never handed to a broker (as if Redis had been down at COMMIT)."""
    user = make_user()
    rows = notify(
        kind="case.status_changed",
        recipients=[user],
        event_key="evt:1",
        context=CONTEXT,
        channels=[Channel.EMAIL],
    )
    return rows[0]


def test_delivering_the_same_row_twice_sends_once(pending_email):
    """R-41: a duplicated or redelivered task finds the row sent and does nothing."""
    assert delivery.deliver(pending_email.pk).status == "sent"
    assert delivery.deliver(pending_email.pk).status == "skipped"
    tasks.deliver_batch.delay([pending_email.pk, pending_email.pk])
    assert len(mail.outbox) == 1
    row = Notification.objects.get(pk=pending_email.pk)
    assert (row.status, row.attempts, row.address) == (DeliveryStatus.SENT, 1, row.recipient.email)
    assert list(row.attempt_log.values_list("outcome", flat=True)) == [AttemptOutcome.SENT]


@pytest.fixture
def eager_retries():
    """Eager mode re-runs a retried task at once; with propagation off the retries run to their end."""
    from portal.celery import app

    before = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = before


def test_transient_failure_retries_then_sends(pending_email, settings, eager_retries):
    """Retries: an SMTP disconnect is retried (Celery autoretry with backoff) and then delivered once."""
    settings.EMAIL_BACKEND = "tests.services.notifications.email_backends.FlakyBackend"
    FlakyBackend.failures_left = 2
    result = tasks.deliver_notification.apply(args=[pending_email.pk])
    assert result.successful() and result.result == "sent"
    row = Notification.objects.get(pk=pending_email.pk)
    assert row.status == DeliveryStatus.SENT
    assert row.attempts == 3
    assert list(row.attempt_log.values_list("outcome", flat=True)) == [
        AttemptOutcome.RETRY,
        AttemptOutcome.RETRY,
        AttemptOutcome.SENT,
    ]
    assert len(mail.outbox) == 1


def test_retries_stop_at_the_limit_and_the_row_fails_with_the_reason(pending_email, settings, eager_retries):
    """Retries: after NOTIFICATIONS_MAX_ATTEMPTS the row is failed with the reason, no further task."""
    settings.EMAIL_BACKEND = "tests.services.notifications.email_backends.FlakyBackend"
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    FlakyBackend.failures_left = 10
    result = tasks.deliver_notification.apply(args=[pending_email.pk])
    assert result.result == "failed"
    row = Notification.objects.get(pk=pending_email.pk)
    assert row.status == DeliveryStatus.FAILED
    assert row.attempts == 3
    assert "已重试3次仍失败" in row.last_error and "SMTPServerDisconnected" in row.last_error
    assert mail.outbox == []


def test_retry_backoff_is_exponential_with_a_maximum():
    task = tasks.deliver_notification
    assert task.autoretry_for == (tasks.TransientDeliveryError,)
    assert task.retry_backoff == 30 and task.retry_backoff_max == 1800
    assert task.acks_late and task.reject_on_worker_lost
    assert tasks.deliver_batch.acks_late and tasks.deliver_batch.reject_on_worker_lost


def test_a_transient_failure_in_a_batch_schedules_the_row_alone(pending_email, settings):
    settings.EMAIL_BACKEND = "tests.services.notifications.email_backends.FlakyBackend"
    FlakyBackend.failures_left = 1
    counts = tasks.deliver_batch.apply(args=[[pending_email.pk]]).result
    # eager mode runs the follow-up task at once: it sends
    assert counts == {"retry": 1}
    assert Notification.objects.get(pk=pending_email.pk).status == DeliveryStatus.SENT
    assert len(mail.outbox) == 1


def test_refused_recipient_fails_at_once_without_retry(pending_email, settings):
    settings.EMAIL_BACKEND = "tests.services.notifications.email_backends.RefusingBackend"
    assert delivery.deliver(pending_email.pk).status == "failed"
    row = Notification.objects.get(pk=pending_email.pk)
    assert row.attempts == 1 and "拒收" in row.last_error


def test_admin_requeue_sends_a_failed_row_again(pending_email, settings, django_capture_on_commit_callbacks):
    """Retries: a sysadmin re-queues a failed row; it is sent once with a fresh attempt budget."""
    settings.EMAIL_BACKEND = "tests.services.notifications.email_backends.RefusingBackend"
    delivery.deliver(pending_email.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue([pending_email.pk]) == 1
    row = Notification.objects.get(pk=pending_email.pk)
    assert row.status == DeliveryStatus.SENT and row.attempts == 1
    assert DeliveryAttempt.objects.filter(notification=row).count() == 2
    assert len(mail.outbox) == 1


def test_sweep_requeues_only_rows_pending_past_the_grace_period(pending_email, make_user):
    """Outbox: rows the broker never got go out through the periodic sweep, after the grace period."""
    assert tasks.requeue_stale.apply().result == 0  # still within the grace period
    Notification.objects.filter(pk=pending_email.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=3)
    )
    assert tasks.requeue_stale.apply().result == 1
    assert Notification.objects.get(pk=pending_email.pk).status == DeliveryStatus.SENT
    assert tasks.requeue_stale.apply(kwargs={"grace_seconds": 0}).result == 0
    assert len(mail.outbox) == 1


def test_sweep_leaves_rows_waiting_for_a_planned_retry(pending_email, settings):
    settings.EMAIL_BACKEND = "tests.services.notifications.email_backends.FlakyBackend"
    FlakyBackend.failures_left = 1
    assert delivery.deliver(pending_email.pk).status == "retry"
    row = Notification.objects.get(pk=pending_email.pk)
    assert row.next_attempt_at > timezone.now() + timedelta(minutes=25)
    assert tasks.requeue_stale.apply().result == 0


def test_admin_shows_failed_rows_and_requeues_them(
    pending_email, settings, client, django_capture_on_commit_callbacks
):
    """Retries: failed rows are visible to the sysadmin in the Django admin, with the re-queue action."""
    from tests.factories.accounts import UserFactory

    settings.EMAIL_BACKEND = "tests.services.notifications.email_backends.RefusingBackend"
    delivery.deliver(pending_email.pk)
    from tests.factories.accounts import login_verified

    admin = UserFactory(is_staff=True, is_superuser=True)
    login_verified(client, admin)  # the admin needs a verified second factor
    page = client.get("/django-admin/notifications/notification/?status__exact=failed")
    assert page.status_code == 200
    assert "拒收" in page.content.decode()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/django-admin/notifications/notification/",
            {"action": "requeue_failed", "_selected_action": [pending_email.pk]},
            follow=True,
        )
    assert "已重新排队1条失败通知" in response.content.decode()
    assert Notification.objects.get(pk=pending_email.pk).status == DeliveryStatus.SENT
