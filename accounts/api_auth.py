from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication

from accounts.roles import requires_otp


class OTPSessionAuthentication(SessionAuthentication):
    """Session authentication that refuses a password-only session of a user who needs a second factor
    (R-43). Token authentication needs no such check: tokens are issued only with a second factor."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        is_verified = getattr(request._request.user, "is_verified", lambda: False)
        if requires_otp(user) and not is_verified():
            raise exceptions.PermissionDenied("请先完成双因素认证（动态验证码）后再访问接口。")
        return result
