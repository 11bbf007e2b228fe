from django.urls import path

from services.applications.views import service_hall as views
from services.applications.views import submission

app_name = "service_hall"
urlpatterns = [
    path("", views.index, name="index"),
    path("applications/<int:pk>/", views.detail, name="detail"),
    path("applications/<int:pk>/sections/<slug:section>/", views.section, name="section"),
    path("applications/<int:pk>/submit/", submission.submit, name="submit"),
    path("applications/<int:pk>/confirmation/", submission.confirmation, name="confirmation"),
    path("applications/<int:pk>/withdraw/", submission.withdraw, name="withdraw"),
    path(
        "applications/<int:pk>/partners/<int:partner_pk>/remove/",
        submission.remove_partner,
        name="remove_partner",
    ),
    path("applications/<int:pk>/files/<uuid:public_id>/remove/", submission.remove_file, name="remove_file"),
    path("applications/<int:pk>/documents/<slug:kind>.pdf", views.document, name="document"),
]
