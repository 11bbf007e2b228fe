"""/api/v1/acceptance/: the acceptance case and every action on it (R-21, R-24 … R-27). Each endpoint
starts from visible_to and calls the same action as the pages; a refusal is 400 with a Chinese detail."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.models import User
from services.acceptance import actions, gates
from services.acceptance.constants import StageKind
from services.acceptance.models import (
    AcceptanceApplication,
    AssessmentMember,
    AssessmentStage,
    RectificationNotice,
    ScoreEntry,
    ScoreSheet,
)
from services.casework import gates as role_gates
from services.casework.lookup import path_object
from services.construction.api import FileSerializer, ReasonInput, RefusalSerializer
from services.construction.querysets import centres_visible_to
from services.deadlines.plausibility import validate_plausible_date, validate_rectification_deadline
from services.files.models import CaseFile
from services.reference.validators import PEOPLE_MAX, name_validators, text_validators


class MemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="expert.full_name")

    class Meta:
        model = AssessmentMember
        fields = ["expert", "name", "is_leader", "appointed_on"]


class StageSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssessmentStage
        fields = ["round_number", "kind", "held_on", "attendees", "minutes", "unit_opinion"]


class EntrySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="item.name")
    max_points = serializers.DecimalField(source="item.max_points", max_digits=5, decimal_places=1)

    class Meta:
        model = ScoreEntry
        fields = ["item", "name", "max_points", "points"]


class SheetSerializer(serializers.ModelSerializer):
    entries = EntrySerializer(many=True)
    template_version = serializers.CharField(source="template.version")

    class Meta:
        model = ScoreSheet
        fields = ["round_number", "template_version", "total", "passed", "recorded_on", "entries"]


class NoticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = RectificationNotice
        fields = ["number", "issued_on", "deadline", "requirements"]


class AcceptanceApplicationSerializer(serializers.ModelSerializer):
    members = MemberSerializer(many=True, read_only=True)
    stages = StageSerializer(many=True, read_only=True)
    score_sheets = SheetSerializer(many=True, read_only=True)
    notice = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = AcceptanceApplication
        fields = [
            "id",
            "centre",
            "status",
            "status_display",
            "written_application",
            "summary_report",
            "follow_up_plan",
            "submitted_on",
            "rectification_deadline",
            "decided_on",
            "members",
            "stages",
            "score_sheets",
            "notice",
            "files",
        ]
        read_only_fields = fields

    def get_notice(self, application) -> dict | None:
        notice = RectificationNotice.objects.filter(application=application).first()
        return NoticeSerializer(notice).data if notice else None

    def get_files(self, application) -> list[dict]:
        return FileSerializer(CaseFile.for_object(application), many=True).data


class ApplyInput(serializers.Serializer):
    centre = serializers.IntegerField()
    written_application = serializers.CharField(validators=text_validators())
    summary_report = serializers.CharField(validators=text_validators())
    follow_up_plan = serializers.CharField(validators=text_validators())


class AppointInput(serializers.Serializer):
    experts = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), many=True)
    leader = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    declared_conflicts = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), many=True, default=list
    )


class StageInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=StageKind.choices)
    held_on = serializers.DateField(validators=[validate_plausible_date])
    attendees = serializers.CharField(validators=name_validators(PEOPLE_MAX))
    minutes = serializers.CharField(validators=text_validators())
    unit_opinion = serializers.CharField(
        required=False, allow_blank=True, default="", validators=text_validators()
    )


class ScoresInput(serializers.Serializer):
    points = serializers.DictField(
        child=serializers.CharField(), help_text="考核项 id → 得分（字符串，最多一位小数）"
    )


class NoticeInput(serializers.Serializer):
    deadline = serializers.DateField(validators=[validate_rectification_deadline])
    requirements = serializers.CharField(validators=text_validators())


class RectificationInput(serializers.Serializer):
    body = serializers.CharField(validators=text_validators())


class Empty(serializers.Serializer):
    pass


class AcceptanceViewSet(viewsets.ReadOnlyModelViewSet):
    """Acceptance cases the user may see: commission, the district's bureau (read-only), the unit, the
    assessment group."""

    permission_classes = [IsAuthenticated]
    serializer_class = AcceptanceApplicationSerializer

    def get_queryset(self):
        return (
            AcceptanceApplication.objects.visible_to(self.request.user)
            .select_related("centre")
            .order_by("pk")
        )

    def _run(self, build, input_class=None, status_code=status.HTTP_200_OK):
        record = self.get_object()  # the path's object first: an unknown id is 404 whatever the body
        gates.require_allowed(self.request.user, record, self.action)
        kwargs = {}
        if input_class is not None:
            data = input_class(data=self.request.data)
            data.is_valid(raise_exception=True)
            kwargs = data.validated_data
        try:
            build(record, **kwargs).run()
        except ValueError as error:  # a number or date the serializer let through; refusals: the handler
            return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
        application = path_object(self, self.get_queryset())
        return Response(AcceptanceApplicationSerializer(application).data, status=status_code)

    @extend_schema(
        request=ApplyInput,
        responses={201: AcceptanceApplicationSerializer, 400: RefusalSerializer, 404: RefusalSerializer},
    )
    def create(self, request):
        """R-21: apply for acceptance (the three materials as text; files through the service hall)."""
        data = ApplyInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        centre = centres_visible_to(request.user).filter(pk=values.pop("centre")).first()
        if centre is None:
            return Response({"detail": "中心不存在或您无权查看。"}, status=status.HTTP_404_NOT_FOUND)
        role_gates.require_unit_member(request.user, centre, "申请验收")
        application = actions.ApplyForAcceptance(request.user, centre, texts=values).run()
        return Response(AcceptanceApplicationSerializer(application).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=AppointInput, responses={200: AcceptanceApplicationSerializer, 400: RefusalSerializer}
    )
    @action(detail=True, methods=["post"])
    def appoint(self, request, pk=None):
        """R-24: appoint the assessment group with one leader."""
        return self._run(lambda record, **kw: actions.AppointGroup(request.user, record, **kw), AppointInput)

    @extend_schema(
        request=StageInput, responses={200: AcceptanceApplicationSerializer, 400: RefusalSerializer}
    )
    @action(detail=True, methods=["post"])
    def stages(self, request, pk=None):
        """R-24: record the next stage of the current round."""
        return self._run(lambda record, **kw: actions.RecordStage(request.user, record, **kw), StageInput)

    @extend_schema(
        request=ScoresInput, responses={200: AcceptanceApplicationSerializer, 400: RefusalSerializer}
    )
    @action(detail=True, methods=["post"])
    def scores(self, request, pk=None):
        """R-25: the round's score sheet against the case's template version."""
        return self._run(lambda record, **kw: actions.RecordScores(request.user, record, **kw), ScoresInput)

    @extend_schema(request=Empty, responses={200: AcceptanceApplicationSerializer, 400: RefusalSerializer})
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        """R-25, R-26: the outcome of the round from its score."""
        return self._run(lambda record: actions.Conclude(request.user, record))

    @extend_schema(
        request=RectificationInput, responses={200: AcceptanceApplicationSerializer, 400: RefusalSerializer}
    )
    @action(detail=True, methods=["post"])
    def rectification(self, request, pk=None):
        """R-25, R-26: the unit reports its rectification result by the deadline."""
        return self._run(
            lambda record, **kw: actions.ReportRectification(request.user, record, **kw),
            RectificationInput,
        )

    @extend_schema(request=Empty, responses={200: AcceptanceApplicationSerializer, 400: RefusalSerializer})
    @action(detail=True, methods=["post"])
    def reassess(self, request, pk=None):
        """R-25, R-26: after the deadline without a report, the commission assesses."""
        return self._run(lambda record: actions.StartReassessment(request.user, record))

    @extend_schema(
        request=NoticeInput, responses={200: AcceptanceApplicationSerializer, 400: RefusalSerializer}
    )
    @action(detail=True, methods=["post"])
    def notice(self, request, pk=None):
        """R-26: issue the rectification notice (deadline ≤ 1 year)."""
        return self._run(lambda record, **kw: actions.IssueNotice(request.user, record, **kw), NoticeInput)

    @extend_schema(
        request=ReasonInput, responses={200: AcceptanceApplicationSerializer, 400: RefusalSerializer}
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """R-26: a leader cancels the construction qualification after a failed rectification."""
        return self._run(
            lambda record, **kw: actions.CancelConstruction(request.user, record, **kw), ReasonInput
        )

    @extend_schema(request=Empty, responses={200: AcceptanceApplicationSerializer, 400: RefusalSerializer})
    @action(detail=True, methods=["post"])
    def establish(self, request, pk=None):
        """R-27: a leader agrees to establish the centre; its public page is published."""
        return self._run(lambda record: actions.Establish(request.user, record))
