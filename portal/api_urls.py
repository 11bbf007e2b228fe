"""/api/v1/: the OpenAPI schema, its docs page, and each service's endpoints (one include per app)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularRedocView

from portal.api_root import api_root

urlpatterns = [
    path("", api_root, name="api-root"),
    path("schema/", SpectacularJSONAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("cms_pages.api")),
    path("construction/", include("services.construction.api_urls")),
    path("acceptance/", include("services.acceptance.api_urls")),
    path("applications/", include("services.applications.api_urls")),
    path("reviews/", include("services.reviews.api_urls")),
    path("", include("accounts.api_urls")),
    path("", include("search.api_urls")),
    path("supervision/", include("services.supervision.api_urls")),
    path("", include("services.workspaces.api_urls")),
]
