from django import forms

from services.ratings.constants import COMMENT_MAX, INDICATORS, Level


def level_field(label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=Level.choices,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": f"请选择“{label}”的评价等级。", "invalid_choice": "请选择一个评价等级。"},
    )


class RatingForm(forms.Form):
    """Parses the five levels and the texts; the rules (rules.rating_errors) decide what is acceptable.
    Optional fields carry no 选填 in their labels: the portal's form renderer marks them."""

    comment = forms.CharField(
        label="评价意见",
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"评价意见不能超过{COMMENT_MAX}字。"},
    )
    reason = forms.CharField(
        label="差评原因",
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="整体满意度选择“不满意”或“非常不满意”时必填。请写明哪一环节不满意，便于回访和整改。",
        error_messages={"max_length": f"差评原因不能超过{COMMENT_MAX}字。"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        levels = {name: level_field(label) for name, label in INDICATORS}
        self.fields = {**levels, **self.fields}

    def add_errors(self, errors: dict[str, str]):
        for name, message in errors.items():
            self.add_error(name if name in self.fields else None, message)


class FollowUpForm(forms.Form):
    text = forms.CharField(
        label="内容",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请填写内容。", "max_length": "内容不能超过2000字。"},
    )


class AdditionalRatingForm(forms.Form):
    level = level_field("追评等级")
    comment = forms.CharField(
        label="追评意见",
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"追评意见不能超过{COMMENT_MAX}字。"},
    )

    def add_errors(self, errors: dict[str, str]):
        for name, message in errors.items():
            self.add_error(name if name in self.fields else None, message)
