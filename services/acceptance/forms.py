from django import forms

from accounts.constants import Role
from accounts.models import User
from services.acceptance.constants import StageKind
from services.construction.forms import DATE, ERRORS, MultipleFileField
from services.deadlines.plausibility import validate_plausible_date, validate_rectification_deadline
from services.reference.validators import (
    PEOPLE_MAX,
    name_validators,
    text_validators,
    validate_no_format_characters,
)

TITLE_HINT = "给本次上传的附件起一个名称，不填则显示原文件名。"
TITLE_ERRORS = {"max_length": "附件名称不能超过100个字符。"}


def attachment_title(material: str) -> forms.CharField:
    """The optional name given to one material's attachments (used as the files' title)."""
    return forms.CharField(
        label=f"{material}附件名称",
        max_length=100,
        required=False,
        help_text=TITLE_HINT,
        error_messages=TITLE_ERRORS,
        validators=[validate_no_format_characters],
    )


class AcceptanceApplicationForm(forms.Form):
    written_application = forms.CharField(
        label="书面验收申请", widget=forms.Textarea, error_messages=ERRORS, validators=text_validators()
    )
    written_application_files = MultipleFileField(label="书面验收申请（附件）")
    written_application_title = attachment_title("书面验收申请")
    summary_report = forms.CharField(
        label="筹建工作总结报告", widget=forms.Textarea, error_messages=ERRORS, validators=text_validators()
    )
    summary_report_files = MultipleFileField(label="筹建工作总结报告（附件）")
    summary_report_title = attachment_title("筹建工作总结报告")
    follow_up_plan = forms.CharField(
        label="后续建设规划", widget=forms.Textarea, error_messages=ERRORS, validators=text_validators()
    )
    follow_up_plan_files = MultipleFileField(label="后续建设规划（附件）")
    follow_up_plan_title = attachment_title("后续建设规划")

    def texts(self):
        return {k: self.cleaned_data[k] for k in ("written_application", "summary_report", "follow_up_plan")}

    def uploads(self):
        """The files of each material. (Not `files`: a bound form's `files` is its MultiValueDict.)"""
        keys = ("written_application", "summary_report", "follow_up_plan")
        return {k: self.cleaned_data[f"{k}_files"] for k in keys if self.cleaned_data[f"{k}_files"]}


class RectificationReportForm(forms.Form):
    body = forms.CharField(
        label="整改情况", widget=forms.Textarea, error_messages=ERRORS, validators=text_validators()
    )
    files = MultipleFileField(label="附件")


def experts():
    return User.objects.filter(groups__name=Role.EXPERT, is_active=True).distinct()


class AppointGroupForm(forms.Form):
    experts = forms.ModelMultipleChoiceField(label="考核组专家", queryset=User.objects.none())
    leader = forms.ModelChoiceField(label="组长", queryset=User.objects.none())
    declared_conflicts = forms.ModelMultipleChoiceField(
        label="已声明利益冲突的专家", queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("experts", "leader", "declared_conflicts"):
            self.fields[name].queryset = experts()


class StageForm(forms.Form):
    kind = forms.ChoiceField(label="阶段", choices=StageKind.choices)
    held_on = forms.DateField(
        label="日期", widget=DATE, error_messages=ERRORS, validators=[validate_plausible_date]
    )
    attendees = forms.CharField(
        label="参加人员", widget=forms.Textarea, error_messages=ERRORS, validators=name_validators(PEOPLE_MAX)
    )
    minutes = forms.CharField(
        label="会议纪要/核查记录", widget=forms.Textarea, error_messages=ERRORS, validators=text_validators()
    )
    unit_opinion = forms.CharField(
        label="被考核单位意见（末次会议）",
        widget=forms.Textarea,
        required=False,
        validators=text_validators(),
    )


class NoticeForm(forms.Form):
    deadline = forms.DateField(
        label="整改期限", widget=DATE, error_messages=ERRORS, validators=[validate_rectification_deadline]
    )
    requirements = forms.CharField(
        label="整改要求", widget=forms.Textarea, error_messages=ERRORS, validators=text_validators()
    )
