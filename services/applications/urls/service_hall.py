from django.urls import path

from services.applications.views import service_hall as views

app_name = "service_hall"
urlpatterns = [
    path("", views.index, name="index"),
    path("applications/<int:pk>/", views.detail, name="detail"),
    path("applications/<int:pk>/sections/<slug:section>/", views.section, name="section"),
    path("applications/<int:pk>/submit/", views.submit, name="submit"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("applications/<int:pk>/documents/<slug:kind>.pdf", views.document, name="document"),
]
