from django import forms

from services.deadlines.plausibility import validate_plausible_date
from services.reference.validators import text_validators
from services.reviews.constants import Recommendation


class ReportForm(forms.Form):
    document_review_on = forms.DateField(
        label="材料审查日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_plausible_date],
    )
    document_review_findings = forms.CharField(
        label="材料审查意见", required=False, widget=forms.Textarea, validators=text_validators()
    )
    site_visit_on = forms.DateField(
        label="实地核查日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_plausible_date],
    )
    site_visit_findings = forms.CharField(
        label="实地核查意见", required=False, widget=forms.Textarea, validators=text_validators()
    )
    opinion = forms.CharField(
        label="专家组意见", required=False, widget=forms.Textarea, validators=text_validators()
    )
    recommendation = forms.ChoiceField(
        label="评审建议", required=False, choices=[("", "请选择"), *Recommendation.choices]
    )
    override_score = forms.DecimalField(
        label="调整后的专家组评分（不调整则留空）",
        required=False,
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
    )
    override_reason = forms.CharField(
        label="调整理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=text_validators(),
    )


class ConflictForm(forms.Form):
    declaration = forms.CharField(
        label="利益冲突情形",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请说明利益冲突的情形。"},
        validators=text_validators(),
    )
