from rest_framework.routers import DefaultRouter

from services.workspaces.api import ExpertViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("experts", ExpertViewSet, basename="api-expert")
urlpatterns = router.urls
