from rest_framework.routers import DefaultRouter

from services.reviews.api import PanelViewSet, ReviewReportViewSet, ScoreSheetViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("sheets", ScoreSheetViewSet, basename="api-sheet")
router.register("reports", ReviewReportViewSet, basename="api-report")
router.register("applications", PanelViewSet, basename="api-panel")
urlpatterns = router.urls
