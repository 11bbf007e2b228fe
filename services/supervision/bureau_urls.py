"""/bureau/: the district bureau's console (a tenant per district): the accounts page (the units of its
district) with supervision's centres and dashboard. It lives here, not in accounts, because accounts
depends on no service."""

from django.urls import path

from services.supervision.views import BureauDashboardView

app_name = "bureau"

urlpatterns = [
    # the accounts page plus the supervision dashboard
    path("", BureauDashboardView.as_view(), name="home"),
]
