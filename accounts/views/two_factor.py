"""The OTP pages: verify (sign-in step two), enrol / re-enrol with a QR code, backup codes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts import two_factor
from accounts.forms import TokenForm
from accounts.views.signin import safe_next

BACKUP_CODES_SESSION_KEY = "accounts_new_backup_codes"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    next_url = safe_next(request)
    if user.is_verified():
        return redirect(next_url)
    if not two_factor.has_enrolled(user):
        return redirect(f"{reverse('accounts:otp-setup')}?next={next_url}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.verify(request, user, form.cleaned_data["token"])
        except two_factor.TokenRefused as refusal:
            form.add_error("token", str(refusal))
        else:
            if device.__class__.__name__ == "StaticDevice":
                left = two_factor.remaining_backup_codes(user)
                messages.warning(request, f"您使用了一个备用验证码，还剩{left}个。用完前请重新生成。")
            return redirect(next_url)
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """First enrolment (allowed with a password-only session while no device exists), or re-enrolment
    (only from a verified session: a password alone must never replace a second factor)."""
    user = request.user
    if two_factor.has_enrolled(user) and not user.is_verified():
        return HttpResponseForbidden("已绑定认证器：请先用原认证器或备用验证码完成验证，再重新绑定。")
    next_url = safe_next(request)
    device = two_factor.pending_totp(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.confirm_enrolment(request, user, form.cleaned_data["token"])
        except two_factor.TokenRefused as refusal:
            form.add_error("token", str(refusal))
        else:
            request.session[BACKUP_CODES_SESSION_KEY] = codes
            messages.success(request, "认证器绑定成功。请立即抄写或打印下面的备用验证码。")
            return redirect(f"{reverse('accounts:otp-backup-codes')}?next={next_url}")
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": two_factor.qr_svg(device),
        "manual_key": two_factor.manual_key(device),
        "re_enrolment": two_factor.has_enrolled(user),
    }
    return render(request, "accounts/otp_setup.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def backup_codes(request):
    """Shows freshly issued backup codes once; a verified user can issue a new set (the old ones stop)."""
    user = request.user
    if not user.is_verified():
        return redirect(f"{reverse('accounts:otp-verify')}?next={request.path}")
    if request.method == "POST":
        request.session[BACKUP_CODES_SESSION_KEY] = two_factor.issue_backup_codes(request, user)
        return redirect("accounts:otp-backup-codes")
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    context = {
        "codes": codes,
        "remaining": two_factor.remaining_backup_codes(user),
        "next": safe_next(request),
    }
    return render(request, "accounts/otp_backup_codes.html", context)
