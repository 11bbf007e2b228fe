"""Personal data masked in displays and logs (data-security compliance, Article 4 of the measures).

ID card numbers show their first 6 and last 4 characters (110101********1234); mainland mobile numbers
show 3 + 4 digits (138****1234). ``MaskingFilter`` applies the same masks to every log record.
"""

import logging
import re

# 18-character resident ID numbers (17 digits + digit or X) and 15-digit old ones, not inside longer numbers.
ID18_RE = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])")
ID15_RE = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{5}(\d{4})(?![0-9A-Za-z])")
# Mainland mobile numbers: 11 digits starting with 1[3-9], optionally +86.
PHONE_RE = re.compile(r"(?<![0-9])((?:\+?86[- ]?)?1[3-9]\d)(\d{4})(\d{4})(?![0-9])")


def mask_id_number(value: str | None) -> str:
    """110101199003071234 → 110101********1234; anything too short to mask is fully starred."""
    if not value:
        return ""
    value = str(value).strip()
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str | None) -> str:
    """13812341234 → 138****1234 (also with +86); other numbers keep their first 3 and last 4 digits."""
    if not value:
        return ""
    value = str(value).strip()
    digits = re.sub(r"\D", "", value)
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if len(digits) < 8:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_text(text: str) -> str:
    """Mask every ID number and mobile number inside free text."""
    text = ID18_RE.sub(lambda m: m.group(1) + "*" * 8 + m.group(2), text)
    text = ID15_RE.sub(lambda m: m.group(1) + "*" * 5 + m.group(2), text)
    return PHONE_RE.sub(lambda m: m.group(1) + "****" + m.group(3), text)


class MaskingFilter(logging.Filter):
    """A logging filter that masks ID and phone numbers in the formatted message of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave the record to the handler's own error path
            return True
        masked = mask_text(message)
        if masked != message:
            record.msg = masked
            record.args = None
        return True
