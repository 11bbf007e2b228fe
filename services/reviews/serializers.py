from rest_framework import serializers

from services.deadlines.plausibility import validate_plausible_date
from services.reference.validators import text_validators
from services.reviews.constants import Recommendation
from services.reviews.models import ItemScore, PanelMember, PanelRecusal, ReviewReport, ScoreSheet


class ItemScoreSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="item.title", read_only=True)
    max_points = serializers.DecimalField(
        source="item.max_points", max_digits=5, decimal_places=1, read_only=True
    )

    class Meta:
        model = ItemScore
        fields = ["item", "title", "max_points", "score", "comment"]


class ScoreSheetSerializer(serializers.ModelSerializer):
    scores = ItemScoreSerializer(many=True, read_only=True)
    total = serializers.DecimalField(max_digits=6, decimal_places=1, read_only=True)
    application = serializers.IntegerField(source="panel.application_id", read_only=True)

    class Meta:
        model = ScoreSheet
        fields = [
            "id",
            "application",
            "expert",
            "template_version",
            "status",
            "overall_comment",
            "submitted_at",
            "total",
            "scores",
        ]


class ReviewReportSerializer(serializers.ModelSerializer):
    panel_score = serializers.DecimalField(max_digits=5, decimal_places=2, read_only=True)
    application = serializers.IntegerField(source="panel.application_id", read_only=True)

    class Meta:
        model = ReviewReport
        fields = [
            "id",
            "application",
            "author",
            "status",
            "document_review_on",
            "document_review_findings",
            "site_visit_on",
            "site_visit_findings",
            "opinion",
            "recommendation",
            "mean_score",
            "override_score",
            "override_reason",
            "panel_score",
            "submitted_at",
        ]


class PanelMemberInputSerializer(serializers.Serializer):
    expert = serializers.IntegerField(help_text="专家的用户 id")
    is_leader = serializers.BooleanField(default=False)
    declared_conflict = serializers.BooleanField(default=False)
    declaration = serializers.CharField(
        required=False, allow_blank=True, default="", validators=text_validators()
    )


class PanelMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = PanelMember
        fields = ["id", "expert", "is_leader", "added_at"]


class RecusalSerializer(serializers.ModelSerializer):
    class Meta:
        model = PanelRecusal
        fields = ["id", "expert", "reason", "declared_conflict", "declaration", "recorded_at"]


class ConflictInputSerializer(serializers.Serializer):
    declaration = serializers.CharField(validators=text_validators())


class SheetInputSerializer(serializers.Serializer):
    scores = serializers.DictField(
        child=serializers.CharField(allow_blank=True), help_text="{评分项id: 得分}"
    )
    comments = serializers.DictField(
        child=serializers.CharField(allow_blank=True, validators=text_validators()),
        required=False,
        default=dict,
    )
    overall_comment = serializers.CharField(
        required=False, allow_blank=True, default="", validators=text_validators()
    )
    submit = serializers.BooleanField(default=False)


class ReportInputSerializer(serializers.Serializer):
    document_review_on = serializers.DateField(
        required=False, allow_null=True, validators=[validate_plausible_date]
    )
    document_review_findings = serializers.CharField(
        required=False, allow_blank=True, validators=text_validators()
    )
    site_visit_on = serializers.DateField(
        required=False, allow_null=True, validators=[validate_plausible_date]
    )
    site_visit_findings = serializers.CharField(
        required=False, allow_blank=True, validators=text_validators()
    )
    opinion = serializers.CharField(required=False, allow_blank=True, validators=text_validators())
    recommendation = serializers.ChoiceField(choices=Recommendation.choices, required=False, allow_blank=True)
    override_score = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, allow_null=True)
    override_reason = serializers.CharField(required=False, allow_blank=True, validators=text_validators())
    submit = serializers.BooleanField(default=False)
