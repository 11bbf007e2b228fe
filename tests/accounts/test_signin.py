"""Sign-in security (R-43): lock-out, idle timeout, password rules, password reset by e-mail."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.constants import AuditAction, Role
from accounts.models import AuditRecord
from tests.factories.accounts import DEMO_PASSWORD, UserFactory, login_verified

pytestmark = pytest.mark.django_db


def attempt(client, username, password="wrong-password-x", ip="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_five_failures_lock_the_account_for_thirty_minutes(client):
    """R-43: 5 failed attempts lock the account, also from other IP addresses and with the right password."""
    UserFactory(username="zhang")
    for n in range(4):
        assert attempt(client, "zhang", ip=f"10.0.0.{n}").status_code == 200
    locked = attempt(client, "zhang", ip="10.0.0.9")
    assert locked.status_code == 429
    assert "已被锁定30分钟" in locked.content.decode()
    assert attempt(client, "zhang", password=DEMO_PASSWORD, ip="10.9.9.9").status_code == 429
    assert AuditRecord.objects.filter(action=AuditAction.LOCKED_OUT).exists()
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert attempt(client, "zhang", password=DEMO_PASSWORD, ip="10.9.9.9").status_code == 302


def test_five_failures_from_one_ip_lock_that_ip(client):
    """R-43: 5 failed attempts from one IP address lock it, whichever accounts were tried."""
    for n in range(5):
        UserFactory(username=f"u{n}")
        attempt(client, f"u{n}", ip="10.1.1.1")
    UserFactory(username="innocent")
    assert attempt(client, "innocent", password=DEMO_PASSWORD, ip="10.1.1.1").status_code == 429
    assert attempt(client, "innocent", password=DEMO_PASSWORD, ip="10.2.2.2").status_code == 302


def test_success_resets_the_count(client):
    UserFactory(username="qian")
    for _ in range(4):
        attempt(client, "qian")
    assert attempt(client, "qian", password=DEMO_PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "qian").status_code == 200


def test_staff_are_signed_out_after_thirty_idle_minutes(client, settings):
    """R-43: idle timeout of 30 minutes for staff and experts."""
    officer = UserFactory(username="sun", roles=[Role.BUREAU_OFFICER])
    with time_machine.travel("2026-03-02 09:00 +0800", tick=False) as clock:
        login_verified(client, officer)
        assert client.get("/accounts/otp/backup-codes/").status_code == 200
        clock.shift(29 * 60)
        assert client.get("/accounts/otp/backup-codes/").status_code == 200
        clock.shift(31 * 60)
        response = client.get("/accounts/otp/backup-codes/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert AuditRecord.objects.filter(action=AuditAction.SESSION_TIMEOUT, actor_username="sun").exists()


def test_applicants_have_no_idle_timeout(client):
    applicant = UserFactory(roles=[Role.APPLICANT])
    with time_machine.travel("2026-03-02 09:00 +0800", tick=False) as clock:
        client.force_login(applicant)
        client.get("/accounts/password-reset/")
        clock.shift(2 * 3600)
        client.get("/accounts/password-reset/")
        assert client.session.get("_auth_user_id") == str(applicant.pk)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1-short", "10"),
        ("password123", "太常见"),
        ("12345678901234", "只包含数字"),
        ("wangxiaoming2", "相似"),
    ],
)
def test_password_rules(password, message):
    """Password rules: at least 10 characters, not common, not numeric, not similar to the user's data."""
    from django.utils import translation

    user = UserFactory.build(username="wangxiaoming", email="wangxiaoming@example.cn")
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        validate_password(password, user)
    assert message in " ".join(error.value.messages)


def test_password_reset_by_email(client):
    """Password reset by e-mail: Chinese mail, single-use link, audited."""
    user = UserFactory(username="zhou", email="zhou@example.cn")
    client.post("/accounts/password-reset/", {"email": "zhou@example.cn"})
    assert len(mail.outbox) == 1
    assert "重置密码" in mail.outbox[0].subject
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    new_password = "Tianjin-Metrology-2026"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert AuditRecord.objects.filter(action=AuditAction.PASSWORD_RESET, object_id=str(user.pk)).exists()
    reused = client.get(link, follow=True)
    assert "重置链接无效或已使用过" in reused.content.decode()
