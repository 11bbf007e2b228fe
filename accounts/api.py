"""/api/v1/auth/token/: API tokens, issued only with a second factor for those who need one (R-43).

Tokens are django-rest-knox tokens: the key is shown once, in the response that issues it, and only its
hash is stored. Each idles out with the staff idle time and ends API_TOKEN_MAX_AGE after issue. The owner
revokes a token with ``/api/v1/auth/token/revoke/``; the system administrator in the admin; every
issue, revocation and expiry is in the audit trail (``accounts.signals``).
"""

from django.contrib.auth import authenticate
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from knox.models import AuthToken
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import audit, two_factor
from accounts.constants import AuditAction, AuditOutcome
from accounts.roles import requires_otp


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(required=False, label="用户名")
    password = serializers.CharField(required=False, label="密码", style={"input_type": "password"})
    otp_token = serializers.CharField(
        required=False, allow_blank=True, label="动态验证码", help_text="认证器App的6位数字或一个备用验证码。"
    )


class ObtainTokenView(APIView):
    """Issue a new API token to the caller.

    Either from an OTP-verified browser session (no body needed), or with ``username``, ``password`` and,
    for every role but applicants, ``otp_token``. Failed attempts count towards the sign-in lock-out.
    """

    permission_classes = [AllowAny]
    throttle_classes = []

    @extend_schema(
        summary="获取接口令牌",
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer(
                "TokenResponse", {"token": serializers.CharField(), "expiry": serializers.DateTimeField()}
            ),
            400: OpenApiResponse(description="用户名、密码或动态验证码不正确"),
            429: OpenApiResponse(description="连续失败次数过多，已锁定"),
        },
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if request.user.is_authenticated and not values.get("username"):
            user = request.user  # OTPSessionAuthentication has already refused an unverified session
        else:
            user = authenticate(
                request._request, username=values.get("username", ""), password=values.get("password", "")
            )
            if user is None:
                if getattr(request._request, "axes_locked_out", False):
                    return Response({"detail": "连续登录失败次数过多，已被锁定30分钟。"}, status=429)
                return Response({"detail": "用户名或密码不正确。"}, status=status.HTTP_400_BAD_REQUEST)
            if requires_otp(user):
                try:
                    device = two_factor.check_token(user, values.get("otp_token", "") or "")
                except two_factor.TokenRefused as refusal:
                    device = None
                    message = str(refusal)
                else:
                    message = "须提供有效的动态验证码（认证器App的6位数字，每个只能使用一次）。"
                if device is None:
                    audit.record(
                        request._request,
                        AuditAction.OTP_FAILED,
                        obj=user,
                        outcome=AuditOutcome.FAILURE,
                        actor=user,
                        stage="api",
                    )
                    return Response({"detail": message}, status=status.HTTP_400_BAD_REQUEST)
        instance, token = AuthToken.objects.create(user=user)
        audit.record(
            request._request,
            AuditAction.API_TOKEN_ISSUED,
            obj=user,
            actor=user,
            token=instance.token_key[:8],
            expiry=instance.expiry,
        )
        return Response({"token": token, "expiry": instance.expiry})


class RevokeTokenView(APIView):
    """Revoke the token this request presents, or with ``{"all": true}`` every token of its owner."""

    permission_classes = [IsAuthenticated]
    throttle_classes = []

    @extend_schema(
        summary="撤销接口令牌",
        request=inline_serializer("TokenRevokeRequest", {"all": serializers.BooleanField(required=False)}),
        responses={
            200: inline_serializer("TokenRevokeResponse", {"revoked": serializers.IntegerField()}),
            401: OpenApiResponse(description="令牌无效、已过期或已撤销"),
            403: OpenApiResponse(description="未登录"),
        },
    )
    def post(self, request):
        every = serializers.BooleanField().to_internal_value(request.data.get("all", False))
        if every:
            revoked, _ = AuthToken.objects.filter(user=request.user).delete()
        elif isinstance(request.auth, AuthToken):
            revoked, _ = AuthToken.objects.filter(pk=request.auth.pk).delete()
        else:
            return Response(
                {"detail": '本请求未使用令牌：如需撤销全部令牌，请提交 {"all": true}。'}, status=400
            )
        return Response({"revoked": revoked})
