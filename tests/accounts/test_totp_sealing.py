"""TOTP secrets (R-43; GB/T 39786): sealed at rest, never shown after enrolment; reset is the only path."""

import ast
from pathlib import Path

import pytest
from django.db import connection
from django.urls import NoReverseMatch, reverse

from accounts import totp_sealing
from accounts.constants import Role
from accounts.models import SealedTOTPDevice
from tests.factories.accounts import UserFactory, login_verified, totp_device, totp_token

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def stored_key(device) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM otp_totp_totpdevice WHERE id = %s", [device.pk])
        return cursor.fetchone()[0]


@pytest.mark.parametrize("cipher, tag", [("sm4-gcm", "sm4"), ("aes-gcm", "aes")])
def test_the_secret_is_sealed_in_the_database_and_still_verifies(settings, cipher, tag):
    """R-43: a database reader sees ciphertext; the device still accepts its codes."""
    settings.TOTP_KEY_CIPHER = cipher
    user = UserFactory(roles=[Role.COMMISSION_OFFICER])
    device = totp_device(user)
    raw = stored_key(device)
    assert raw.startswith(f"{tag}$dev$") and device.bin_key.hex() not in raw
    assert device.verify_token(totp_token(device))


def test_a_sealed_secret_does_not_open_for_another_user_or_under_another_key(settings):
    """R-43: the user id is bound in; a wrong or missing key is an error, never a guessable code."""
    first, second = (totp_device(UserFactory(roles=[Role.BUREAU_OFFICER])) for _ in range(2))
    first_raw = stored_key(first)
    with pytest.raises(totp_sealing.SealBroken):
        totp_sealing.unseal(first_raw, f"totp:{second.user_id}".encode())
    settings.TOTP_KEY_ENCRYPTION_KEYS = "dev:" + "ab" * 16
    with pytest.raises(totp_sealing.SealBroken, match="无法解密"):
        SealedTOTPDevice.objects.get(pk=first.pk).verify_token("123456")
    settings.TOTP_KEY_ENCRYPTION_KEYS = "other:" + "ab" * 16
    with pytest.raises(totp_sealing.SealBroken, match="未配置"):
        SealedTOTPDevice.objects.get(pk=first.pk).verify_token("123456")


def test_a_new_key_reseals_on_the_next_save(settings):
    """Key rotation: the new key goes first in the ring; the old one still opens and is replaced on save."""
    device = totp_device(UserFactory(roles=[Role.BUREAU_OFFICER]))
    secret = device.bin_key
    settings.TOTP_KEY_ENCRYPTION_KEYS = "k2:" + "cd" * 16 + "," + settings.TOTP_KEY_ENCRYPTION_KEYS
    device = SealedTOTPDevice.objects.get(pk=device.pk)
    assert device.verify_token(totp_token(device))  # verify_token saves
    assert stored_key(device).startswith("sm4$k2$") and device.bin_key == secret


def test_no_admin_page_shows_a_key_or_qr_code(client):
    """R-43: django-otp's device pages (hex key, QR code) and backup-code pages are gone for everyone."""
    sysadmin = UserFactory(username="sysadmin", is_staff=True, is_superuser=True, roles=[Role.SYSADMIN])
    officer = UserFactory(roles=[Role.COMMISSION_OFFICER])
    device = totp_device(officer)
    login_verified(client, sysadmin)
    for path in (
        "/django-admin/otp_totp/totpdevice/",
        f"/django-admin/otp_totp/totpdevice/{device.pk}/change/",
        f"/django-admin/otp_totp/totpdevice/{device.pk}/config/",
        f"/django-admin/otp_totp/totpdevice/{device.pk}/qrcode/",
        "/django-admin/otp_static/staticdevice/",
        "/django-admin/accounts/sealedtotpdevice/",
    ):
        response = client.get(path, follow=True)
        assert response.status_code == 404 or device.bin_key.hex() not in response.content.decode(), path
        assert "otpauth://" not in response.content.decode(), path
    user_page = client.get(f"/django-admin/accounts/user/{officer.pk}/change/").content.decode()
    assert device.bin_key.hex() not in user_page and "otpauth://" not in user_page
    with pytest.raises(NoReverseMatch):
        reverse("admin:otp_totp_totpdevice_config", args=[device.pk])


def test_the_enrolment_page_shows_no_secret_once_confirmed(client):
    """R-43: after enrolment the key is not shown again; a new secret needs a reset."""
    officer = UserFactory(roles=[Role.COMMISSION_OFFICER])
    device = totp_device(officer)
    login_verified(client, officer)
    page = client.get(reverse("accounts:otp-setup"), follow=True).content.decode()
    assert device.bin_key.hex() not in page and "otpauth://" not in page


def test_accounts_modules_below_the_audit_trail_never_import_it():
    """The import circle audit → models → querysets → permissions → audit is gone: the modules the audit
    trail rests on import neither it nor the audited grants, nor any service but the reference data (districts,
    key fields, field validators), which lies below accounts."""
    for name in ("models", "querysets", "visibility", "roles", "constants", "audit_chain", "keyring"):
        tree = ast.parse((ROOT / "accounts" / f"{name}.py").read_text(encoding="utf-8"))
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
        for forbidden in ("accounts.audit", "accounts.permissions", "services"):
            found = {m for m in imported if m == forbidden or m.startswith(forbidden + ".")}
            found = {m for m in found if not m.startswith("services.reference")}
            assert not found, (
                name,
                forbidden,
            )


def test_backup_codes_are_stored_as_keyed_hashes(rf):
    """R-43: the ten codes are shown once; the database holds only keyed hashes of them; each works once."""
    from django.contrib.sessions.middleware import SessionMiddleware
    from django_otp.plugins.otp_static.models import StaticToken

    from accounts import two_factor

    officer = UserFactory(roles=[Role.COMMISSION_OFFICER])
    request = rf.post("/")
    SessionMiddleware(lambda r: None).process_request(request)
    request.user = officer
    codes = two_factor.issue_backup_codes(request, officer)
    stored = set(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))
    assert len(stored) == 10 and not stored & set(codes)
    assert two_factor.check_token(officer, codes[3]) is not None
    assert two_factor.check_token(officer, codes[3]) is None
    assert two_factor.remaining_backup_codes(officer) == 9
