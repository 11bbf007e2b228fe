from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.forms import SignInForm
from accounts.roles import requires_otp
from accounts.two_factor import has_enrolled
from accounts.workspaces import landing_url


def safe_next(request, default: str = "") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default or settings.LOGIN_REDIRECT_URL


class SignInView(auth_views.LoginView):
    """Step one: username and password (django-axes counts failures). Staff and experts go on to step two."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = False

    def get_default_redirect_url(self):
        """Without a safe `next`, each role lands in its workspace (服务大厅, 委工作台, 区局工作台 …)."""
        return landing_url(self.request.user, default=super().get_default_redirect_url())

    def form_invalid(self, form):
        if form.unverified_user is not None:  # the right password: offer a new verification link
            self.request.session["resend_verification_for"] = form.unverified_user.pk
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        context["offer_resend"] = getattr(form, "unverified_user", None) is not None
        return context

    def get_success_url(self):
        user = self.request.user
        target = super().get_success_url()
        # A fresh password sign-in is never OTP-verified yet.
        if requires_otp(user) and not getattr(user, "is_verified", lambda: False)():
            step_two = "accounts:otp-verify" if has_enrolled(user) else "accounts:otp-setup"
            return f"{reverse(step_two)}?{urlencode({'next': target})}"
        return target


class SignOutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lock-out response (AXES_LOCKOUT_CALLABLE): too many failed sign-ins."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = (
        f"连续登录失败{settings.AXES_FAILURE_LIMIT}次，该账户或IP地址已被锁定{minutes}分钟，请稍后再试。"
    )
    if request.path.startswith(tuple(settings.OTP_API_PREFIXES)):
        return JsonResponse({"detail": message}, status=429)
    return render(
        request,
        "accounts/locked_out.html",
        {"message": message},
        status=429,
    )
