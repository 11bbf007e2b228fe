"""/api/v1/: the OpenAPI schema, its docs page, and each service's endpoints (one include per app)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularRedocView

urlpatterns = [
    path("schema/", SpectacularJSONAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("accounts.api_urls")),
    path("", include("cms_pages.api")),
    path("supervision/", include("services.supervision.api_urls")),
]
