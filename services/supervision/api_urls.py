from rest_framework.routers import DefaultRouter

from services.supervision import api

router = DefaultRouter()
router.register("centres", api.CentreViewSet, basename="supervision-centre")
router.register("annual-reports", api.AnnualReportViewSet, basename="supervision-annual-report")
router.register("change-reports", api.ChangeReportViewSet, basename="supervision-change-report")
router.register("inspections", api.InspectionViewSet, basename="supervision-inspection")
router.register("rectifications", api.RectificationViewSet, basename="supervision-rectification")
router.register("reexaminations", api.ReexaminationViewSet, basename="supervision-reexamination")

urlpatterns = router.urls
