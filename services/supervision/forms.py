"""Forms parse input only; the actions decide (and word) what is refused. Messages are Chinese."""

from django import forms

from accounts.constants import Role
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

DATE = forms.DateInput(attrs={"type": "date"})
DATE_ERRORS = {"invalid": "请输入正确的日期（如 2026-11-15）。"}
CHOICE_ERRORS = {"invalid_choice": "请选择列表中的选项。", "invalid_pk_value": "请选择列表中的选项。"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class CentreField(forms.ModelChoiceField):
    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "计量数据中心")
        kwargs.setdefault("error_messages", {"invalid_choice": "所选中心不存在或不在您的监管范围内。"})
        super().__init__(queryset, **kwargs)


class AnnualReportForm(forms.Form):
    centre = CentreField(queryset=None)
    year = forms.IntegerField(
        label="报告年度", required=False, error_messages={"invalid": "请输入年度，如 2026。"}
    )
    summary = forms.CharField(
        label="年度工作总结", widget=forms.Textarea, required=False, validators=text_validators()
    )
    services_provided = forms.CharField(
        label="服务开展情况", widget=forms.Textarea, required=False, validators=text_validators()
    )
    files = MultipleFileField(label="附件（总结报告正文等）")

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres


class ChangeReportForm(forms.Form):
    centre = CentreField(queryset=None)
    category = forms.ChoiceField(
        label="变更事项", choices=ChangeCategory.choices, required=False, error_messages=CHOICE_ERRORS
    )
    description = forms.CharField(
        label="变更说明", widget=forms.Textarea, required=False, validators=text_validators()
    )
    effective_on = forms.DateField(
        label="变更生效日期",
        widget=DATE,
        required=False,
        error_messages=DATE_ERRORS,
        validators=[validate_effective_date],
    )
    files = MultipleFileField(label="附件")

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres


class InspectionForm(forms.Form):
    centre = CentreField(queryset=None)
    inspected_on = forms.DateField(
        label="检查日期",
        widget=DATE,
        required=False,
        error_messages=DATE_ERRORS,
        validators=[validate_plausible_date],
    )
    inspectors = forms.CharField(label="检查人员", required=False, validators=name_validators(INSPECTORS_MAX))
    items_checked = forms.CharField(
        label="检查事项", widget=forms.Textarea, required=False, validators=text_validators()
    )
    findings = forms.CharField(
        label="检查发现", widget=forms.Textarea, required=False, validators=text_validators()
    )
    conclusion = forms.ChoiceField(
        label="检查结论", choices=Conclusion.choices, required=False, error_messages=CHOICE_ERRORS
    )
    files = MultipleFileField(label="现场照片及材料")

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres


def experts_queryset():
    return User.objects.filter(groups__name=Role.EXPERT, is_active=True).distinct().order_by("full_name")


def visit_date(label):
    return forms.DateField(
        label=label,
        widget=DATE,
        required=False,
        error_messages=DATE_ERRORS,
        validators=[validate_plausible_date],
    )


class ExpertVisitForm(forms.Form):
    """A visit to a centre by a group of experts: a 不定期抽查 or a 五年复查 (its date field added below)."""

    centre = CentreField(queryset=None)
    experts = forms.ModelMultipleChoiceField(
        label="专家组成员",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
        self.fields["experts"].queryset = experts_queryset()


class UnannouncedInspectionForm(ExpertVisitForm):
    inspected_on = visit_date("抽查日期")
    field_order = ["centre", "inspected_on", "experts"]


class FindingsForm(forms.Form):
    inspectors = forms.CharField(label="检查人员", required=False, validators=name_validators(INSPECTORS_MAX))
    findings = forms.CharField(
        label="检查发现（运行情况、服务能力提升情况、服务产业发展情况）",
        widget=forms.Textarea,
        required=False,
        validators=text_validators(),
    )
    conclusion = forms.ChoiceField(
        label="检查结论", choices=Conclusion.choices, required=False, error_messages=CHOICE_ERRORS
    )
    files = MultipleFileField(label="现场照片及材料")


class RectificationForm(forms.Form):
    requirements = forms.CharField(
        label="整改要求", widget=forms.Textarea, required=False, validators=text_validators()
    )
    deadline = forms.DateField(
        label="整改期限",
        widget=DATE,
        required=False,
        error_messages=DATE_ERRORS,
        validators=[validate_rectification_deadline],
    )


class FollowUpForm(forms.Form):
    outcome = forms.ChoiceField(
        label="跟踪结果", choices=FollowUpOutcome.choices, required=False, error_messages=CHOICE_ERRORS
    )
    note = forms.CharField(
        label="跟踪情况", widget=forms.Textarea, required=False, validators=text_validators()
    )
    files = MultipleFileField(label="附件")


class ReexaminationForm(ExpertVisitForm):
    scheduled_on = visit_date("复查日期")
    field_order = ["centre", "scheduled_on", "experts"]


class ReexaminationOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="复查结论", choices=ReexaminationOutcome.choices, required=False, error_messages=CHOICE_ERRORS
    )
    notes = forms.CharField(
        label="复查意见", widget=forms.Textarea, required=False, validators=text_validators()
    )
    requirements = forms.CharField(
        label="整改要求（限期整改时填写）",
        widget=forms.Textarea,
        required=False,
        validators=text_validators(),
    )
    deadline = forms.DateField(
        label="整改期限（限期整改时填写）",
        widget=DATE,
        required=False,
        error_messages=DATE_ERRORS,
        validators=[validate_rectification_deadline],
    )


class RevocationForm(forms.Form):
    article = forms.ChoiceField(
        label="依据条款", choices=RevocationArticle.choices, required=False, error_messages=CHOICE_ERRORS
    )
    reasons = forms.CharField(
        label="撤销理由", widget=forms.Textarea, required=False, validators=text_validators()
    )
