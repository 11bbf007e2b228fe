"""The supervision API's shapes: what each record kind answers (output) and what it parses (input).
Parsing only: the actions decide and word what is refused."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from services.deadlines.plausibility import (
    validate_effective_date,
    validate_plausible_date,
    validate_rectification_deadline,
)
from services.reference.validators import name_validators, text_validators
from services.supervision.constants import (
    INSPECTORS_MAX,
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
    summary = serializers.CharField(
        required=False, allow_blank=True, default="", validators=text_validators()
    )
    services_provided = serializers.CharField(
        required=False, allow_blank=True, default="", validators=text_validators()
    )
    files = FILES


class ChangeReportInput(serializers.Serializer):
    centre = VisibleCentreField(required=False, allow_null=True)
    category = serializers.ChoiceField(
        choices=ChangeCategory.choices, required=False, allow_blank=True, default=""
    )
    description = serializers.CharField(
        required=False, allow_blank=True, default="", validators=text_validators()
    )
    effective_on = serializers.DateField(
        required=False, allow_null=True, error_messages=DATE_ERR, validators=[validate_effective_date]
    )
    files = FILES


class InspectionInput(serializers.Serializer):
    centre = VisibleCentreField(required=False, allow_null=True)
    inspected_on = serializers.DateField(
        required=False, allow_null=True, error_messages=DATE_ERR, validators=[validate_plausible_date]
    )
    inspectors = serializers.CharField(
        required=False, allow_blank=True, default="", validators=name_validators(INSPECTORS_MAX)
    )
    items_checked = serializers.CharField(
        required=False, allow_blank=True, default="", validators=text_validators()
    )
    findings = serializers.CharField(
        required=False, allow_blank=True, default="", validators=text_validators()
    )
    conclusion = serializers.ChoiceField(
        choices=Conclusion.choices, required=False, allow_blank=True, default=""
    )
    files = FILES


class UnannouncedInput(serializers.Serializer):
    centre = VisibleCentreField(required=False, allow_null=True)
    inspected_on = serializers.DateField(
        required=False, allow_null=True, error_messages=DATE_ERR, validators=[validate_plausible_date]
    )
    experts = ExpertsField(many=True, required=False, default=list)


class FindingsInput(serializers.Serializer):
    inspectors = serializers.CharField(
        required=False, allow_blank=True, default="", validators=name_validators(INSPECTORS_MAX)
    )
    findings = serializers.CharField(
        required=False, allow_blank=True, default="", validators=text_validators()
    )
    conclusion = serializers.ChoiceField(
        choices=Conclusion.choices, required=False, allow_blank=True, default=""
    )
    files = FILES


class SupervisionRectificationInput(serializers.Serializer):
    requirements = serializers.CharField(
        required=False, allow_blank=True, default="", validators=text_validators()
    )
    deadline = serializers.DateField(
        required=False, allow_null=True, error_messages=DATE_ERR, validators=[validate_rectification_deadline]
    )


class FollowUpInput(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=FollowUpOutcome.choices, required=False, allow_blank=True, default=""
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", validators=text_validators())
    files = FILES


class ReexaminationInput(serializers.Serializer):
    centre = VisibleCentreField(required=False, allow_null=True)
    scheduled_on = serializers.DateField(
        required=False, allow_null=True, error_messages=DATE_ERR, validators=[validate_plausible_date]
    )
    experts = ExpertsField(many=True, required=False, default=list)


class OutcomeInput(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=ReexaminationOutcome.choices, required=False, allow_blank=True, default=""
    )
    notes = serializers.CharField(required=False, allow_blank=True, default="", validators=text_validators())
    requirements = serializers.CharField(
        required=False, allow_blank=True, default="", validators=text_validators()
    )
    deadline = serializers.DateField(
        required=False, allow_null=True, error_messages=DATE_ERR, validators=[validate_rectification_deadline]
    )


class RevocationInput(serializers.Serializer):
    article = serializers.ChoiceField(
        choices=RevocationArticle.choices, required=False, allow_blank=True, default=""
    )
    reasons = serializers.CharField(
        required=False, allow_blank=True, default="", validators=text_validators()
    )
