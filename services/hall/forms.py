from django import forms

from services.hall.progress import looks_like_case_number, normalise


class ProgressQueryForm(forms.Form):
    case_number = forms.CharField(
        label="办件编号",
        max_length=40,
        help_text="如 JLSJ-2026-0001、JLYS-2026-0001，见提交成功页面和受理通知。可含空格或全角字符。",
        error_messages={"required": "请输入办件编号。", "max_length": "办件编号不能超过40个字符。"},
    )
    credit_code = forms.CharField(
        label="申请单位统一社会信用代码",
        max_length=40,
        help_text="18位，由数字和大写字母组成。",
        error_messages={
            "required": "请输入申请单位的统一社会信用代码。",
            "max_length": "统一社会信用代码为18位。",
        },
    )

    def clean_case_number(self):
        value = normalise(self.cleaned_data["case_number"])
        if not looks_like_case_number(value):
            raise forms.ValidationError("办件编号格式不正确，应为“前缀-年份-序号”，如 JLSJ-2026-0001。")
        return value

    def clean_credit_code(self):
        value = normalise(self.cleaned_data["credit_code"])
        if len(value) != 18:
            raise forms.ValidationError("统一社会信用代码应为18位。")
        return value
