from django.urls import path

from services.reviews import views

app_name = "expert"
urlpatterns = [
    path("", views.index, name="index"),
    path("cases/<int:pk>/", views.case, name="case"),
    path("cases/<int:pk>/report/", views.report, name="report"),
    path("cases/<int:pk>/conflict/", views.declare_conflict, name="declare_conflict"),
    path("cases/<int:pk>/documents/<slug:kind>.pdf", views.document, name="document"),
    path("sheets/<int:sheet_id>.pdf", views.sheet_document, name="sheet_document"),
    path("reports/<int:report_id>.pdf", views.report_document, name="report_document"),
]
