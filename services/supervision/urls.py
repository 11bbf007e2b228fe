"""Supervision URLs: one include in portal/urls.py (before Wagtail's catch-all)."""

from django.urls import path

from services.supervision import views

app_name = "supervision"
urlpatterns = [
    # the commission (R-33 … R-35)
    path("commission/", views.commission_dashboard, name="commission_dashboard"),
    path("commission/supervision/unannounced/new/", views.unannounced_new, name="unannounced_new"),
    path("commission/supervision/reexaminations/new/", views.reexamination_new, name="reexamination_new"),
    path("commission/supervision/centres/<int:pk>/revoke/", views.revoke, name="revoke"),
    # the district bureau's tenant view
    path("bureau/supervision/", views.bureau_dashboard, name="bureau_dashboard"),
    path("bureau/supervision/inspections/new/", views.inspection_new, name="inspection_new"),
    # the objects, for whoever may see them
    path("supervision/centres/<int:pk>/", views.centre_detail, name="centre"),
    path("supervision/export/<slug:table>.<str:file_format>", views.export, name="export"),
    path("supervision/annual-reports/", views.object_list, {"kind": "annual_reports"}, name="annual_reports"),
    path("supervision/annual-reports/new/", views.annual_report_new, name="annual_report_new"),
    path("supervision/annual-reports/<int:pk>/", views.annual_report_detail, name="annual_report"),
    path("supervision/change-reports/", views.object_list, {"kind": "change_reports"}, name="change_reports"),
    path("supervision/change-reports/new/", views.change_report_new, name="change_report_new"),
    path("supervision/change-reports/<int:pk>/", views.change_report_detail, name="change_report"),
    path("supervision/inspections/", views.object_list, {"kind": "inspections"}, name="inspections"),
    path("supervision/inspections/<int:pk>/", views.inspection_detail, name="inspection"),
    path("supervision/inspections/<int:pk>/findings/", views.inspection_findings, name="inspection_findings"),
    path("supervision/inspections/<int:pk>/rectify/", views.inspection_rectify, name="inspection_rectify"),
    path("supervision/rectifications/", views.object_list, {"kind": "rectifications"}, name="rectifications"),
    path("supervision/rectifications/<int:pk>/", views.rectification_detail, name="rectification"),
    path("supervision/rectifications/<int:pk>/follow-up/", views.rectification_follow_up, name="follow_up"),
    path("supervision/reexaminations/", views.object_list, {"kind": "reexaminations"}, name="reexaminations"),
    path("supervision/reexaminations/<int:pk>/", views.reexamination_detail, name="reexamination"),
    path(
        "supervision/reexaminations/<int:pk>/outcome/",
        views.reexamination_outcome,
        name="reexamination_outcome",
    ),
]
