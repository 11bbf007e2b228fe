"""Request-level security: audit context, idle timeout (staff and experts) and the second factor (R-43).

Order in MIDDLEWARE (after django_otp's OTPMiddleware and MessageMiddleware):
AuditContextMiddleware → IdleTimeoutMiddleware → OTPRequiredMiddleware.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts import audit
from accounts.constants import AuditAction
from accounts.roles import requires_otp

LAST_ACTIVITY_SESSION_KEY = "accounts_last_activity"


class AuditContextMiddleware:
    """Makes the current request known to audit records written from signal handlers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = audit.current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            audit.current_request.reset(token)


def _is_api(path: str) -> bool:
    return any(path.startswith(prefix) for prefix in settings.OTP_API_PREFIXES)


class IdleTimeoutMiddleware:
    """Signs staff and experts out after STAFF_IDLE_TIMEOUT_SECONDS without a request (default 30 min)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and requires_otp(user):
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_SESSION_KEY)
            if last is not None and now - int(last) > settings.STAFF_IDLE_TIMEOUT_SECONDS:
                audit.record(request, AuditAction.SESSION_TIMEOUT, obj=user, idle_seconds=now - int(last))
                logout(request)
                if _is_api(request.path):
                    return JsonResponse({"detail": "会话已超时，请重新登录。"}, status=401)
                minutes = settings.STAFF_IDLE_TIMEOUT_SECONDS // 60
                messages.warning(request, f"您已超过{minutes}分钟未操作，为保障安全已自动退出，请重新登录。")
                return redirect(f"{settings.LOGIN_URL}?{urlencode({'next': request.get_full_path()})}")
            request.session[LAST_ACTIVITY_SESSION_KEY] = now
        return self.get_response(request)


def otp_exempt(path: str) -> bool:
    """Paths an unverified user may still reach: the OTP pages, sign-out, static files."""
    return any(path.startswith(prefix) for prefix in settings.OTP_EXEMPT_PREFIXES)


class OTPRequiredMiddleware:
    """R-43: a password-only session of a user who needs a second factor reaches only the OTP pages.

    Deny by default: every path except OTP_EXEMPT_PREFIXES is refused, so a new console page cannot be
    added without being covered. Paths under OTP_PROTECTED_PREFIXES are the staff areas (consoles, both
    admins, the API); API paths answer 403 JSON, other paths redirect to the OTP page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and requires_otp(user)
            and not user.is_verified()
            and not otp_exempt(request.path)
        ):
            if _is_api(request.path):
                return JsonResponse({"detail": "请先完成双因素认证（动态验证码）后再访问。"}, status=403)
            return redirect(
                f"{reverse('accounts:otp-verify')}?{urlencode({'next': request.get_full_path()})}"
            )
        return self.get_response(request)
