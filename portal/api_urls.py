"""/api/v1/: the OpenAPI schema, its docs page, and each service's endpoints (one include per app)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    path("applications/", include("services.applications.api_urls")),
    path("reviews/", include("services.reviews.api_urls")),
    path("", include("accounts.api_urls")),
]
