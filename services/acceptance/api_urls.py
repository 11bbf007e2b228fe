from rest_framework.routers import DefaultRouter

from services.acceptance import api

router = DefaultRouter()
router.register("applications", api.AcceptanceViewSet, basename="acceptance-application")

urlpatterns = router.urls
