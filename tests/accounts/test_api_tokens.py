"""API tokens (R-43): hashed, expiring, idling out, revocable by owner and sysadmin, all audited; every
refused credential is a 401, never anonymous treatment."""

import pytest
import time_machine
from django.utils import timezone
from knox.models import AuthToken

from accounts.constants import AuditAction, Role
from accounts.models import AuditRecord
from tests.factories.accounts import DEMO_PASSWORD, UserFactory, login_verified, totp_device, totp_token

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/token/"
PROTECTED = "/api/v1/auth/token/revoke/"


@pytest.fixture
def applicant():
    return UserFactory(username="applicant", roles=[Role.APPLICANT])


def issue(client, username="applicant", **extra):
    response = client.post(URL, {"username": username, "password": DEMO_PASSWORD, **extra})
    assert response.status_code == 200, response.content
    return response.json()["token"]


def call(client, token, path=PROTECTED, data=None):
    return client.post(path, data or {}, HTTP_AUTHORIZATION=f"Token {token}", content_type="application/json")


def test_token_works_and_is_stored_hashed(client, applicant):
    """R-43: the key is returned once; the database holds only a hash of it."""
    token = issue(client)
    stored = AuthToken.objects.get(user=applicant)
    assert token not in (stored.digest, stored.token_key) and len(stored.digest) == 128
    assert client.get("/api/v1/applications/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


def test_wrong_key_with_valid_format_is_401(client, applicant):
    """Bad input: a token of the right length and alphabet but the wrong key → 401 with a challenge."""
    token = issue(client)
    forged = token[:15] + ("0" if token[15] != "0" else "1") + token[16:]
    response = client.get("/api/v1/applications/", HTTP_AUTHORIZATION=f"Token {forged}")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert "令牌无效" in response.json()["detail"]


@pytest.mark.parametrize(
    "header", ["Token", "Token a b", "Token not-hex-at-all!", "Basic dXNlcjpwYXNz", "Bearer x"]
)
def test_malformed_or_foreign_credentials_are_401(client, header):
    """Bad input: an invalid credential is refused, never treated as anonymous (GET would be allowed)."""
    assert client.get("/api/v1/applications/", HTTP_AUTHORIZATION=header).status_code == 401


def test_no_credential_keeps_anonymous_answer(client):
    """Without any credential the API answers as it always did for anonymous callers."""
    assert client.post(PROTECTED, {}).status_code == 403


def test_owner_revokes_a_token_audited(client, applicant):
    """R-43: the owner revokes the token in use; it is then a 401; the revocation is recorded."""
    token = issue(client)
    assert call(client, token).json() == {"revoked": 1}
    assert call(client, token).status_code == 401
    record = AuditRecord.objects.get(action=AuditAction.API_TOKEN_REVOKED)
    assert (record.actor_username, record.details["owner_id"]) == ("applicant", applicant.pk)


def test_owner_revokes_all_tokens(client, applicant):
    first, second = issue(client), issue(client)
    assert call(client, first, data={"all": True}).json() == {"revoked": 2}
    assert call(client, second).status_code == 401


def test_sysadmin_revokes_in_the_admin_without_seeing_keys(client, applicant):
    """R-43: the sysadmin lists tokens (no key), revokes one (audited) and cannot mint one."""
    token = issue(client)
    sysadmin = UserFactory(username="sysadmin", is_staff=True, is_superuser=True, roles=[Role.SYSADMIN])
    login_verified(client, sysadmin)
    listing = client.get("/django-admin/knox/authtoken/")
    assert listing.status_code == 200 and token not in listing.content.decode()
    assert client.get("/django-admin/knox/authtoken/add/").status_code == 403
    digest = AuthToken.objects.get().digest
    response = client.post(
        "/django-admin/knox/authtoken/",
        {"action": "delete_selected", "_selected_action": [digest], "post": "yes"},
    )
    assert response.status_code == 302 and not AuthToken.objects.exists()
    record = AuditRecord.objects.get(action=AuditAction.API_TOKEN_REVOKED)
    assert record.actor_username == "sysadmin"
    client.logout()
    assert call(client, token).status_code == 401


def test_token_idles_out_and_expires_after_max_age(client, applicant, settings):
    """R-43: unused for the idle time → 401 (and recorded as expired); in use, it still ends after 8 h."""
    token = issue(client)
    with time_machine.travel(
        timezone.now() + timezone.timedelta(seconds=settings.STAFF_IDLE_TIMEOUT_SECONDS + 5)
    ):
        assert call(client, token).status_code == 401
    assert AuditRecord.objects.filter(action=AuditAction.API_TOKEN_EXPIRED).exists()
    busy = issue(client)
    start = timezone.now()
    step = timezone.timedelta(seconds=settings.STAFF_IDLE_TIMEOUT_SECONDS - 60)
    uses = (settings.API_TOKEN_MAX_AGE - 60) // step.total_seconds()
    for moment in (start + step * n for n in range(1, int(uses) + 1)):
        with time_machine.travel(moment):
            assert client.get("/api/v1/applications/", HTTP_AUTHORIZATION=f"Token {busy}").status_code == 200
    with time_machine.travel(start + timezone.timedelta(seconds=settings.API_TOKEN_MAX_AGE + 1)):
        assert client.get("/api/v1/applications/", HTTP_AUTHORIZATION=f"Token {busy}").status_code == 401


def test_replayed_totp_code_is_refused_at_sign_in(client):
    """Bad input: a TOTP code accepted once is refused when replayed within its window (R-43)."""
    officer = UserFactory(username="officer", roles=[Role.COMMISSION_OFFICER])
    device = totp_device(officer)
    code = totp_token(device)
    issue(client, "officer", otp_token=code)
    replay = client.post(URL, {"username": "officer", "password": DEMO_PASSWORD, "otp_token": code})
    assert replay.status_code == 400 and "每个只能使用一次" in replay.json()["detail"]
