from django.urls import path

from accounts.api import ObtainTokenView, RevokeTokenView

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-auth-token"),
    path("auth/token/revoke/", RevokeTokenView.as_view(), name="api-auth-token-revoke"),
]
