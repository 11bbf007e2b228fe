"""The SMS gateway interface: mainland mobile validation, logging backend, HTTP backend (R-41)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from services.notifications import sms


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812345678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("008619912345678", "19912345678"),
        ("8615012345678", "15012345678"),
        ("138-1234-5678", "13812345678"),
    ],
)
def test_valid_mainland_mobiles_are_normalised(raw, expected):
    assert sms.normalise_mobile(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "12812345678", "1381234567", "138123456789", "022-12345678", "+85291234567", "abcdefghijk"]
)
def test_invalid_numbers_are_refused_in_chinese(raw):
    with pytest.raises(sms.InvalidPhoneNumber, match="手机号码无效"):
        sms.normalise_mobile(raw)


class _Gateway(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        _Gateway.received.append(
            {
                "auth": self.headers["Authorization"],
                "body": json.loads(self.rfile.read(length).decode("utf-8")),
            }
        )
        self.send_response(_Gateway.status)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    """A real HTTP server on a free local port standing in for the SMS operator's gateway."""
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    _Gateway.received, _Gateway.status = [], 200
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/send", _Gateway
    server.shutdown()
    server.server_close()


def test_http_backend_posts_json_with_the_token(gateway, settings):
    url, handler = gateway
    settings.SMS_BACKEND, settings.SMS_HTTP_URL, settings.SMS_HTTP_TOKEN = "http", url, "secret-token"
    sms.get_backend().send("13812345678", "【平台】您有一条新消息", message_id="<abc@x>")
    assert handler.received == [
        {
            "auth": "Bearer secret-token",
            "body": {"to": "13812345678", "text": "【平台】您有一条新消息", "message_id": "<abc@x>"},
        }
    ]


def test_http_backend_4xx_is_permanent_5xx_is_not(gateway, settings):
    url, handler = gateway
    backend = sms.HttpSmsBackend(url=url, token="t")
    handler.status = 400
    with pytest.raises(sms.SmsGatewayError) as refused:
        backend.send("13812345678", "x", message_id="<1@x>")
    assert refused.value.permanent
    handler.status = 503
    with pytest.raises(sms.SmsGatewayError) as unavailable:
        backend.send("13812345678", "x", message_id="<2@x>")
    assert not unavailable.value.permanent


def test_http_backend_unreachable_is_transient():
    backend = sms.HttpSmsBackend(url="http://127.0.0.1:1/send", token="t", timeout=2)
    with pytest.raises(sms.SmsGatewayError) as error:
        backend.send("13812345678", "x", message_id="<1@x>")
    assert not error.value.permanent and "不可达" in str(error.value)


def test_default_backend_logs(settings, caplog):
    settings.SMS_BACKEND = "logging"
    caplog.set_level("INFO")
    sms.get_backend().send("13812345678", "测试短信", message_id="<m@x>")
    assert "SMS to 138****5678 [<m@x>]: 测试短信" in caplog.text  # phone numbers are masked in logs
