from rest_framework.routers import DefaultRouter

from services.supervision import api
from services.supervision.kinds import KINDS

VIEWSETS = {
    "annual_reports": api.AnnualReportViewSet,
    "change_reports": api.ChangeReportViewSet,
    "inspections": api.InspectionViewSet,
    "rectifications": api.RectificationViewSet,
    "reexaminations": api.ReexaminationViewSet,
}

router = DefaultRouter()
router.register("centres", api.CentreViewSet, basename="supervision-centre")
for kind in KINDS:  # every declared record kind at its segment
    router.register(kind.segment, VIEWSETS[kind.key], basename=f"supervision-{kind.name.replace('_', '-')}")

urlpatterns = router.urls
