from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from accounts.models import Organisation, User
from portal.form_rendering import NamedRequiredMessages
from services.reference.forms import CreditCodeField
from services.reference.validators import validate_mobile


class SignInForm(NamedRequiredMessages, AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确。连续失败5次，账户和IP地址将被锁定30分钟。",
        "inactive": "该账户尚未完成邮箱验证：请先点击注册邮件中的验证链接。没有收到邮件，可以重新发送验证链接。",
    }

    unverified_user = None

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            # Django's backends turn an inactive account away as if the password were wrong; with the right
            # password, say what is really missing (the e-mail verification) and offer a new link.
            user = User.objects.filter(username=self.cleaned_data.get("username"), is_active=False).first()
            if user is not None and user.check_password(self.cleaned_data.get("password") or ""):
                self.unverified_user = user
                raise forms.ValidationError(self.error_messages["inactive"], code="inactive") from None
            raise


class TokenForm(NamedRequiredMessages, forms.Form):
    """A 6-digit TOTP code from the authenticator app, or one 8-character backup code."""

    token = forms.CharField(
        label="动态验证码",
        max_length=16,
        help_text="输入认证器App显示的6位数字；手机不在身边时可输入一个备用验证码。",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip().replace(" ", "").lower()


class PersonForm(NamedRequiredMessages, forms.ModelForm):
    """The person registering a unit in the service hall; becomes the unit's administrator."""

    password1 = forms.CharField(
        label="密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="至少10个字符，不能是常见密码，不能与用户名、姓名或邮箱相似，不能全为数字。",
    )
    password2 = forms.CharField(
        label="确认密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "email", "phone"]
        labels = {"username": "用户名", "email": "电子邮箱"}
        help_texts = {"phone": "11位手机号码，用于接收办件短信通知。"}
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})}
        error_messages = {"username": {"unique": "该用户名已被使用，请换一个。"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("full_name", "email", "phone"):
            self.fields[name].required = True

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        validate_mobile(phone)
        return phone

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("该电子邮箱已注册。如忘记密码，请使用“找回密码”。")
        return email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "两次输入的密码不一致。")
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        password = self.cleaned_data.get("password1")
        if password:
            try:
                password_validation.validate_password(password, self.instance)
            except forms.ValidationError as error:
                self.add_error("password1", error)


class OrganisationForm(NamedRequiredMessages, forms.ModelForm):
    """R-01: the unit, with its unified social credit code."""

    class Meta:
        model = Organisation
        fields = [
            "name",
            "credit_code",
            "unit_type",
            "legal_status",
            "authorising_legal_person",
            "address",
            "district",
        ]
        field_classes = {"credit_code": CreditCodeField}  # upper case before it is validated and stored
        error_messages = {
            "credit_code": {
                "unique": "该统一社会信用代码已登记，同一单位不能重复登记。如需代表该单位办事，请联系该单位的管理员。"
            }
        }
