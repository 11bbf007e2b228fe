"""One form per section of the application (annex 1). Drafts save whatever is filled; formats are checked
on every save, completeness (R-02 … R-04) on submission."""

import re

from django import forms
from django.core.exceptions import ValidationError

from accounts.models import Organisation, validate_credit_code
from services.applications.constants import DECLARATION_TEXT, Condition, Section
from services.applications.models import Application
from services.files.service import FileRefused, check_upload
from services.reference.models import KeyField

PHONE = re.compile(r"^[0-9+\-() ]{7,20}$")


def checked_file(uploaded):
    if uploaded:
        try:
            check_upload(uploaded)
        except FileRefused as exc:
            raise ValidationError(str(exc)) from exc
    return uploaded


class BasicForm(forms.ModelForm):
    key_fields = forms.ModelMultipleChoiceField(
        label="重点领域（可多选）",
        queryset=KeyField.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Application
        fields = [
            "centre_name",
            "unit_profile",
            "contact_name",
            "contact_phone",
            "is_joint_build",
            "key_fields",
        ]
        widgets = {"unit_profile": forms.Textarea(attrs={"rows": 6})}

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        if phone and not PHONE.match(phone):
            raise ValidationError("联系电话格式不正确。")
        return phone


class BasisForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["construction_basis"]
        widgets = {"construction_basis": forms.Textarea(attrs={"rows": 12})}


class GoalsForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["goals", "tasks"]
        widgets = {"goals": forms.Textarea(attrs={"rows": 8}), "tasks": forms.Textarea(attrs={"rows": 8})}


class ManagementForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["organisation_management"]
        widgets = {"organisation_management": forms.Textarea(attrs={"rows": 10})}


class PartnerForm(forms.Form):
    """Adds one partner unit of a joint build (R-03); a registered unit is linked by its credit code."""

    name = forms.CharField(label="单位名称", max_length=100)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18, validators=[validate_credit_code])
    responsibility = forms.CharField(
        label="承担的建设任务", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, application=None, **kwargs):
        self.application = application
        super().__init__(*args, **kwargs)

    def clean_credit_code(self):
        code = self.cleaned_data["credit_code"].strip().upper()
        if self.application is not None:
            if code == self.application.organisation.credit_code:
                raise ValidationError("联合建设单位不能是申请单位本身。")
            if self.application.partners.filter(credit_code=code).exists():
                raise ValidationError("该单位已在联合建设单位中。")
        return code

    def registered_organisation(self):
        return Organisation.objects.filter(credit_code=self.cleaned_data["credit_code"]).first()


MEETS_CHOICES = [("", "未声明"), ("yes", "符合"), ("no", "不符合")]


class ConditionsForm(forms.Form):
    """R-02: a declaration, an explanation and supporting files for each of the six conditions."""

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        declared = application.condition_map() if application else {}
        for code, label in Condition.choices:
            current = declared.get(code)
            meets = "" if current is None or current.meets is None else ("yes" if current.meets else "no")
            self.fields[f"{code}_meets"] = forms.ChoiceField(
                label=label, choices=MEETS_CHOICES, required=False, initial=meets, widget=forms.RadioSelect
            )
            self.fields[f"{code}_explanation"] = forms.CharField(
                label="说明",
                required=False,
                initial=current.explanation if current else "",
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"{code}_file"] = forms.FileField(label="证明材料", required=False)

    def clean(self):
        cleaned = super().clean()
        for code in Condition.values:
            try:
                checked_file(cleaned.get(f"{code}_file"))
            except ValidationError as exc:
                self.add_error(f"{code}_file", exc)
        return cleaned

    def groups(self):
        return [
            (label, self[f"{code}_meets"], self[f"{code}_explanation"], self[f"{code}_file"], code)
            for code, label in Condition.choices
        ]


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件", required=False)
    title = forms.CharField(label="附件名称", max_length=100, required=False)

    def clean_file(self):
        return checked_file(self.cleaned_data.get("file"))


SECTION_FORMS = {
    Section.BASIC: BasicForm,
    Section.BASIS: BasisForm,
    Section.GOALS: GoalsForm,
    Section.MANAGEMENT: ManagementForm,
    Section.PARTNERS: PartnerForm,
    Section.CONDITIONS: ConditionsForm,
    Section.ATTACHMENTS: AttachmentForm,
}


class SubmitForm(forms.Form):
    declaration_accepted = forms.BooleanField(
        label=DECLARATION_TEXT, required=True, error_messages={"required": "须勾选确认申报声明。"}
    )


class ReturnForm(forms.Form):
    items = forms.CharField(
        label="需补正事项（每行一项，一次性列明）",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "须一次性列明全部需补正事项。"},
    )


class StartReviewForm(forms.Form):
    template_version = forms.ModelChoiceField(label="评分模板版本", queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from services.applications import review_stage

        self.fields["template_version"].queryset = review_stage.stage().scoring_templates()


class ApproveForm(forms.Form):
    targets = forms.CharField(label="建设目标", widget=forms.Textarea(attrs={"rows": 5}))
    tasks = forms.CharField(label="主要任务", widget=forms.Textarea(attrs={"rows": 5}))
    construction_end = forms.DateField(
        label="筹建期限届满日",
        required=False,
        help_text="不填则为批准之日起3年；可设更短期限。",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reply_letter = forms.CharField(
        label="函复内容",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="不填则使用标准函复文本。",
    )


class RejectForm(forms.Form):
    reasons = forms.CharField(label="不予批准理由（申请单位可见）", widget=forms.Textarea(attrs={"rows": 5}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回原因", required=False, widget=forms.Textarea(attrs={"rows": 3}))
