"""Score sheets and reports for the commission console (/commission/reviews/)."""

from django.urls import path

from services.reviews import views

app_name = "commission_reviews"
urlpatterns = [
    path("sheets/<int:sheet_id>.pdf", views.sheet_document, name="sheet_document"),
    path("reports/<int:report_id>.pdf", views.report_document, name="report_document"),
]
