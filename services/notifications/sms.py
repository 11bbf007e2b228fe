"""A small SMS gateway interface (R-41: SMS where configured).

`SMS_BACKEND` names the backend: "logging" (the default: writes the message to the log), "http" (posts JSON
to `SMS_HTTP_URL` with `SMS_HTTP_TOKEN` as a bearer token) or a dotted path to a class with `send()`.
"""

import json
import logging
import re
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Mainland China mobile numbers: 11 digits starting 13–19, optionally prefixed +86 / 0086 / 86.
MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_SEPARATORS = re.compile(r"[\s\-()（）]")


class InvalidPhoneNumber(ValueError):
    pass


class SmsGatewayError(Exception):
    """The gateway did not take the message. `permanent` says whether retrying can help."""

    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


def normalise_mobile(raw: str) -> str:
    """The 11-digit form of a mainland mobile number, or InvalidPhoneNumber with a Chinese message."""
    number = _SEPARATORS.sub("", raw or "")
    for prefix in ("+86", "0086", "86"):
        if number.startswith(prefix) and len(number) == len(prefix) + 11:
            number = number[len(prefix) :]
            break
    if not MAINLAND_MOBILE.match(number):
        raise InvalidPhoneNumber(f"手机号码无效：{raw or '（未填写）'}，应为11位中国大陆手机号码")
    return number


class LoggingSmsBackend:
    """Writes the message to the log. The embedded default: nothing leaves the machine."""

    def send(self, to: str, text: str, *, message_id: str) -> None:
        logger.info("SMS to %s [%s]: %s", to, message_id, text)


class HttpSmsBackend:
    """Posts {"to", "text", "message_id"} as JSON to the gateway. 4xx is permanent, 5xx and network errors are not.

    The gateway is expected to drop a second message with the same message_id (at-least-once delivery).
    """

    def __init__(self, url: str | None = None, token: str | None = None, timeout: float = 10):
        self.url = url or settings.SMS_HTTP_URL
        self.token = token if token is not None else settings.SMS_HTTP_TOKEN
        self.timeout = timeout
        if not self.url:
            raise SmsGatewayError("未配置短信网关地址 SMS_HTTP_URL", permanent=True)

    def send(self, to: str, text: str, *, message_id: str) -> None:
        payload = json.dumps({"to": to, "text": text, "message_id": message_id}, ensure_ascii=False)
        request = urllib.request.Request(
            self.url,
            data=payload.encode("utf-8"),
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {self.token}",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            raise SmsGatewayError(f"短信网关拒绝：HTTP {exc.code}", permanent=400 <= exc.code < 500) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SmsGatewayError(f"短信网关不可达：{exc}") from exc


BACKENDS = {"logging": LoggingSmsBackend, "http": HttpSmsBackend}


def get_backend():
    name = getattr(settings, "SMS_BACKEND", "logging") or "logging"
    backend_class = BACKENDS.get(name) or import_string(name)
    return backend_class()
