from rest_framework import serializers

from services.applications.models import (
    Application,
    ApplicationPartner,
    ConditionDeclaration,
    CorrectionRequest,
)
from services.deadlines.plausibility import validate_plausible_date
from services.reference.models import KeyField
from services.reference.validators import SHORT_TEXT_MAX, text_validators


class PartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApplicationPartner
        fields = ["id", "organisation", "name", "credit_code", "responsibility"]
        read_only_fields = ["organisation"]


class ConditionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConditionDeclaration
        fields = ["code", "meets", "explanation"]


class CorrectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CorrectionRequest
        fields = ["round_number", "items", "requested_at", "answered_at"]


class ApplicationSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    status_label = serializers.CharField(read_only=True)
    key_fields = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=KeyField.objects.all(), required=False
    )
    partners = PartnerSerializer(many=True, read_only=True)
    conditions = ConditionSerializer(many=True, read_only=True)
    corrections = CorrectionSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "case_number",
            "organisation",
            "organisation_name",
            "district",
            "status",
            "status_label",
            "centre_name",
            "unit_profile",
            "contact_name",
            "contact_phone",
            "is_joint_build",
            "key_fields",
            "construction_basis",
            "goals",
            "tasks",
            "organisation_management",
            "partners",
            "conditions",
            "corrections",
            "declared_at",
            "submitted_at",
            "decided_at",
            "rejection_reasons",
            "centre",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "case_number",
            "organisation",
            "district",
            "status",
            "declared_at",
            "submitted_at",
            "decided_at",
            "rejection_reasons",
            "centre",
        ]


class ConditionInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=20)
    meets = serializers.BooleanField(allow_null=True)
    explanation = serializers.CharField(
        allow_blank=True, required=False, default="", validators=text_validators()
    )


class FileUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    purpose = serializers.CharField(max_length=60, help_text="attachment 或 condition:<条件代码>")


class DeclarationSerializer(serializers.Serializer):
    declaration_accepted = serializers.BooleanField(help_text="确认申报声明（R-03）")


class ReturnSerializer(serializers.Serializer):
    items = serializers.ListField(
        child=serializers.CharField(validators=text_validators(SHORT_TEXT_MAX)),
        max_length=100,
        help_text="一次性列明的全部补正事项（R-10）",
    )


class StartReviewSerializer(serializers.Serializer):
    template_version = serializers.IntegerField(required=False, allow_null=True)


class ApproveSerializer(serializers.Serializer):
    targets = serializers.CharField(validators=text_validators())
    tasks = serializers.CharField(validators=text_validators())
    construction_end = serializers.DateField(
        required=False, allow_null=True, validators=[validate_plausible_date]
    )
    reply_letter = serializers.CharField(required=False, allow_blank=True, validators=text_validators())


class RejectSerializer(serializers.Serializer):
    reasons = serializers.CharField(validators=text_validators())


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False, allow_blank=True, validators=text_validators(SHORT_TEXT_MAX)
    )


class TimelineStepSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    role = serializers.CharField()
    wording = serializers.CharField()
    status = serializers.CharField()
    action = serializers.CharField(help_text="操作（中文）")
    text = serializers.CharField(help_text="办件记录（中文），如“提交申报：草稿 → 已提交”")
