"""Chinese telephone numbers, counted by their digits (issue 12: wrong number of digits gets a message)."""

import re

from django.core.exceptions import ValidationError

SEPARATORS = re.compile(r"[\s\-()（）]")
MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
# 0 + area code (2 or 3 digits) + a 7- or 8-digit local number, optionally an extension after 转 or #
LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}(?:(?:转|#|\*)\d{1,6})?$")


def validate_mobile(value: str) -> None:
    if not MOBILE.match(SEPARATORS.sub("", value or "")):
        raise ValidationError("手机号码应为11位数字，以1开头，例如13812345678。", code="invalid_mobile")


def validate_phone(value: str) -> None:
    """A mobile number, or a fixed line with its area code (022-23456789)."""
    digits = SEPARATORS.sub("", value or "")
    if not (MOBILE.match(digits) or LANDLINE.match(digits)):
        raise ValidationError(
            "联系电话应为11位手机号码，或带区号的固定电话（如022-23456789）。", code="invalid_phone"
        )
