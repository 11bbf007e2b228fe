"""Two-factor sign-in (R-43): TOTP enrolment, verification, backup codes, reset.

Views and the API call these functions; they write the audit trail. A TOTP code is accepted once (the
device remembers the last time step used) and a backup code is deleted when used.
"""

import io
from base64 import b32encode

from django.db import transaction
from django_otp import login as otp_login
from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.qr import write_qrcode_image

from accounts import audit
from accounts.constants import AuditAction, AuditOutcome
from accounts.models import HashedStaticDevice, SealedTOTPDevice

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "认证器App"
BACKUP_DEVICE_NAME = "备用验证码"


class TokenRefused(Exception):
    """A code was not accepted; the message is for the person."""


def confirmed_totp(user) -> SealedTOTPDevice | None:
    return SealedTOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def has_enrolled(user) -> bool:
    return SealedTOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_totp(user) -> SealedTOTPDevice:
    """The unconfirmed device being enrolled (a fresh secret each enrolment)."""
    device = SealedTOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or SealedTOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def manual_key(device: SealedTOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an authenticator app."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: SealedTOTPDevice) -> str:
    buffer = io.BytesIO()
    write_qrcode_image(device.config_url, buffer)
    svg = buffer.getvalue().decode("utf-8")
    # Drop the XML declaration so that the SVG can be inlined in HTML.
    return svg.split("?>", 1)[1] if svg.startswith("<?xml") else svg


def _throttle_message(device) -> str | None:
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    if data and data.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
        return "验证码错误次数过多，请稍候几秒再试。"
    return "暂时不能验证，请稍后再试。"


def issue_backup_codes(request, user) -> list[str]:
    """Replace the user's backup codes with 10 new single-use codes; returns them (shown once)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = HashedStaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        device.add_codes(codes)  # stored as keyed hashes; the codes are shown once
        audit.record(request, AuditAction.OTP_BACKUP_CODES_ISSUED, obj=user, count=len(codes))
    return codes


def remaining_backup_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def confirm_enrolment(request, user, token: str) -> list[str]:
    """Confirm the pending device with a code from it; replaces any earlier device (re-enrolment).

    Returns the new backup codes. Marks the session as verified.
    """
    device = pending_totp(user)
    refusal = _throttle_message(device)
    if refusal:
        raise TokenRefused(refusal)
    if not token.isdigit() or not device.verify_token(token):
        audit.record(
            request, AuditAction.OTP_FAILED, obj=user, outcome=AuditOutcome.FAILURE, stage="enrolment"
        )
        raise TokenRefused("验证码不正确：请确认已扫描本页的二维码，并输入认证器App当前显示的6位数字。")
    with transaction.atomic():
        SealedTOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(request, AuditAction.OTP_ENROLLED, obj=user, device=device.persistent_id)
        codes = issue_backup_codes(request, user)
    otp_login(request, device)
    return codes


def check_token(user, token: str):
    """The device that accepts ``token`` (a TOTP code, or a backup code which is then used up), or None.

    Raises TokenRefused while the user's devices are throttled after wrong codes.
    """
    token = token.strip().replace(" ", "").lower()
    totp = confirmed_totp(user)
    if totp is not None and token.isdigit() and len(token) == totp.digits:
        refusal = _throttle_message(totp)
        if refusal:
            raise TokenRefused(refusal)
        return totp if totp.verify_token(token) else None
    for device in HashedStaticDevice.objects.filter(user=user, confirmed=True):
        refusal = _throttle_message(device)
        if refusal:
            raise TokenRefused(refusal)
        if device.verify_token(token):
            return device
    return None


def verify(request, user, token: str):
    """Sign-in step two: accept a TOTP code or a backup code, mark the session verified, audit it."""
    try:
        device = check_token(user, token)
    except TokenRefused:
        audit.record(
            request, AuditAction.OTP_FAILED, obj=user, outcome=AuditOutcome.DENIED, reason="throttled"
        )
        raise
    if device is None:
        audit.record(request, AuditAction.OTP_FAILED, obj=user, outcome=AuditOutcome.FAILURE)
        raise TokenRefused(
            "验证码不正确或已使用过：请输入认证器App当前显示的6位数字（每个验证码只能使用一次），"
            "或一个未使用过的备用验证码。"
        )
    otp_login(request, device)
    if isinstance(device, StaticDevice):
        audit.record(
            request, AuditAction.OTP_BACKUP_CODE_USED, obj=user, remaining=remaining_backup_codes(user)
        )
    else:
        audit.record(request, AuditAction.OTP_VERIFIED, obj=user)
    return device


def reset(request, user) -> None:
    """A system administrator's reset: the user's devices and API tokens go; they enrol again."""
    from knox.models import AuthToken

    with transaction.atomic():
        SealedTOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        AuthToken.objects.filter(user=user).delete()
        audit.record(request, AuditAction.OTP_RESET, obj=user, target=user.get_username())
