from django.utils.translation import gettext_lazy
from knox.auth import TokenAuthentication
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication, get_authorization_header

from accounts.roles import requires_otp

TOKEN_REFUSED = gettext_lazy("接口令牌无效、已过期或已撤销：请重新获取令牌（/api/v1/auth/token/）。")


class ExpiringTokenAuthentication(TokenAuthentication):
    """API tokens (django-rest-knox): only a hash is stored; a token idles out after the staff idle time
    and ends ``API_TOKEN_MAX_AGE`` after issue (``REST_KNOX``). A refused credential — wrong key, revoked,
    expired, or an Authorization header of another scheme — is a 401 with a ``WWW-Authenticate: Token``
    challenge, never anonymous treatment. Listed first: DRF takes the challenge from the first class. A
    request that presents no credential at all keeps the portal's answer for anonymous callers (403)."""

    keyword = "Token"

    def authenticate_header(self, request):
        return self.keyword if get_authorization_header(request) else None

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header:
            return None
        if header[0].lower() != self.keyword.lower().encode():
            raise exceptions.AuthenticationFailed(gettext_lazy("不支持的认证方式：请使用 Token 令牌。"))
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed as refusal:
            raise exceptions.AuthenticationFailed(TOKEN_REFUSED) from refusal


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
