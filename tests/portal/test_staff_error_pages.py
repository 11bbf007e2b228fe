"""Styled Chinese error pages for 403, 400, 404, 429 and CSRF failure, and an API that answers in Chinese."""

import pytest
from django.test import Client, override_settings

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def styled(html: str) -> bool:
    return '<html lang="zh-Hans">' in html and "css/portal.css" in html and "返回首页" in html


@override_settings(DEBUG=False)
def test_403_for_a_bureau_officer_on_the_commission_dashboard(client, verified_login, people):
    verified_login(people.bureau_officer)
    response = client.get("/commission/")
    assert response.status_code == 403
    html = response.content.decode()
    assert styled(html) and "抱歉，您没有权限访问此页面" in html and "仅市市场监管委人员可以访问。" in html
    assert "Forbidden" not in html


@override_settings(DEBUG=False)
def test_400_for_a_bad_request():
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="not-our-host.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert styled(html) and "抱歉，无法处理您的请求" in html


@override_settings(DEBUG=False)
def test_404_for_an_unknown_queue(client, verified_login, people):
    verified_login(people.commission_officer)
    response = client.get("/commission/workspace/queues/no-such-queue/")
    assert response.status_code == 404
    assert styled(response.content.decode()) and "抱歉，您访问的页面不存在" in response.content.decode()


@override_settings(DEBUG=False)
def test_429_when_sign_in_is_locked(client):
    """R-43: the lock-out page is the styled 429 page with the lock-out message."""
    UserFactory(username="li")
    for _n in range(5):
        response = client.post(
            "/accounts/login/", {"username": "li", "password": "wrong"}, REMOTE_ADDR="10.1.1.1"
        )
    assert response.status_code == 429
    html = response.content.decode()
    assert styled(html) and "登录已被暂时锁定" in html and "已被锁定30分钟" in html and "429" in html


@override_settings(DEBUG=False)
def test_csrf_failure_is_the_styled_page():
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert styled(html) and "页面已过期，请刷新后重新提交" in html and "CSRF" not in html


def test_api_not_found_is_chinese(client, verified_login, people):
    """DRF's 404 passes Django's 'No Application matches the given query.' through: now in Chinese."""
    verified_login(people.commission_officer)
    response = client.get("/api/v1/applications/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到该筹建申请，或您无权查看。"}


def test_api_refusals_are_chinese(client):
    response = client.get("/api/v1/applications/")
    assert response.status_code in (401, 403)
    detail = response.json()["detail"]
    assert not detail.isascii(), detail
