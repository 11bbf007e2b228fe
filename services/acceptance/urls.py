from django.urls import path

from services.acceptance import views

app_name = "acceptance"

urlpatterns = [
    path("service-hall/construction/<int:centre_pk>/acceptance/", views.apply, name="apply"),
    path("acceptance/<int:pk>/", views.detail, name="detail"),
    path("acceptance/<int:pk>/rectification/", views.rectify, name="rectify"),
    path("acceptance/<int:pk>/actions/<slug:name>/", views.act, name="act"),
    path("acceptance/<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("acceptance/<int:pk>/notice.pdf", views.notice_pdf, name="notice_pdf"),
]
