from django import forms

from services.deadlines.plausibility import validate_plausible_date
from services.reference.validators import TITLE_MAX, name_validators, text_validators


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


DATE = forms.DateInput(attrs={"type": "date"})
ERRORS = {"required": "此项为必填项。", "invalid": "请输入有效的日期（年-月-日）。"}


class MajorReportForm(forms.Form):
    title = forms.CharField(label="标题", error_messages=ERRORS, validators=name_validators(TITLE_MAX))
    body = forms.CharField(
        label="报告内容", widget=forms.Textarea, error_messages=ERRORS, validators=text_validators()
    )
    files = MultipleFileField(label="附件")


class ExtensionRequestForm(forms.Form):
    reason = forms.CharField(
        label="延期原因", widget=forms.Textarea, error_messages=ERRORS, validators=text_validators()
    )
    proposed_assessment_on = forms.DateField(
        label="拟延期考核时间", widget=DATE, error_messages=ERRORS, validators=[validate_plausible_date]
    )
    files = MultipleFileField(label="附件")


class ExtensionDecisionForm(forms.Form):
    decision = forms.ChoiceField(label="审核结果", choices=[("approve", "同意"), ("refuse", "不同意")])
    new_end = forms.DateField(
        label="同意延期至",
        widget=DATE,
        required=False,
        error_messages=ERRORS,
        validators=[validate_plausible_date],
    )
    reason = forms.CharField(
        label="审核意见", widget=forms.Textarea, required=False, validators=text_validators()
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="理由", widget=forms.Textarea, error_messages=ERRORS, validators=text_validators()
    )
