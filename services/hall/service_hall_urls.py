"""The service hall's URLs (/service-hall/): 我的办件 and the case page (services.hall) and the 申报书's pages
(services.applications). One include in portal/urls.py."""

from django.urls import path

from services.applications.views import service_hall as views
from services.applications.views import submission
from services.hall import case_pages

app_name = "service_hall"
urlpatterns = [
    path("", case_pages.index, name="index"),
    path("applications/<int:pk>/", case_pages.detail, name="detail"),
    path("applications/<int:pk>/sections/<slug:section>/", views.section, name="section"),
    path("applications/<int:pk>/submit/", submission.submit, name="submit"),
    path("applications/<int:pk>/confirmation/", case_pages.confirmation, name="confirmation"),
    path("applications/<int:pk>/withdraw/", submission.withdraw, name="withdraw"),
    path(
        "applications/<int:pk>/partners/<int:partner_pk>/remove/",
        submission.remove_partner,
        name="remove_partner",
    ),
    path("applications/<int:pk>/files/<uuid:public_id>/remove/", submission.remove_file, name="remove_file"),
    path("applications/<int:pk>/documents/<slug:kind>.pdf", views.document, name="document"),
]
