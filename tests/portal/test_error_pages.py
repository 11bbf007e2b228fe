"""The styled error pages, served through Django's real handlers."""

import pytest
from django.test import Client, override_settings


@pytest.mark.django_db
@pytest.mark.urls("tests.portal.urls_with_error")
@override_settings(DEBUG=False)
def test_an_unhandled_error_shows_the_styled_500_page():
    client = Client(raise_request_exception=False)
    response = client.get("/test-only/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "抱歉，服务暂时不可用" in html
    assert "css/portal.css" in html
    assert "返回首页" in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_an_unknown_address_shows_the_styled_404_page_even_before_any_site_exists(client):
    """A fresh database (before load_demo) still renders the 404 page with the default site identity."""
    from wagtail.models import Site

    Site.objects.all().delete()
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "抱歉，您访问的页面不存在" in html
    assert "天津市计量数据建设应用中心服务平台" in html
