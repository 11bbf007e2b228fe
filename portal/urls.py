from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("portal.api_urls")),
    path("files/", include("services.files.urls")),
    path("inbox/", include("services.notifications.urls")),
    path("accounts/", include("accounts.urls")),
    path("bureau/", include("services.supervision.bureau_urls")),
    path("search/", include("search.urls")),
    path("", include("services.construction.urls")),
    path("", include("services.acceptance.urls")),
    path("", include("services.supervision.urls")),
    path("", include("services.hall.urls")),
    path("", include("services.ratings.urls")),
    path("", include("services.workspaces.urls")),
    path("service-hall/", include("services.hall.service_hall_urls")),
    path("commission/applications/", include("services.applications.urls.commission")),
    path("commission/reviews/", include("services.reviews.commission_urls")),
    path("expert/", include("services.reviews.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "portal.errors.bad_request"

# Wagtail's page serving comes last: it catches every other path.
urlpatterns += [path("", include(wagtail_urls))]
