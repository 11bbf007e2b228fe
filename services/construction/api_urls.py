from rest_framework.routers import DefaultRouter

from services.construction import api

router = DefaultRouter()
router.register("centres", api.CentreViewSet, basename="construction-centre")
router.register("reports", api.ReportViewSet, basename="construction-report")
router.register("extensions", api.ExtensionViewSet, basename="construction-extension")

urlpatterns = router.urls
