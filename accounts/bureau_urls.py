"""/bureau/: the district bureau's console (a tenant per district). Supervision adds its pages here."""

from django.urls import path

from accounts.views import bureau

app_name = "bureau"

urlpatterns = [
    path("", bureau.BureauHomeView.as_view(), name="home"),
]
