"""The one set of field validators for the page forms and the API alike (issue 15 item 4).

Django validators, so the same object serves a model field (and so a ModelForm and a DRF ModelSerializer,
which copies a model field's validators), a form field and a DRF serializer field (DRF runs Django
validators and turns their ValidationError into a 400). Messages are Chinese. The regex-shaped ones are
``RegexValidator`` subclasses, so drf-spectacular publishes their pattern (and ``TextLimit`` its maxLength) in
the OpenAPI schema; what a pattern cannot say (the credit code's check character) is checked in ``__call__``.

The lowest layer (services.reference): accounts and every service may use it. Dates, which need the deadline
engine's "today", are in ``services.deadlines.plausibility``.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, MaxLengthValidator, RegexValidator
from django.utils.deconstruct import deconstructible
from stdnum.cn import uscc

# Design limits for free text (the longest answer of a few pages of a 申报书), shared by forms and API.
NAME_MAX = 100  # a unit's or a person's name, an attachment's title
TITLE_MAX = 120  # a report's title, a centre's name
SHORT_TEXT_MAX = 500  # a reason
PEOPLE_MAX = 1000  # a list of the people present
LONG_TEXT_MAX = 5000  # minutes, findings, reports, explanations

# ---------------------------------------------------------------------------------------------------------
# Invisible format characters (Unicode category Cf): bidirectional overrides and isolates (U+202A–U+202E,
# U+2066–U+2069), zero-width characters (U+200B–U+200F, U+2060, U+FEFF) and the rest of Cf. In a name they
# disguise what is shown ("李\u202egnp.exe\u202c四" shows as 李exe.png四), so names and titles refuse them.
BIDI_NAMES = {
    **dict.fromkeys(range(0x202A, 0x202F), "文字方向控制字符"),
    **dict.fromkeys(range(0x2066, 0x206A), "文字方向控制字符"),
    **dict.fromkeys((0x200E, 0x200F, 0x061C), "文字方向控制字符"),
    **dict.fromkeys((0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF), "零宽字符"),
}


def format_characters(value: str) -> list[str]:
    """The invisible format characters (category Cf) in value, as U+XXXX, each once."""
    return list(dict.fromkeys(f"U+{ord(ch):04X}" for ch in value or "" if unicodedata.category(ch) == "Cf"))


def validate_no_format_characters(value: str) -> None:
    """Names and titles: no bidirectional-override, zero-width or other invisible format character."""
    found = [ch for ch in value or "" if unicodedata.category(ch) == "Cf"]
    if found:
        kinds = "、".join(dict.fromkeys(BIDI_NAMES.get(ord(ch), "不可见格式字符") for ch in found))
        codes = "、".join(format_characters(value))
        raise ValidationError(
            "不能含有%(kinds)s（%(codes)s）：这类字符不显示，却能改变文字的显示顺序，请删除后重新输入。",
            code="format_character",
            params={"kinds": kinds, "codes": codes},
        )


# ---------------------------------------------------------------------------------------------------------
@deconstructible(path="services.reference.validators.TextLimit")
class TextLimit(MaxLengthValidator):
    """A maximum length in characters, worded in Chinese (published as maxLength)."""

    message = "不能超过%(limit_value)d个字（现有%(show_value)d个字）。"
    code = "max_length"


def name_validators(limit: int = NAME_MAX) -> list:
    """A person's, a unit's or a centre's name, a title: bounded and free of format characters."""
    return [TextLimit(limit), validate_no_format_characters]


def text_validators(limit: int = LONG_TEXT_MAX) -> list:
    """Free text: bounded."""
    return [TextLimit(limit)]


# ---------------------------------------------------------------------------------------------------------
SEPARATORS = re.compile(r"[\s\-()（）]")
MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
# 0 + area code (2 or 3 digits) + a 7- or 8-digit local number, optionally an extension after 转 or #
LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}(?:(?:转|#|\*)\d{1,6})?$")
# The characters a typed number may hold (published as the pattern); the digits are counted in __call__.
PHONE_SHAPE = r"^[0-9+\-() （）转#*]{7,30}$"


@deconstructible(path="services.reference.validators.MobileValidator")
class MobileValidator(RegexValidator):
    regex = PHONE_SHAPE
    message = "手机号码应为11位数字，以1开头，例如13812345678。"
    code = "invalid_mobile"

    def __call__(self, value):
        super().__call__(value)
        if not MOBILE.match(SEPARATORS.sub("", value or "")):
            raise ValidationError(self.message, code=self.code, params={"value": value})


@deconstructible(path="services.reference.validators.PhoneValidator")
class PhoneValidator(MobileValidator):
    """A mobile number, or a fixed line with its area code (022-23456789)."""

    message = "联系电话应为11位手机号码，或带区号的固定电话（如022-23456789）。"
    code = "invalid_phone"

    def __call__(self, value):
        RegexValidator.__call__(self, value)
        digits = SEPARATORS.sub("", value or "")
        if not (MOBILE.match(digits) or LANDLINE.match(digits)):
            raise ValidationError(self.message, code=self.code, params={"value": value})


validate_mobile = MobileValidator()
validate_phone = PhoneValidator()


# ---------------------------------------------------------------------------------------------------------
def normalise_credit_code(value):
    """R-01: a unified social credit code as it is stored: full-width characters as half-width (NFKC), spaces
    of any width removed, upper case. The form field (services.reference.forms.CreditCodeField) applies it
    before validation, on the page forms and on the API, which parses its input with the same forms."""
    if not isinstance(value, str):
        return value
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).upper()


@deconstructible(path="services.reference.validators.CreditCodeValidator")
class CreditCodeValidator(RegexValidator):
    """R-01: a unified social credit code (GB 32100-2015): 18 characters of 0-9 and A-Y without I, O, S, V, Z
    (either case: what is typed is upper-cased by normalise_credit_code), with a correct check character
    (python-stdnum)."""

    regex = r"^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$"
    message = "统一社会信用代码无效：应为18位，由数字和大写字母（不含I、O、S、V、Z）组成，且校验位正确。"
    code = "invalid_credit_code"

    def __call__(self, value):
        super().__call__(value)
        try:
            uscc.validate(value)
        except Exception as exc:
            raise ValidationError(self.message, code=self.code, params={"value": value}) from exc


validate_credit_code = CreditCodeValidator()


# ---------------------------------------------------------------------------------------------------------
validate_email = EmailValidator(message="请输入有效的电子邮箱地址，例如 name@example.cn。")


@deconstructible(path="services.reference.validators.PostalCodeValidator")
class PostalCodeValidator(RegexValidator):
    """A mainland postal code: 6 digits (Tianjin's begin with 30)."""

    regex = r"^[0-9]{6}$"
    message = "邮政编码应为6位数字，例如300000。"
    code = "invalid_postal_code"


validate_postal_code = PostalCodeValidator()
