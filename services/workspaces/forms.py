"""The expert registry's form: every message in Chinese, nothing typed lost on an error."""

from django import forms

from services.reference.forms import CreditCodeField
from services.reference.models import KeyField
from services.reference.validators import validate_no_format_characters, validate_phone

REQUIRED = {"required": "请填写此项。"}


class ExpertForm(forms.Form):
    full_name = forms.CharField(
        label="姓名", max_length=50, error_messages=REQUIRED, validators=[validate_no_format_characters]
    )
    username = forms.RegexField(
        label="登录账号",
        regex=r"^[A-Za-z0-9_.-]{3,40}$",
        help_text="3至40位字母、数字、点、下划线或连字符，例如 expert.zhang。",
        error_messages={**REQUIRED, "invalid": "登录账号只能由3至40位字母、数字、点、下划线或连字符组成。"},
    )
    email = forms.EmailField(
        label="电子邮箱",
        max_length=254,
        help_text="邀请函发送到此邮箱。",
        error_messages={**REQUIRED, "invalid": "请输入有效的电子邮箱地址，例如 name@example.cn。"},
    )
    phone = forms.CharField(
        label="联系电话（选填）", max_length=20, required=False, validators=[validate_phone]
    )
    title = forms.CharField(
        label="职称", max_length=50, error_messages=REQUIRED, validators=[validate_no_format_characters]
    )
    employer_name = forms.CharField(
        label="工作单位", max_length=100, error_messages=REQUIRED, validators=[validate_no_format_characters]
    )
    employer_credit_code = CreditCodeField(
        label="工作单位统一社会信用代码",
        help_text="18位。与申请单位相同的，该专家在该单位的案件中须回避（R-11）。",
        error_messages=REQUIRED,
    )
    key_fields = forms.ModelMultipleChoiceField(
        label="专业领域",
        queryset=KeyField.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一个专业领域。", "invalid_choice": "所选专业领域不存在。"},
    )
    is_available = forms.BooleanField(label="在库可选派", required=False, initial=True)

    def __init__(self, *args, expert=None, **kwargs):
        self.expert = expert
        super().__init__(*args, **kwargs)
        if expert is not None:
            self.fields["username"].disabled = True
            self.fields["username"].required = False

    @classmethod
    def initial_for(cls, expert) -> dict:
        profile = expert.expert
        return {
            "full_name": expert.full_name,
            "username": expert.username,
            "email": expert.email,
            "phone": expert.phone,
            "title": profile.title,
            "employer_name": profile.employer_name,
            "employer_credit_code": profile.employer_credit_code,
            "key_fields": list(profile.key_fields.all()),
            "is_available": profile.is_available,
        }
