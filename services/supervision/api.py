"""/api/v1/supervision/: every supervision action, over the same actions and visible_to() as the pages."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.models import User
from services.deadlines import clock
from services.supervision import actions, dashboard
from services.supervision.constants import (
    ChangeCategory,
    Conclusion,
    FollowUpOutcome,
    ReexaminationOutcome,
    RevocationArticle,
)
from services.supervision.models import (
    AnnualReport,
    ChangeReport,
    FollowUp,
    Inspection,
    Rectification,
    Reexamination,
    Revocation,
)
from services.supervision.querysets import centres_visible_to


# output ---------------------------------------------------------------------------------------------------
class CentreSupervisionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="centre.pk")
    name = serializers.CharField(source="centre.name")
    district = serializers.CharField(source="centre.district.name")
    status = serializers.CharField(source="centre.status")
    status_label = serializers.CharField()
    established_on = serializers.DateField(source="centre.established_on")
    next_deadline = serializers.DateField(allow_null=True)
    next_label = serializers.CharField()
    days_left = serializers.IntegerField(allow_null=True)
    overdue = serializers.ListField(child=serializers.CharField())
    open_rectifications = serializers.IntegerField()


class AnnualReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnnualReport
        fields = [
            "id",
            "centre",
            "year",
            "summary",
            "services_provided",
            "submitted_on",
            "late",
            "submitted_at",
        ]


class ChangeReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChangeReport
        fields = ["id", "centre", "category", "description", "effective_on", "submitted_at"]


class InspectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Inspection
        fields = [
            "id",
            "centre",
            "kind",
            "status",
            "inspected_on",
            "inspectors",
            "experts",
            "items_checked",
            "findings",
            "conclusion",
            "created_at",
        ]


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "outcome", "note", "recorded_on", "recorded_by"]


class RectificationSerializer(serializers.ModelSerializer):
    follow_ups = FollowUpSerializer(many=True, read_only=True)

    class Meta:
        model = Rectification
        fields = [
            "id",
            "centre",
            "inspection",
            "reexamination",
            "requirements",
            "deadline",
            "status",
            "revocation_proposed",
            "issued_on",
            "closed_on",
            "follow_ups",
        ]


class ReexaminationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reexamination
        fields = [
            "id",
            "centre",
            "round_number",
            "due_on",
            "scheduled_on",
            "experts",
            "status",
            "outcome_notes",
            "decided_on",
        ]


class RevocationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Revocation
        fields = ["id", "centre", "article", "reasons", "decided_on"]


# input: parsing only; the actions decide and word what is refused --------------------------------------
@extend_schema_field(OpenApiTypes.INT)
class VisibleCentreField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": "所选中心不存在或不在您的监管范围内。",
        "incorrect_type": "中心编号无效。",
    }

    def get_queryset(self):
        return centres_visible_to(self.context["request"].user)


@extend_schema_field(OpenApiTypes.INT)
class ExpertsField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {"does_not_exist": "所选专家不存在。", "incorrect_type": "专家编号无效。"}

    def get_queryset(self):
        return User.objects.filter(is_active=True)


FILES = serializers.ListField(child=serializers.FileField(), required=False, default=list)
DATE_ERR = {"invalid": "请输入正确的日期（如 2026-11-15）。"}


class AnnualReportInput(serializers.Serializer):
    centre = VisibleCentreField(required=False, allow_null=True)
    year = serializers.IntegerField(required=False, allow_null=True)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    services_provided = serializers.CharField(required=False, allow_blank=True, default="")
    files = FILES


class ChangeReportInput(serializers.Serializer):
    centre = VisibleCentreField(required=False, allow_null=True)
    category = serializers.ChoiceField(
        choices=ChangeCategory.choices, required=False, allow_blank=True, default=""
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")
    effective_on = serializers.DateField(required=False, allow_null=True, error_messages=DATE_ERR)
    files = FILES


class InspectionInput(serializers.Serializer):
    centre = VisibleCentreField(required=False, allow_null=True)
    inspected_on = serializers.DateField(required=False, allow_null=True, error_messages=DATE_ERR)
    inspectors = serializers.CharField(required=False, allow_blank=True, default="")
    items_checked = serializers.CharField(required=False, allow_blank=True, default="")
    findings = serializers.CharField(required=False, allow_blank=True, default="")
    conclusion = serializers.ChoiceField(
        choices=Conclusion.choices, required=False, allow_blank=True, default=""
    )
    files = FILES


class UnannouncedInput(serializers.Serializer):
    centre = VisibleCentreField(required=False, allow_null=True)
    inspected_on = serializers.DateField(required=False, allow_null=True, error_messages=DATE_ERR)
    experts = ExpertsField(many=True, required=False, default=list)


class FindingsInput(serializers.Serializer):
    inspectors = serializers.CharField(required=False, allow_blank=True, default="")
    findings = serializers.CharField(required=False, allow_blank=True, default="")
    conclusion = serializers.ChoiceField(
        choices=Conclusion.choices, required=False, allow_blank=True, default=""
    )
    files = FILES


class SupervisionRectificationInput(serializers.Serializer):
    requirements = serializers.CharField(required=False, allow_blank=True, default="")
    deadline = serializers.DateField(required=False, allow_null=True, error_messages=DATE_ERR)


class FollowUpInput(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=FollowUpOutcome.choices, required=False, allow_blank=True, default=""
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    files = FILES


class ReexaminationInput(serializers.Serializer):
    centre = VisibleCentreField(required=False, allow_null=True)
    scheduled_on = serializers.DateField(required=False, allow_null=True, error_messages=DATE_ERR)
    experts = ExpertsField(many=True, required=False, default=list)


class OutcomeInput(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=ReexaminationOutcome.choices, required=False, allow_blank=True, default=""
    )
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    requirements = serializers.CharField(required=False, allow_blank=True, default="")
    deadline = serializers.DateField(required=False, allow_null=True, error_messages=DATE_ERR)


class RevocationInput(serializers.Serializer):
    article = serializers.ChoiceField(
        choices=RevocationArticle.choices, required=False, allow_blank=True, default=""
    )
    reasons = serializers.CharField(required=False, allow_blank=True, default="")


def run(request, input_class, action_class, output_class, extra=None, status_code=status.HTTP_201_CREATED):
    """Parse, run the action, answer 201 with the object. Refusals (403, or 400 naming the status) and
    validation messages (400 keyed by field) are answered by the one handler, services.casework.api_errors."""
    parsed = input_class(data=request.data, context={"request": request})
    parsed.is_valid(raise_exception=True)
    data = dict(parsed.validated_data)
    if "files" in request.FILES:
        data["files"] = request.FILES.getlist("files")
    files = data.pop("files", [])
    result = action_class(request.user, files=files, **data, **(extra or {})).execute()
    return Response(output_class(result, context={"request": request}).data, status=status_code)


class Base(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    model = None

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user).select_related("centre")


@extend_schema(tags=["监督管理"])
class CentreViewSet(viewsets.GenericViewSet):
    """Centres under supervision, with next deadline and overdue items (R-30 … R-34); revoke (R-35)."""

    permission_classes = [IsAuthenticated]
    serializer_class = CentreSupervisionSerializer

    def get_queryset(self):
        return centres_visible_to(self.request.user).order_by("name")

    def list(self, request):
        rows = dashboard.centre_rows(self.get_queryset(), clock.beijing_today())
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        centre = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(self.get_serializer(dashboard.centre_row(centre, clock.beijing_today())).data)

    @extend_schema(request=RevocationInput, responses=RevocationSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        centre = get_object_or_404(self.get_queryset(), pk=pk)
        return run(request, RevocationInput, actions.Revoke, RevocationSerializer, {"centre": centre})


@extend_schema(tags=["监督管理"])
class AnnualReportViewSet(Base):
    """R-30: annual work summaries. POST (the centre's unit) submits one; outside November it is late."""

    model = AnnualReport
    serializer_class = AnnualReportSerializer

    @extend_schema(request=AnnualReportInput, responses=AnnualReportSerializer)
    def create(self, request):
        return run(request, AnnualReportInput, actions.SubmitAnnualReport, AnnualReportSerializer)


@extend_schema(tags=["监督管理"])
class ChangeReportViewSet(Base):
    """R-31: major change reports."""

    model = ChangeReport
    serializer_class = ChangeReportSerializer

    @extend_schema(request=ChangeReportInput, responses=ChangeReportSerializer)
    def create(self, request):
        return run(request, ChangeReportInput, actions.SubmitChangeReport, ChangeReportSerializer)


@extend_schema(tags=["监督管理"])
class InspectionViewSet(Base):
    """R-32 daily inspections (POST, the district bureau); R-33 unannounced inspections (commission, experts)."""

    model = Inspection
    serializer_class = InspectionSerializer

    @extend_schema(request=InspectionInput, responses=InspectionSerializer)
    def create(self, request):
        return run(request, InspectionInput, actions.RecordInspection, InspectionSerializer)

    @extend_schema(request=UnannouncedInput, responses=InspectionSerializer)
    @action(detail=False, methods=["post"])
    def unannounced(self, request):
        return run(request, UnannouncedInput, actions.PlanUnannouncedInspection, InspectionSerializer)

    @extend_schema(request=FindingsInput, responses=InspectionSerializer)
    @action(detail=True, methods=["post"])
    def findings(self, request, pk=None):
        inspection = self.get_object()
        return run(
            request,
            FindingsInput,
            actions.RecordUnannouncedFindings,
            InspectionSerializer,
            {"inspection": inspection},
            status.HTTP_200_OK,
        )

    @extend_schema(request=SupervisionRectificationInput, responses=RectificationSerializer)
    @action(detail=True, methods=["post"])
    def rectifications(self, request, pk=None):
        inspection = self.get_object()
        return run(
            request,
            SupervisionRectificationInput,
            actions.RequestRectification,
            RectificationSerializer,
            {"inspection": inspection},
        )


@extend_schema(tags=["监督管理"])
class RectificationViewSet(Base):
    """Rectification requests and their follow-up records (R-32 … R-34)."""

    model = Rectification
    serializer_class = RectificationSerializer

    @extend_schema(request=FollowUpInput, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"], url_path="follow-ups")
    def follow_ups(self, request, pk=None):
        rectification = self.get_object()
        return run(
            request,
            FollowUpInput,
            actions.RecordFollowUp,
            FollowUpSerializer,
            {"rectification": rectification},
        )


@extend_schema(tags=["监督管理"])
class ReexaminationViewSet(Base):
    """R-34: five-yearly re-examinations, scheduled (POST) and decided by the commission."""

    model = Reexamination
    serializer_class = ReexaminationSerializer

    @extend_schema(request=ReexaminationInput, responses=ReexaminationSerializer)
    def create(self, request):
        return run(request, ReexaminationInput, actions.ScheduleReexamination, ReexaminationSerializer)

    @extend_schema(request=OutcomeInput, responses=ReexaminationSerializer)
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        reexamination = self.get_object()
        return run(
            request,
            OutcomeInput,
            actions.RecordReexaminationOutcome,
            ReexaminationSerializer,
            {"reexamination": reexamination},
            status.HTTP_200_OK,
        )
