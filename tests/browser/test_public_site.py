"""A visitor in a real browser: home page, the navigation to the measures, an article anchor, the search box."""

import pytest

from tests.browser.axe import assert_no_serious_axe
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_visitor_reads_the_measures_and_searches(demo_live_server, browser_page):
    page = browser_page
    page.goto(demo_live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.title() == "天津市计量数据建设应用中心服务平台"
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)
    assert_no_serious_axe(page, "home")

    # The skip link is the first thing the keyboard reaches, and it is visible when focused.
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()

    # Main navigation → 政策法规 → the measures.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="政策法规").click()
    page.wait_for_url("**/policies/")
    assert page.get_by_role("heading", level=1).inner_text() == "政策法规"
    page.get_by_role("link", name="天津市计量数据建设应用中心管理办法(试行)").click()
    page.wait_for_url("**/policies/jin-shichangjianguan-ji-2025-14/")
    assert page.locator(".article[id^=article-]").count() == 25
    page.screenshot(path=str(ARTIFACTS / "measures.png"))
    assert_no_serious_axe(page, "measures")

    # The table of contents jumps to a chapter; an article anchor is addressable.
    page.get_by_role("navigation", name="目录").get_by_role("link", name="第四章　筹建和验收").click()
    assert page.url.endswith("#chapter-4")
    page.goto(demo_live_server.url + "/policies/jin-shichangjianguan-ji-2025-14/#article-13")
    assert "筹建期限届满3个月前" in page.locator("#article-13").inner_text()
    page.screenshot(path=str(ARTIFACTS / "measures-article-13.png"))

    # The search box is a plain GET form to /search/ with field q.
    page.get_by_role("searchbox", name="站内搜索").fill("验收")
    page.get_by_role("search").get_by_role("button", name="搜索").click()
    page.wait_for_url("**/search/?q=*")
    assert "q=%E9%AA%8C%E6%94%B6" in page.url
    page.screenshot(path=str(ARTIFACTS / "search.png"))
    assert_no_serious_axe(page, "search results")


def test_narrow_screen_keeps_navigation_and_content_usable(demo_live_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo_live_server.url + "/services/construction-application/")
    assert page.get_by_role("heading", name="申请材料").is_visible()
    # No horizontal scrolling of the page at phone width (tables scroll inside their own wrapper).
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.screenshot(path=str(ARTIFACTS / "guide-mobile.png"), full_page=True)
    assert_no_serious_axe(page, "guide at 375 px")
