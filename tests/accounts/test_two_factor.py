"""Two-factor sign-in (R-43): enrolment with QR code, verification, backup codes, re-enrolment, reset."""

import re

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from knox.crypto import hash_token
from knox.models import AuthToken

from accounts.constants import AuditAction, Role
from accounts.models import AuditRecord, SealedTOTPDevice
from tests.factories.accounts import DEMO_PASSWORD, UserFactory, login_verified, totp_device, totp_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(username="officer", roles=[Role.COMMISSION_OFFICER])


def sign_in(client, username, password=DEMO_PASSWORD, next_url="/bureau/"):
    return client.post(f"/accounts/login/?next={next_url}", {"username": username, "password": password})


def test_staff_without_device_are_sent_to_enrolment_with_qr_code_and_manual_key(client, officer):
    """R-43: the first sign-in of staff leads to enrolment: QR code (inline SVG) and the manual key."""
    response = sign_in(client, "officer")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/otp/setup/")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "<svg" in html
    device = SealedTOTPDevice.objects.get(user=officer, confirmed=False)
    key = re.search(r'class="otp-key">([A-Z2-7 ]+)<', html).group(1)
    from base64 import b32encode

    assert key.replace(" ", "") == b32encode(device.bin_key).decode().rstrip("=")


def test_enrolment_confirms_device_issues_ten_backup_codes_and_verifies_session(client, officer):
    """R-43: enrolment ends with 10 single-use backup codes, shown once, and a verified session."""
    sign_in(client, "officer")
    client.get("/accounts/otp/setup/")
    device = SealedTOTPDevice.objects.get(user=officer, confirmed=False)
    response = client.post("/accounts/otp/setup/?next=/bureau/", {"token": totp_token(device)})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/otp/backup-codes/")
    device.refresh_from_db()
    assert device.confirmed
    page = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10 == StaticToken.objects.filter(device__user=officer).count()
    assert "<code>" not in client.get("/accounts/otp/backup-codes/").content.decode()  # shown once
    assert AuditRecord.objects.filter(action=AuditAction.OTP_ENROLLED, actor_username="officer").exists()


def test_enrolment_with_a_wrong_code_changes_nothing(client, officer):
    """Bad input: a wrong code during enrolment gets a Chinese message; the device stays unconfirmed."""
    sign_in(client, "officer")
    client.get("/accounts/otp/setup/")
    response = client.post("/accounts/otp/setup/", {"token": "000000"})
    assert "验证码不正确" in response.content.decode()
    assert not SealedTOTPDevice.objects.filter(user=officer, confirmed=True).exists()
    assert not StaticToken.objects.filter(device__user=officer).exists()


def test_verify_with_current_code_then_the_same_code_again_is_refused(client, officer):
    """R-43 / bad input: a TOTP code works once; replaying it is refused with a Chinese message."""
    device = totp_device(officer)
    token = totp_token(device)
    sign_in(client, "officer")
    response = client.post("/accounts/otp/?next=/accounts/otp/backup-codes/", {"token": token})
    assert response.status_code == 302 and response["Location"] == "/accounts/otp/backup-codes/"
    assert AuditRecord.objects.filter(action=AuditAction.OTP_VERIFIED).count() == 1

    other = client.__class__()
    sign_in(other, "officer")
    replay = other.post("/accounts/otp/", {"token": token})
    assert replay.status_code == 200
    assert "验证码不正确或已使用过" in replay.content.decode()
    assert AuditRecord.objects.filter(action=AuditAction.OTP_FAILED).count() == 1


def test_expired_code_is_refused(client, officer):
    """Bad input: a code from several minutes ago is outside the tolerance and refused."""
    device = totp_device(officer)
    sign_in(client, "officer")
    response = client.post("/accounts/otp/", {"token": totp_token(device, offset_steps=-10)})
    assert "验证码不正确或已使用过" in response.content.decode()
    assert client.get("/bureau/").status_code == 302  # still not verified


def test_backup_code_works_once(client, officer):
    """R-43 / bad input: a backup code signs in once; replaying it is refused."""
    totp_device(officer)
    login_verified(client, officer)
    client.post("/accounts/otp/backup-codes/")
    codes = re.findall(
        r"<code>([a-z2-7]{8})</code>", client.get("/accounts/otp/backup-codes/").content.decode()
    )
    assert len(codes) == 10
    client.logout()

    sign_in(client, "officer")
    assert client.post("/accounts/otp/", {"token": codes[0]}).status_code == 302
    assert StaticToken.objects.filter(device__user=officer).count() == 9
    assert AuditRecord.objects.filter(action=AuditAction.OTP_BACKUP_CODE_USED).get().details == {
        "remaining": 9
    }
    client.logout()

    sign_in(client, "officer")
    for device in officer.staticdevice_set.all():
        device.throttle_reset()
    replay = client.post("/accounts/otp/", {"token": codes[0]})
    assert "验证码不正确或已使用过" in replay.content.decode()
    assert StaticToken.objects.filter(device__user=officer).count() == 9


def test_wrong_codes_throttle_the_device(client, officer):
    """R-43: after a wrong code the device refuses for a while, even a correct code."""
    device = totp_device(officer)
    sign_in(client, "officer")
    client.post("/accounts/otp/", {"token": "000000"})
    response = client.post("/accounts/otp/", {"token": totp_token(device)})
    assert "错误次数过多" in response.content.decode()


def test_re_enrolment_needs_a_verified_session_and_replaces_the_device(client, officer):
    """R-43: a password alone cannot replace a second factor; a verified user can re-enrol."""
    old = totp_device(officer)
    sign_in(client, "officer")
    assert client.get("/accounts/otp/setup/").status_code == 403

    login_verified(client, officer)
    client.get("/accounts/otp/setup/")
    new = SealedTOTPDevice.objects.get(user=officer, confirmed=False)
    client.post("/accounts/otp/setup/", {"token": totp_token(new)})
    assert list(SealedTOTPDevice.objects.filter(user=officer).values_list("pk", flat=True)) == [new.pk]
    assert not SealedTOTPDevice.objects.filter(pk=old.pk).exists()


def test_sysadmin_resets_two_factor_in_the_admin_audited(client):
    """R-43: an audited reset by a system administrator removes devices, backup codes and API tokens."""
    sysadmin = UserFactory(username="sysadmin", is_staff=True, is_superuser=True)
    officer = UserFactory(username="officer2", roles=[Role.BUREAU_OFFICER])
    totp_device(officer)
    AuthToken.objects.create(user=officer)
    login_verified(client, sysadmin)
    response = client.post(
        "/django-admin/accounts/user/",
        {"action": "reset_two_factor", "_selected_action": [officer.pk]},
    )
    assert response.status_code == 302
    assert not SealedTOTPDevice.objects.filter(user=officer).exists()
    assert not AuthToken.objects.filter(user=officer).exists()
    record = AuditRecord.objects.get(action=AuditAction.OTP_RESET)
    assert (record.actor_username, record.object_repr) == ("sysadmin", str(officer))


def test_only_sysadmin_may_reset(client):
    """R-43: the reset action is not offered to other staff with admin access."""
    from django.contrib.auth.models import Permission

    staff = UserFactory(username="useradmin", is_staff=True, roles=[Role.COMMISSION_OFFICER])
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "change_user"]))
    officer = UserFactory(roles=[Role.BUREAU_OFFICER])
    totp_device(officer)
    login_verified(client, staff)
    changelist = client.get("/django-admin/accounts/user/")
    assert changelist.status_code == 200
    assert "reset_two_factor" not in changelist.content.decode()
    client.post(
        "/django-admin/accounts/user/", {"action": "reset_two_factor", "_selected_action": [officer.pk]}
    )
    assert SealedTOTPDevice.objects.filter(user=officer).exists()


def test_applicants_need_no_second_factor(client):
    """R-43: applicants sign in with a password (two-factor is optional for them)."""
    UserFactory(username="applicant", roles=[Role.APPLICANT])
    response = sign_in(client, "applicant", next_url="/")
    assert response.status_code == 302 and response["Location"] == "/"


class TestApiToken:
    """R-43: API tokens only with a second factor."""

    url = "/api/v1/auth/token/"

    def test_staff_need_a_valid_code(self, client, officer):
        device = totp_device(officer)
        refused = client.post(self.url, {"username": "officer", "password": DEMO_PASSWORD})
        assert refused.status_code == 400 and "动态验证码" in refused.json()["detail"]
        device.throttle_reset()
        issued = client.post(
            self.url, {"username": "officer", "password": DEMO_PASSWORD, "otp_token": totp_token(device)}
        )
        assert issued.status_code == 200
        # The key goes to its owner once; only its hash is stored.
        key = issued.json()["token"]
        assert AuthToken.objects.get(user=officer).digest == hash_token(key)
        assert not AuthToken.objects.filter(digest=key).exists()
        assert AuditRecord.objects.filter(
            action=AuditAction.API_TOKEN_ISSUED, actor_username="officer"
        ).exists()

    def test_replayed_code_is_refused(self, client, officer):
        device = totp_device(officer)
        token = totp_token(device)
        assert (
            client.post(
                self.url, {"username": "officer", "password": DEMO_PASSWORD, "otp_token": token}
            ).status_code
            == 200
        )
        AuthToken.objects.all().delete()
        replay = client.post(self.url, {"username": "officer", "password": DEMO_PASSWORD, "otp_token": token})
        assert replay.status_code == 400
        assert not AuthToken.objects.exists()

    def test_wrong_password_is_refused(self, client, officer):
        response = client.post(self.url, {"username": "officer", "password": "not-the-password"})
        assert response.status_code == 400 and response.json()["detail"] == "用户名或密码不正确。"

    def test_verified_session_gets_a_token_without_credentials(self, client, officer):
        login_verified(client, officer)
        assert client.post(self.url, {}).status_code == 200

    def test_unverified_session_is_refused(self, client, officer):
        totp_device(officer)
        sign_in(client, "officer")
        response = client.post(self.url, {})
        assert response.status_code == 403
        assert not AuthToken.objects.exists()

    def test_applicant_gets_a_token_with_password(self, client):
        UserFactory(username="applicant", roles=[Role.APPLICANT])
        response = client.post(self.url, {"username": "applicant", "password": DEMO_PASSWORD})
        assert response.status_code == 200


def test_token_endpoint_is_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert "/api/v1/auth/token/" in schema.content.decode()


def test_verified_login_fixture(verified_login, officer):
    client = verified_login(officer)
    assert client.get("/accounts/otp/backup-codes/").status_code == 200
