"""notify(): one outbox row per (event, recipient, channel), written in the caller's transaction (R-41)."""

import pytest
from django.core import mail
from django.db import transaction

from services.notifications.constants import Channel, DeliveryStatus
from services.notifications.delivery import message_id
from services.notifications.models import Notification, NotificationKind, NotificationPreference
from services.notifications.service import notify

pytestmark = pytest.mark.django_db

CONTEXT = {"object": "天津市测试计量数据中心", "from_status": "筹建中", "to_status": "已申请验收"}


def send(recipients, key="event:1", **kwargs):
    kwargs.setdefault("kind", "case.status_changed")
    kwargs.setdefault("context", CONTEXT)
    return notify(recipients=recipients, event_key=key, **kwargs)


def test_writes_one_row_per_recipient_and_channel_and_delivers_after_commit(
    make_user, django_capture_on_commit_callbacks
):
    """R-41: every party told, by inbox and e-mail; e-mail leaves only after COMMIT."""
    a, b = make_user(), make_user()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            rows = send([a, b, a, None])
            assert len(mail.outbox) == 0  # nothing leaves before COMMIT
    assert len(callbacks) == 1
    assert len(rows) == 4
    assert {(r.recipient_id, r.channel) for r in rows} == {
        (a.pk, Channel.INBOX),
        (a.pk, Channel.EMAIL),
        (b.pk, Channel.INBOX),
        (b.pk, Channel.EMAIL),
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted([a.email, b.email])
    assert mail.outbox[0].subject == "天津市测试计量数据中心：已申请验收"
    assert "筹建中" in mail.outbox[0].body
    assert set(Notification.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_same_event_twice_writes_and_sends_nothing_new(make_user, django_capture_on_commit_callbacks):
    """R-41: a retried action (same event key) is a no-op."""
    user = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        first = send([user])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = send([user])
    assert {r.pk for r in first} == {r.pk for r in second}
    assert callbacks == []
    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 1


def test_rolled_back_state_change_notifies_nobody(make_user, django_capture_on_commit_callbacks):
    user = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                send([user])
                raise RuntimeError("the action failed")
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_email_carries_a_message_id_derived_from_the_idempotency_key(
    make_user, django_capture_on_commit_callbacks
):
    user = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        rows = send([user], link="/centres/1/")
    email_row = next(r for r in rows if r.channel == Channel.EMAIL)
    sent = mail.outbox[0]
    assert sent.extra_headers["Message-ID"] == message_id(email_row.idempotency_key)
    assert sent.message()["Message-ID"] == message_id(email_row.idempotency_key)
    assert sent.body.endswith("/centres/1/")


def test_missing_template_fails_the_rows_without_breaking_the_caller(
    make_user, django_capture_on_commit_callbacks
):
    """Bad input: a template error marks the rows failed with the reason; the caller's transaction commits."""
    user = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            rows = send([user], kind="no.such_kind")
    assert {r.status for r in rows} == {DeliveryStatus.FAILED}
    assert all("模板错误" in r.last_error for r in rows)
    assert mail.outbox == []


def test_recipient_without_email_fails_alone_and_the_others_flow(
    make_user, django_capture_on_commit_callbacks
):
    """Bad input: one recipient without an e-mail address fails that row only (decided at delivery)."""
    good, no_email, bad_email = make_user(), make_user(email=""), make_user(email="不是邮箱")
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            send([good, no_email, bad_email])
    emails = {r.recipient_id: r for r in Notification.objects.filter(channel=Channel.EMAIL)}
    assert emails[good.pk].status == DeliveryStatus.SENT
    assert emails[no_email.pk].status == DeliveryStatus.FAILED
    assert emails[no_email.pk].last_error == "接收人未填写电子邮件地址"
    assert emails[bad_email.pk].status == DeliveryStatus.FAILED
    assert "电子邮件地址无效" in emails[bad_email.pk].last_error
    assert [m.to for m in mail.outbox] == [[good.email]]
    # the inbox always works
    assert Notification.objects.filter(channel=Channel.INBOX, status=DeliveryStatus.SENT).count() == 3


def test_unknown_recipient_ids_are_skipped_and_inactive_users_fail(
    make_user, django_capture_on_commit_callbacks
):
    """Bad input: unknown recipient ids are logged and skipped; an inactive account fails with the reason."""
    active, inactive = make_user(), make_user(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        rows = send([active.pk, 987654321, inactive], channels=[Channel.EMAIL])
    assert {r.recipient_id for r in rows} == {active.pk, inactive.pk}
    failed = Notification.objects.get(recipient=inactive)
    assert failed.status == DeliveryStatus.FAILED
    assert "账户已停用" in failed.last_error
    assert len(mail.outbox) == 1


def test_sms_to_invalid_phone_fails_and_valid_phone_is_sent(
    make_user, django_capture_on_commit_callbacks, caplog
):
    """Bad input: an invalid mobile number fails that SMS row with the reason."""
    good, bad = make_user(phone="+86 138-1234-5678"), make_user(phone="02212345678")
    with django_capture_on_commit_callbacks(execute=True):
        send([good, bad], channels=[Channel.SMS])
    rows = {r.recipient_id: r for r in Notification.objects.all()}
    assert rows[good.pk].status == DeliveryStatus.SENT
    assert rows[good.pk].address == "13812345678"
    assert rows[bad.pk].status == DeliveryStatus.FAILED
    assert "手机号码无效" in rows[bad.pk].last_error
    assert "SMS to 138****5678" in caplog.text  # phone numbers are masked in logs


def test_opt_out_of_email_keeps_the_inbox(make_user, django_capture_on_commit_callbacks):
    """Preferences: a user who turned e-mail off for a kind still gets the inbox item."""
    user = make_user()
    NotificationPreference.objects.create(
        user=user, kind="case.status_changed", channel=Channel.EMAIL, enabled=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        rows = send([user], channels=[Channel.INBOX, Channel.EMAIL, Channel.SMS])
    assert sorted(r.channel for r in rows) == [Channel.INBOX, Channel.SMS]
    assert mail.outbox == []


def test_category_opt_out_and_kind_opt_in_most_specific_wins(make_user):
    user = make_user()
    NotificationPreference.objects.create(user=user, category="case", channel=Channel.EMAIL, enabled=False)
    assert [r.channel for r in send([user], key="e:1")] == [Channel.INBOX]
    NotificationPreference.objects.create(
        user=user, kind="case.status_changed", channel=Channel.EMAIL, enabled=True
    )
    assert sorted(r.channel for r in send([user], key="e:2")) == [Channel.EMAIL, Channel.INBOX]


def test_mandatory_kind_ignores_opt_outs(make_user, settings):
    """The commission marks a kind mandatory: it goes out on every channel asked for, opt-outs ignored."""
    user = make_user()
    NotificationPreference.objects.create(
        user=user, kind="case.status_changed", channel=Channel.EMAIL, enabled=False
    )
    NotificationKind.objects.create(code="case.status_changed", name="状态变更", mandatory=True)
    assert sorted(r.channel for r in send([user], key="e:1")) == [Channel.EMAIL, Channel.INBOX]
    NotificationKind.objects.filter(code="case.status_changed").update(mandatory=False)
    assert [r.channel for r in send([user], key="e:2")] == [Channel.INBOX]
    settings.NOTIFICATIONS_MANDATORY_KINDS = ["case.status_changed"]
    assert sorted(r.channel for r in send([user], key="e:3")) == [Channel.EMAIL, Channel.INBOX]
