"""Hostile JSON bodies are refused with a 400 and a Chinese message, never a 500 (RecursionError)."""

import io

import pytest
from rest_framework.exceptions import ParseError

from portal.json_parsing import MAX_DEPTH, BoundedJSONParser, nesting_depth


def parse(raw: bytes):
    return BoundedJSONParser().parse(io.BytesIO(raw), "application/json", {})


def test_nesting_depth_ignores_brackets_inside_strings():
    assert nesting_depth(b'{"a": [1, {"b": "[[[{{{"}]}') == 3
    assert nesting_depth(b'"\\"[[["') == 0


def test_ordinary_bodies_parse_as_before():
    assert parse('{"name": "中心", "items": [[1, 2], {"k": "]"}]}'.encode()) == {
        "name": "中心",
        "items": [[1, 2], {"k": "]"}],
    }


def test_deep_nesting_is_a_parse_error_with_a_chinese_message():
    with pytest.raises(ParseError, match="嵌套层级过深"):
        parse(b"[" * 100_000 + b"]" * 100_000)
    assert parse(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH) is not None


def test_a_body_over_the_upload_limit_is_refused(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    with pytest.raises(ParseError, match="请求内容过大"):
        parse(b'{"a": "' + b"x" * 2000 + b'"}')


@pytest.mark.django_db
def test_the_api_answers_400_to_a_body_nested_100000_deep(client, people):
    from services.applications.actions import start_application

    application = start_application(people.applicant)
    client.force_login(people.applicant)
    response = client.patch(
        f"/api/v1/applications/{application.pk}/",
        data=b"[" * 100_000 + b"]" * 100_000,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "嵌套层级过深" in response.json()["detail"]
