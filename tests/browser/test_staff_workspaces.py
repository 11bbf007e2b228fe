"""Staff journeys in real Chromium: the commission's workspace and the bureau's tenant view (axe on every
state, screenshots in test-artifacts/). Staff sign in through the real forms with a TOTP code (R-43)."""

from datetime import date

import pytest

from tests.browser.axe import assert_no_serious_axe
from tests.browser.conftest import ARTIFACTS
from tests.factories.accounts import DEMO_PASSWORD, totp_device, totp_token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base_url, user):
    device = totp_device(user)
    page.goto(base_url + "/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/otp/**")
    page.fill("input[name=token]", totp_token(device))
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_bureau_officer_at_375_px(live_server, browser_page, people):
    """R-32: the bureau's dashboard, its queues, a daily inspection and an export, on a phone."""
    from tests.factories.supervision import (
        AnnualReportFactory,
        EstablishedCentreFactory,
        RectificationFactory,
    )

    centre = EstablishedCentreFactory(
        name="天津市滨海新能源计量数据建设应用中心", organisation=people.applicant.membership.organisation
    )
    AnnualReportFactory(centre=centre, year=2025)
    RectificationFactory(inspection__centre=centre, deadline=date(2027, 3, 1))
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, live_server.url, people.bureau_officer)
    page.goto(live_server.url + "/bureau/")
    assert "工作队列" in page.content() or "监督整改" in page.content()
    assert no_sideways_scroll(page), "the bureau dashboard scrolls sideways at 375 px"
    shot(page, "bureau-dashboard-375")
    assert_no_serious_axe(page, "bureau dashboard at 375 px")
    page.click("text=监督整改")
    page.wait_for_load_state()
    assert "/bureau/120116/workspace/queues/rectifications/" in page.url
    assert no_sideways_scroll(page)
    shot(page, "bureau-queue-375")
    assert_no_serious_axe(page, "bureau queue at 375 px")
    page.goto(live_server.url + "/bureau/supervision/inspections/new/")
    assert no_sideways_scroll(page)
    shot(page, "bureau-inspection-form-375")
    assert_no_serious_axe(page, "bureau inspection form")
    page.goto(live_server.url + "/bureau/")
    with page.expect_download() as download:
        page.click("a[href$='centres.csv']")
    assert download.value.suggested_filename.startswith("centres-")


def test_commission_workspace_queue_with_a_bad_filter(live_server, browser_page, people):
    """The queue page, and an unknown filter value: a Chinese error summary, not a 500."""
    from tests.services.applications import builders

    builders.submitted(people.applicant)
    page = browser_page
    sign_in(page, live_server.url, people.commission_officer)
    page.goto(live_server.url + "/commission/workspace/")
    shot(page, "commission-workspace")
    assert_no_serious_axe(page, "commission workspace")
    page.click("text=待受理的筹建申请")
    page.wait_for_load_state()
    assert "剩余" in page.content()
    shot(page, "commission-queue-accept")
    assert_no_serious_axe(page, "commission queue")
    page.goto(live_server.url + "/commission/workspace/queues/accept/?sort=soonest")
    assert "存在以下问题" in page.content()
    shot(page, "commission-queue-bad-filter")
    assert_no_serious_axe(page, "commission queue with a bad filter")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/commission/workspace/queues/accept/")
    assert no_sideways_scroll(page)
    shot(page, "commission-queue-375")
