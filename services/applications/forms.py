"""One form per section of the application (annex 1). Drafts save whatever is filled; formats are checked
on every save, completeness (R-02 … R-04) on submission."""

from django import forms
from django.core.exceptions import ValidationError

from accounts.models import Organisation
from portal.form_rendering import NamedRequiredMessages
from services.applications import rules
from services.applications.constants import DECLARATION_TEXT, PARTNER_TEXT_MAX, Condition, Section
from services.applications.models import Application
from services.deadlines.plausibility import validate_plausible_date
from services.files.service import FileRefused, check_upload
from services.reference.forms import CreditCodeField
from services.reference.models import KeyField
from services.reference.validators import (
    SHORT_TEXT_MAX,
    name_validators,
    text_validators,
)


def checked_file(uploaded):
    if uploaded:
        try:
            check_upload(uploaded)
        except FileRefused as exc:
            raise ValidationError(str(exc)) from exc
    return uploaded


class LimitedTextMixin(NamedRequiredMessages):
    """Marks the answers that submission needs (R-02 … R-04) so that they do not show as 选填 in a draft.
    The free-text answers' maximum lengths are on the model fields (constants.TEXT_LIMITS): checked here
    and in the API alike, counted on the page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (*rules.REQUIRED_TEXT, "key_fields"):
            if name in self.fields:
                self.fields[name].required_on_submission = True


class BasicForm(LimitedTextMixin, forms.ModelForm):
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
        widgets = {
            "unit_profile": forms.Textarea(attrs={"rows": 6}),
            "contact_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        }
        help_texts = {
            "contact_phone": "11位手机号码，或带区号的固定电话，如022-23456789。",
            "is_joint_build": "由两家及以上单位联合建设的，勾选后在“联合建设单位”中逐一填写。",
        }

    def clean_contact_phone(self):
        return self.cleaned_data["contact_phone"].strip()  # checked by the model field's validate_phone


class BasisForm(LimitedTextMixin, forms.ModelForm):
    class Meta:
        model = Application
        fields = ["construction_basis"]
        widgets = {"construction_basis": forms.Textarea(attrs={"rows": 12})}


class GoalsForm(LimitedTextMixin, forms.ModelForm):
    class Meta:
        model = Application
        fields = ["goals", "tasks"]
        widgets = {"goals": forms.Textarea(attrs={"rows": 8}), "tasks": forms.Textarea(attrs={"rows": 8})}


class ManagementForm(LimitedTextMixin, forms.ModelForm):
    class Meta:
        model = Application
        fields = ["organisation_management"]
        widgets = {"organisation_management": forms.Textarea(attrs={"rows": 10})}


class PartnerForm(NamedRequiredMessages, forms.Form):
    """Adds one partner unit of a joint build (R-03); a registered unit is linked by its credit code."""

    name = forms.CharField(label="单位名称", validators=name_validators())
    credit_code = CreditCodeField(label="统一社会信用代码")
    responsibility = forms.CharField(
        label="承担的建设任务",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=text_validators(PARTNER_TEXT_MAX),
    )

    def __init__(self, *args, application=None, **kwargs):
        self.application = application
        super().__init__(*args, **kwargs)

    def clean_credit_code(self):
        code = self.cleaned_data["credit_code"]
        if self.application is not None:
            if code == self.application.organisation.credit_code:
                raise ValidationError("联合建设单位不能是申请单位本身。")
            if self.application.partners.filter(credit_code=code).exists():
                raise ValidationError("该单位已在联合建设单位中。")
        return code

    def is_empty(self) -> bool:
        """Nothing typed: 保存并继续 goes on without adding a partner."""
        return not any((self.data.get(self.add_prefix(name)) or "").strip() for name in self.fields)

    def registered_organisation(self):
        return Organisation.objects.filter(credit_code=self.cleaned_data["credit_code"]).first()


MEETS_CHOICES = [("", "未声明"), ("yes", "符合"), ("no", "不符合")]


class ConditionsForm(NamedRequiredMessages, forms.Form):
    """R-02: a declaration, an explanation and supporting files for each of the six conditions."""

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        declared = application.condition_map() if application else {}
        for code in Condition.values:
            current = declared.get(code)
            meets = "" if current is None or current.meets is None else ("yes" if current.meets else "no")
            self.fields[f"{code}_meets"] = forms.ChoiceField(
                label="是否符合",
                choices=MEETS_CHOICES,
                required=False,
                initial=meets,
                widget=forms.RadioSelect,
            )
            self.fields[f"{code}_explanation"] = forms.CharField(
                label="说明",
                required=False,
                initial=current.explanation if current else "",
                widget=forms.Textarea(attrs={"rows": 3}),
                validators=text_validators(),
            )
            self.fields[f"{code}_file"] = forms.FileField(
                label="上传证明材料",
                required=False,
                help_text="每项条件至少一份；已上传的无需重复上传。PDF、Office 文档、图片或其 ZIP 压缩包。",
            )
            for part in ("meets", "explanation", "file"):
                self.fields[f"{code}_{part}"].required_on_submission = True

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


class AttachmentForm(NamedRequiredMessages, forms.Form):
    """Adds one attachment with the title it is listed under (add another: one per save)."""

    title = forms.CharField(
        label="附件名称",
        required=False,
        help_text="例如：营业执照副本。不填则显示文件名。",
        validators=name_validators(),
    )
    file = forms.FileField(
        label="选择文件", required=False, help_text="PDF、Office 文档、图片或其 ZIP 压缩包。"
    )

    def clean_file(self):
        return checked_file(self.cleaned_data.get("file"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("title") and not cleaned.get("file") and "file" not in self.errors:
            self.add_error("file", "请选择与附件名称对应的文件。")
        return cleaned

    def is_empty(self) -> bool:
        return not (self.data.get("title") or "").strip() and not self.files.get("file")


SECTION_FORMS = {
    Section.BASIC: BasicForm,
    Section.BASIS: BasisForm,
    Section.GOALS: GoalsForm,
    Section.MANAGEMENT: ManagementForm,
    Section.PARTNERS: PartnerForm,
    Section.CONDITIONS: ConditionsForm,
    Section.ATTACHMENTS: AttachmentForm,
}


class SubmitForm(NamedRequiredMessages, forms.Form):
    declaration_accepted = forms.BooleanField(
        label=DECLARATION_TEXT, required=True, error_messages={"required": "须勾选确认申报声明。"}
    )


class ReturnForm(NamedRequiredMessages, forms.Form):
    items = forms.CharField(
        label="需补正事项（每行一项，一次性列明）",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "须一次性列明全部需补正事项。"},
        validators=text_validators(),
    )


class StartReviewForm(NamedRequiredMessages, forms.Form):
    template_version = forms.ModelChoiceField(label="评分模板版本", queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from services.applications import review_stage

        self.fields["template_version"].queryset = review_stage.stage().scoring_templates()


class ApproveForm(NamedRequiredMessages, forms.Form):
    targets = forms.CharField(
        label="建设目标", widget=forms.Textarea(attrs={"rows": 5}), validators=text_validators()
    )
    tasks = forms.CharField(
        label="主要任务", widget=forms.Textarea(attrs={"rows": 5}), validators=text_validators()
    )
    construction_end = forms.DateField(
        label="筹建期限届满日",
        required=False,
        help_text="不填则为批准之日起3年；可设更短期限。",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_plausible_date],
    )
    reply_letter = forms.CharField(
        label="函复内容",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="不填则使用标准函复文本。",
        validators=text_validators(),
    )


class RejectForm(NamedRequiredMessages, forms.Form):
    reasons = forms.CharField(
        label="不予批准理由（申请单位可见）",
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=text_validators(),
    )


class WithdrawForm(NamedRequiredMessages, forms.Form):
    reason = forms.CharField(
        label="撤回原因",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=text_validators(SHORT_TEXT_MAX),
    )
