"""The portal's URLs plus one view that fails, to see the 500 page as a visitor would."""

from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def broken_view(request):
    raise RuntimeError("a deliberate failure for the 500 page test")


urlpatterns = [path("test-only/broken/", broken_view), *portal_urlpatterns]
