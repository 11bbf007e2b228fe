"""Deadline reminders (R-42, R-21, R-30): offsets, the overdue day, idempotent reruns."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from services.centres.constants import CentreStatus
from services.notifications import reminders
from services.notifications.constants import Channel
from services.notifications.models import Notification
from services.notifications.reminders import OVERDUE, Due, offset_due

OFFSETS = (90, 30, 7, 1)
LEAP_DEADLINE = date(2028, 2, 29)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 11, 30), None),  # 91 days left
        (date(2027, 12, 1), 90),  # 90 days before 29 February 2028 crosses two month ends
        (date(2027, 12, 31), 90),  # still the 90-day window (60 days left): caught up if missed
        (date(2028, 1, 29), 90),  # 31 days left
        (date(2028, 1, 30), 30),  # 30 days before a leap day
        (date(2028, 2, 21), 30),
        (date(2028, 2, 22), 7),
        (date(2028, 2, 28), 1),
        (date(2028, 2, 29), 1),  # the deadline day itself is not overdue
        (date(2028, 3, 1), OVERDUE),  # the day after
        (date(2028, 3, 7), OVERDUE),  # catch-up window of 7 days
        (date(2028, 3, 8), None),  # an old deadline does not start an overdue notice
    ],
)
def test_offsets_around_a_leap_month_end(today, expected):
    """R-42: reminders at 90/30/7/1 days before 2028-02-29 and once on the first overdue day."""
    assert offset_due(LEAP_DEADLINE, today, OFFSETS) == expected


@pytest.mark.parametrize(
    ("deadline", "offset", "first_day"),
    [
        (date(2027, 3, 31), 30, date(2027, 3, 1)),
        (date(2027, 3, 1), 1, date(2027, 2, 28)),  # no 29 February in 2027
        (date(2028, 3, 1), 1, date(2028, 2, 29)),
        (date(2027, 1, 1), 7, date(2026, 12, 25)),  # across a year end
        (date(2026, 5, 31), 90, date(2026, 3, 2)),
    ],
)
def test_first_day_of_each_offset_window(deadline, offset, first_day):
    """R-42: the reminder of an offset falls exactly that many calendar days before the deadline."""
    assert offset_due(deadline, first_day, OFFSETS) == offset
    assert offset_due(deadline, first_day - timedelta(days=1), OFFSETS) != offset


def test_overdue_can_be_turned_off_per_due():
    assert offset_due(LEAP_DEADLINE, date(2028, 3, 1), OFFSETS, overdue=False) is None


@pytest.fixture
def test_source(only_test_sources):
    """The only registered source, whose items the test sets; unregistered afterwards."""
    items: list[Due] = []
    reminders.register_source("test", lambda today: list(items))
    yield items
    reminders.unregister_source("test")


@pytest.fixture
def only_test_sources():
    saved = reminders.sources()
    for name in saved:
        reminders.unregister_source(name)
    yield
    for name, source in saved.items():
        reminders.register_source(name, source)


@pytest.mark.django_db
def test_rerunning_the_scan_the_same_day_sends_nothing_new(
    make_user, test_source, django_capture_on_commit_callbacks
):
    """R-42: the scan is idempotent: a second run the same day (or a later day in the window) adds nothing."""
    user = make_user()
    test_source.append(
        Due(
            key="centre:1:acceptance-apply",
            recipients=[user],
            kind="centre.acceptance_apply_due",
            deadline=LEAP_DEADLINE,
            context={"centre": "测试中心", "construction_end": date(2028, 5, 29)},
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        reminders.scan(date(2027, 12, 1))
    assert Notification.objects.count() == 2  # inbox + e-mail
    assert len(mail.outbox) == 1
    assert "剩余90天" in mail.outbox[0].subject
    assert "2028年2月29日" in mail.outbox[0].subject
    for day in (date(2027, 12, 1), date(2027, 12, 1), date(2027, 12, 2)):
        with django_capture_on_commit_callbacks(execute=True):
            reminders.scan(day)
    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        reminders.scan(date(2028, 1, 30))
        reminders.scan(date(2028, 1, 30))
    assert Notification.objects.count() == 4
    assert "剩余30天" in mail.outbox[1].subject
    with django_capture_on_commit_callbacks(execute=True):
        reminders.scan(date(2028, 3, 1))
        reminders.scan(date(2028, 3, 2))
    assert Notification.objects.count() == 6
    assert mail.outbox[2].subject.startswith("【已逾期】")
    keys = sorted(
        Notification.objects.filter(channel=Channel.EMAIL).values_list("idempotency_key", flat=True)
    )
    assert keys == [
        f"reminder:test:centre:1:acceptance-apply:2028-02-29:{label}:{user.pk}:email"
        for label in ("d30", "d90", "overdue")
    ]


@pytest.mark.django_db
def test_a_failing_source_does_not_stop_the_others(make_user, test_source):
    def broken(today):
        raise RuntimeError("source down")

    reminders.register_source("broken", broken)
    try:
        test_source.append(
            Due(
                key="x",
                recipients=[make_user()],
                kind="centre.annual_report_due",
                deadline=date(2026, 11, 30),
                context={"centre": "c", "year": 2026, "window_start": date(2026, 11, 1)},
                offsets=(29,),
            )
        )
        assert reminders.scan(date(2026, 11, 1)) == 2
    finally:
        reminders.unregister_source("broken")


@pytest.mark.django_db
def test_centre_source_reminds_the_units_members_of_the_last_day_to_apply(
    make_centre, django_capture_on_commit_callbacks
):
    """R-21, R-42: a centre under construction is reminded 90 days before the last day to apply for acceptance."""
    centre = make_centre(construction_end=date(2028, 5, 29))  # last day to apply: 2028-02-29
    done = make_centre(status=CentreStatus.ACCEPTANCE_APPLIED, construction_end=date(2028, 5, 29))
    with django_capture_on_commit_callbacks(execute=True):
        reminders.scan(date(2027, 12, 1))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in centre.test_members)
    assert not Notification.objects.filter(recipient__in=done.test_members).exists()
    row = Notification.objects.filter(channel=Channel.INBOX).first()
    assert row.target == centre
    assert "2028年5月29日" in row.body and "2028年2月29日" in row.body


@pytest.mark.django_db
def test_an_extension_moves_the_deadline_and_reminds_afresh(make_centre, django_capture_on_commit_callbacks):
    """R-22: after an extension the reminders follow the new last day to apply, which is the extended end
    itself (the extension postpones the assessment; services.deadlines.rules.last_day_to_apply_acceptance)."""
    centre = make_centre(construction_end=date(2028, 5, 29))
    reminders.scan(date(2027, 12, 1))
    centre.status, centre.extended_end = CentreStatus.EXTENDED, date(2028, 11, 29)  # last day: 2028-11-29
    centre.save()
    before = Notification.objects.count()
    reminders.scan(date(2028, 8, 31))  # 90 days before 2028-11-29
    assert Notification.objects.count() == before + 4
    assert Notification.objects.filter(idempotency_key__contains=":2028-11-29:d90:").count() == 4


@pytest.mark.django_db
def test_annual_report_reminder_on_1_november_only(make_centre, django_capture_on_commit_callbacks):
    """R-30: established centres are reminded of the annual work summary on 1 November."""
    centre = make_centre(status=CentreStatus.ESTABLISHED, established_on=date(2025, 3, 1))
    make_centre(status=CentreStatus.ESTABLISHED, established_on=date(2026, 12, 1))  # no report due in 2026
    reminders.scan(date(2026, 10, 31))
    assert not Notification.objects.filter(kind="centre.annual_report_due").exists()
    with django_capture_on_commit_callbacks(execute=True):
        reminders.scan(date(2026, 11, 1))
        reminders.scan(date(2026, 11, 2))
    rows = Notification.objects.filter(kind="centre.annual_report_due")
    assert rows.count() == 4
    assert set(rows.values_list("recipient", flat=True)) == {u.pk for u in centre.test_members}
    assert "2026年度工作总结报告" in mail.outbox[0].subject
    reminders.scan(date(2026, 12, 1))  # no overdue notice: reports are not on main to check against
    assert rows.count() == 4


@pytest.mark.django_db
def test_the_daily_task_uses_the_beijing_date(make_centre):
    """R-42: at 00:30 in Beijing (16:30 UTC the day before) the scan already runs for the Beijing date."""
    from services.notifications.tasks import scan_reminders

    make_centre(construction_end=date(2028, 5, 29))
    with time_machine.travel(datetime(2027, 11, 30, 16, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        scan_reminders.apply()
    assert Notification.objects.filter(idempotency_key__contains=":2028-02-29:d90:").count() == 4
