from django.urls import path

from services.construction import views

app_name = "construction"

urlpatterns = [
    path("service-hall/construction/<int:pk>/", views.centre_detail, name="centre"),
    path("service-hall/construction/<int:pk>/reports/new/", views.report_create, name="report_create"),
    path("service-hall/construction/<int:pk>/extension/", views.extension_create, name="extension_create"),
    path("commission/construction/", views.commission_index, name="commission"),
    path("commission/construction/reports/<int:pk>/", views.report_detail, name="report"),
    path(
        "commission/construction/extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"
    ),
    path("commission/construction/centres/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("bureau/construction/", views.bureau_index, name="bureau"),
]
