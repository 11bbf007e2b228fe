"""/api/v1/construction/: centres under construction with their deadlines, major-situation reports, the
extension request and its decision, revocation (R-20 … R-23, R-42). Every endpoint starts from visible_to
and calls the same actions as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from services.casework import gates
from services.centres.transitions import CENTRE_MACHINE
from services.construction import actions
from services.construction.models import ExtensionRequest, MajorSituationReport
from services.construction.querysets import centres_visible_to, sees_centre_records
from services.deadlines import clock, rules
from services.deadlines.plausibility import validate_plausible_date
from services.files.models import CaseFile
from services.reference.validators import TITLE_MAX, name_validators, text_validators


class RefusalSerializer(serializers.Serializer):
    detail = serializers.CharField()


class DeadlineSerializer(serializers.Serializer):
    label = serializers.CharField()
    date = serializers.DateField()
    days_left = serializers.IntegerField()


def deadline_rows(centre):
    from services.construction.views import deadlines_of

    today = clock.beijing_today()
    return [
        {"label": label, "date": day, "days_left": rules.days_left(day, today)}
        for label, day in deadlines_of(centre)
    ]


class FileSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = CaseFile
        fields = ["public_id", "original_name", "size", "mime_type", "purpose", "url"]


class ConstructionCentreSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    organisation = serializers.CharField(source="organisation.name")
    district = serializers.CharField(source="district.name")
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    approved_on = serializers.DateField()
    construction_end = serializers.DateField()
    extended_end = serializers.DateField(allow_null=True)
    established_on = serializers.DateField(allow_null=True)
    deadlines = serializers.SerializerMethodField()

    def get_deadlines(self, centre) -> list[dict]:
        """R-42; the deadlines include the acceptance case's, so only for those who see the centre's
        records (R-32, docs/decisions/0070): the register's dates are the fields above."""
        request = self.context.get("request")
        if request is None or not sees_centre_records(request.user, centre):
            return []
        return DeadlineSerializer(deadline_rows(centre), many=True).data


class ReportSerializer(serializers.ModelSerializer):
    files = serializers.SerializerMethodField()

    class Meta:
        model = MajorSituationReport
        fields = ["id", "centre", "title", "body", "submitted_at", "files"]
        read_only_fields = fields

    def get_files(self, report) -> list[dict]:
        return FileSerializer(CaseFile.for_object(report), many=True).data


class MajorSituationReportInput(serializers.Serializer):
    title = serializers.CharField(validators=name_validators(TITLE_MAX))
    body = serializers.CharField(validators=text_validators())
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class ExtensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExtensionRequest
        fields = [
            "id",
            "centre",
            "reason",
            "proposed_assessment_on",
            "status",
            "submitted_on",
            "approved_end",
            "decided_on",
            "decision_reason",
        ]
        read_only_fields = fields


class ExtensionInput(serializers.Serializer):
    reason = serializers.CharField(validators=text_validators())
    proposed_assessment_on = serializers.DateField(validators=[validate_plausible_date])


class DecisionInput(serializers.Serializer):
    approve = serializers.BooleanField()
    new_end = serializers.DateField(
        required=False, allow_null=True, default=None, validators=[validate_plausible_date]
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="", validators=text_validators())


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(validators=text_validators())


class CentreViewSet(viewsets.ReadOnlyModelViewSet):
    """Centres in construction and acceptance that the user may see, with their deadlines and days left."""

    permission_classes = [IsAuthenticated]
    serializer_class = ConstructionCentreSerializer

    def get_queryset(self):
        return centres_visible_to(self.request.user).order_by("pk")

    @extend_schema(
        request=MajorSituationReportInput, responses={201: ReportSerializer, 400: RefusalSerializer}
    )
    @action(detail=True, methods=["post"])
    def reports(self, request, pk=None):
        """R-20: report a major situation (multipart with files, or JSON)."""
        record = self.get_object()
        gates.require_unit_member(request.user, record, "报告重大情况")
        payload = {
            "title": request.data.get("title"),
            "body": request.data.get("body"),
            "files": request.FILES.getlist("files"),
        }
        data = MajorSituationReportInput(data=payload)
        data.is_valid(raise_exception=True)
        report = actions.SubmitMajorReport(request.user, record, **data.validated_data).run()
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ExtensionInput, responses={201: ExtensionSerializer, 400: RefusalSerializer})
    @action(detail=True, methods=["post"])
    def extension(self, request, pk=None):
        """R-22: request the one extension."""
        record = self.get_object()
        gates.require_unit_member(request.user, record, "申请延期验收")
        data = ExtensionInput(data=request.data)
        data.is_valid(raise_exception=True)
        extension = actions.RequestExtension(request.user, record, **data.validated_data).run()
        return Response(ExtensionSerializer(extension).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReasonInput, responses={200: ConstructionCentreSerializer, 400: RefusalSerializer})
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        """R-23: a commission leader revokes the construction qualification of a lapsed centre."""
        record = self.get_object()
        gates.require_roles(
            request.user, gates.edge_roles(CENTRE_MACHINE, "revoke_construction"), "撤销筹建资格"
        )
        data = ReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        centre = actions.RevokeConstruction(request.user, record, **data.validated_data).run()
        return Response(ConstructionCentreSerializer(centre).data)


class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = ReportSerializer

    def get_queryset(self):
        return MajorSituationReport.objects.visible_to(self.request.user)


class ExtensionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = ExtensionSerializer

    def get_queryset(self):
        return ExtensionRequest.objects.visible_to(self.request.user).select_related("centre")

    @extend_schema(request=DecisionInput, responses={200: ExtensionSerializer, 400: RefusalSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """R-22: the commission agrees (new end ≤ 1 year after the original) or refuses."""
        record = self.get_object()
        gates.require_roles(
            request.user, gates.edge_roles(CENTRE_MACHINE, "approve_extension"), "审核延期验收申请"
        )
        data = DecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        extension = actions.DecideExtension(request.user, record, **data.validated_data).run()
        return Response(ExtensionSerializer(extension).data)
