"""/bureau/: the district bureau's console (a tenant per district). Supervision adds its pages here."""

from django.urls import path

from services.supervision.views import BureauDashboardView

app_name = "bureau"

urlpatterns = [
    # the accounts page plus the supervision dashboard
    path("", BureauDashboardView.as_view(), name="home"),
]
