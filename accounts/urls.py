from django.urls import path

from accounts.views import password, registration, signin, two_factor

app_name = "accounts"

urlpatterns = [
    path("login/", signin.SignInView.as_view(), name="login"),
    path("logout/", signin.SignOutView.as_view(), name="logout"),
    path("otp/", two_factor.verify, name="otp-verify"),
    path("otp/setup/", two_factor.setup, name="otp-setup"),
    path("otp/backup-codes/", two_factor.backup_codes, name="otp-backup-codes"),
    path("register/", registration.register, name="register"),
    path("register/sent/", registration.register_sent, name="register-sent"),
    path("register/resend/", registration.register_resend, name="register-resend"),
    path("register/verify/<str:token>/", registration.register_verify, name="register-verify"),
    path("password-reset/", password.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", password.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "password-reset/<uidb64>/<token>/",
        password.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/done/", password.PasswordResetCompleteView.as_view(), name="password-reset-complete"
    ),
]
