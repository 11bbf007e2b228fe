from rest_framework.routers import DefaultRouter

from services.applications.api import ApplicationViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("", ApplicationViewSet, basename="api-application")
urlpatterns = router.urls
