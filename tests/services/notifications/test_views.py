"""The inbox (always on), its unread count in the header, and the preferences page (R-41)."""

import pytest
from django.utils import timezone

from services.notifications.constants import Channel, DeliveryStatus
from services.notifications.models import Notification, NotificationKind, NotificationPreference

pytestmark = pytest.mark.django_db


def inbox_item(
    user, n, kind="case.status_changed", read=False, channel=Channel.INBOX, status=DeliveryStatus.SENT
):
    return Notification.objects.create(
        recipient=user,
        channel=channel,
        kind=kind,
        subject=f"消息{n:03d}",
        body=f"内容{n}",
        link=f"/cases/{n}/",
        idempotency_key=f"k:{user.pk}:{n}:{channel}",
        status=status,
        read_at=timezone.now() if read else None,
    )


@pytest.fixture
def owner(make_user, client):
    user = make_user()
    client.force_login(user)
    return user


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/inbox/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_lists_only_own_sent_inbox_items_with_unread_count(client, owner, make_user):
    inbox_item(owner, 1)
    inbox_item(owner, 2, read=True)
    inbox_item(owner, 3, channel=Channel.EMAIL)  # e-mail rows are not inbox items
    inbox_item(owner, 4, status=DeliveryStatus.FAILED)  # a failed template never shows
    inbox_item(make_user(), 5)  # someone else's
    page = client.get("/inbox/").content.decode()
    assert "消息001" in page and "消息002" in page
    assert "消息003" not in page and "消息004" not in page and "消息005" not in page
    assert "1条未读" in page  # the header badge, from the context processor


def test_filters_by_kind_and_read_state(client, owner):
    inbox_item(owner, 1, kind="centre.annual_report_due")
    inbox_item(owner, 2, kind="case.status_changed", read=True)
    inbox_item(owner, 3, kind="case.status_changed")
    NotificationKind.objects.update_or_create(code="case.status_changed", defaults={"name": "状态变更通知"})
    unread = client.get("/inbox/", {"read": "unread"}).content.decode()
    assert "消息001" in unread and "消息003" in unread and "消息002" not in unread
    read = client.get("/inbox/", {"read": "read"}).content.decode()
    assert "消息002" in read and "消息001" not in read
    by_kind = client.get("/inbox/", {"kind": "case.status_changed", "read": "unread"}).content.decode()
    assert "消息003" in by_kind and "消息001" not in by_kind and "消息002" not in by_kind
    assert "状态变更通知" in by_kind  # the kind's name in the filter
    bogus = client.get("/inbox/", {"kind": "no.such", "read": "maybe"})
    assert bogus.status_code == 200 and "消息001" in bogus.content.decode()  # invalid filters are ignored


def test_paginates_by_twenty_and_keeps_the_filters(client, owner):
    for n in range(25):
        inbox_item(owner, n)
    first = client.get("/inbox/", {"read": "unread"}).content.decode()
    assert first.count('class="inbox-item') == 20
    assert "第 1 / 2 页" in first and "?read=unread&amp;page=2" in first
    second = client.get("/inbox/", {"read": "unread", "page": 2}).content.decode()
    assert second.count('class="inbox-item') == 5


def test_mark_read_and_mark_all_read(client, owner):
    one, two = inbox_item(owner, 1), inbox_item(owner, 2)
    response = client.post(f"/inbox/{one.pk}/read/")
    assert response.status_code == 302 and response["Location"] == "/cases/1/"
    one.refresh_from_db()
    assert one.read_at is not None
    assert client.get(f"/inbox/{two.pk}/read/").status_code == 405  # reading changes state: POST only
    client.post("/inbox/read-all/")
    two.refresh_from_db()
    assert two.read_at is not None
    assert "条未读" not in client.get("/inbox/").content.decode()  # no badge once all are read


def test_cannot_mark_someone_elses_item(client, owner, make_user):
    other = inbox_item(make_user(), 1)
    assert client.post(f"/inbox/{other.pk}/read/").status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_read_refuses_an_outside_redirect(client, owner):
    item = inbox_item(owner, 1)
    response = client.post(f"/inbox/{item.pk}/read/", {"next": "https://evil.example.com/"})
    assert response["Location"] == "/cases/1/"


def test_preferences_page_saves_opt_outs_and_locks_mandatory_kinds(client, owner):
    NotificationKind.objects.update_or_create(
        code="case.status_changed", defaults={"name": "状态变更通知", "mandatory": False}
    )
    page = client.get("/inbox/preferences/").content.decode()
    assert "状态变更通知" in page and "年度工作总结报告提醒" in page and "强制" in page
    # only SMS on for status changes; the mandatory kind cannot be switched off even if the form says so
    response = client.post(
        "/inbox/preferences/",
        {"case.status_changed__sms": "on", "centre.annual_report_due__email": ""},
    )
    assert response.status_code == 302
    prefs = {(p.kind, p.channel): p.enabled for p in NotificationPreference.objects.filter(user=owner)}
    assert prefs[("case.status_changed", Channel.EMAIL)] is False
    assert prefs[("case.status_changed", Channel.SMS)] is True
    assert ("centre.annual_report_due", Channel.EMAIL) not in prefs
    shown = client.get("/inbox/preferences/")
    assert [str(m) for m in shown.context["messages"]] == ["通知设置已保存。站内消息始终接收。"]
    assert (
        'name="case.status_changed__sms" id="id_case.status_changed__sms" checked' in shown.content.decode()
    )


def test_unread_count_is_zero_for_visitors(client):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from services.notifications.context_processors import inbox

    request = RequestFactory().get("/")

    request.user = AnonymousUser()
    assert inbox(request) == {"inbox_unread_count": 0}
