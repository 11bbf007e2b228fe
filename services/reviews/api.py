"""/api/v1/reviews/ and the panel endpoints of an application: the same actions, the same checks."""

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts import roles
from accounts.models import User
from services.applications.models import Application
from services.casework.lookup import object_or_404, path_object
from services.reviews.actions import AddPanelMember, DeclareConflict, SaveReport, SaveSheet, member_of
from services.reviews.models import ReviewReport, ScoreSheet
from services.reviews.serializers import (
    ConflictInputSerializer,
    PanelMemberInputSerializer,
    PanelMemberSerializer,
    RecusalSerializer,
    ReportInputSerializer,
    ReviewReportSerializer,
    ScoreSheetSerializer,
    SheetInputSerializer,
)


class ScoreSheetViewSet(viewsets.ReadOnlyModelViewSet):
    """Score sheets the user may see (R-12: others' only after submitting one's own)."""

    serializer_class = ScoreSheetSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return ScoreSheet.objects.visible_to(self.request.user).prefetch_related("scores__item")


class ReviewReportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReviewReportSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return ReviewReport.objects.visible_to(self.request.user)


class PanelViewSet(viewsets.GenericViewSet):
    """The panel side of an application: /api/v1/reviews/applications/<id>/..."""

    permission_classes = [permissions.IsAuthenticated]
    queryset = Application.objects.none()
    inputs = {
        "panel_members": PanelMemberInputSerializer,
        "conflict": ConflictInputSerializer,
        "sheet": SheetInputSerializer,
        "report": ReportInputSerializer,
    }

    def get_serializer_class(self):
        """Each action's input. OPTIONS describes it too: DRF's metadata asks with the request's method
        swapped for POST while the action stays "metadata", so the action comes from the route's method map."""
        return self.inputs[self.action_map.get(self.request.method.lower(), self.action)]

    def application(self):
        return path_object(self, Application.objects.visible_to(self.request.user))

    @extend_schema(
        request=PanelMemberInputSerializer,
        responses={201: PanelMemberSerializer, 400: RecusalSerializer},
        summary="指派评审专家（R-11）",
    )
    @action(detail=True, methods=["post"], url_path="panel-members")
    def panel_members(self, request, pk=None):
        application = self.application()
        if not roles.is_commission(request.user):
            raise PermissionDenied("只有市市场监管委人员可以组建专家组。")
        data = PanelMemberInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        params = dict(data.validated_data)
        expert = object_or_404(User.objects.select_related("expert"), params.pop("expert"))
        member = AddPanelMember(application, expert=expert, **params).execute(request.user)
        return Response(PanelMemberSerializer(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ConflictInputSerializer, responses={201: RecusalSerializer}, summary="声明利益冲突（R-11）"
    )
    @action(detail=True, methods=["post"])
    def conflict(self, request, pk=None):
        application = self.application()
        data = ConflictInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        recusal = DeclareConflict(application, **data.validated_data).execute(request.user)
        return Response(RecusalSerializer(recusal).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=SheetInputSerializer, responses={200: ScoreSheetSerializer}, summary="本人的评分表（R-12）"
    )
    @action(detail=True, methods=["get", "post"])
    def sheet(self, request, pk=None):
        application = self.application()
        if member_of(application, request.user) is None:
            raise PermissionDenied("您不是该申请的评审专家。")
        if request.method == "GET":
            sheet = ScoreSheet.objects.filter(panel__application=application, expert=request.user).first()
            return Response(ScoreSheetSerializer(sheet).data if sheet else {})
        data = SheetInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sheet = SaveSheet(application, **data.validated_data).execute(request.user)
        return Response(ScoreSheetSerializer(sheet).data)

    @extend_schema(
        request=ReportInputSerializer, responses={200: ReviewReportSerializer}, summary="评审报告（R-13）"
    )
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        application = self.application()
        member = member_of(application, request.user)
        if member is None or not member.is_leader:
            raise PermissionDenied("只有专家组组长可以填写评审报告（R-13）。")
        data = ReportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = SaveReport(application, **data.validated_data).execute(request.user)
        return Response(ReviewReportSerializer(report).data)
