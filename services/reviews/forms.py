from django import forms

from services.deadlines.plausibility import validate_plausible_date
from services.reference.validators import text_validators
from services.reviews.actions import REPORT_REQUIRED_ON_SUBMISSION
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

    def __init__(self, *args, **kwargs):
        """A draft may be saved with any field empty; the fields that submission needs (R-13) are not
        marked （选填）, so the leader is not told a field is optional and then asked for it."""
        super().__init__(*args, **kwargs)
        for name in REPORT_REQUIRED_ON_SUBMISSION:
            self.fields[name].required_on_submission = True


class ConflictForm(forms.Form):
    declaration = forms.CharField(
        label="利益冲突情形",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请说明利益冲突的情形。"},
        validators=text_validators(),
    )
