"""Issue 12, item 6 in a real browser: 延期验收申请 and 年度工作总结报告, each from its guide's 在线办理 through
sign-in, the start page, the form (with an error first), 核对信息, the declaration and the confirmation with
its 办件编号. axe on every page state (0 serious, 0 critical); screenshots in test-artifacts/."""

import re

import pytest

from tests.browser.axe import assert_no_serious_axe
from tests.browser.conftest import ARTIFACTS
from tests.factories.accounts import DEMO_PASSWORD
from tests.services.hall.flow_cases import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


class Steps:
    def __init__(self, page):
        self.page, self.count = page, 0

    def state(self, name):
        self.count += 1
        self.page.screenshot(path=str(ARTIFACTS / f"flow-{self.count:02d}-{name}.png"), full_page=True)
        assert_no_serious_axe(self.page, name)
        overflow = self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name}: {overflow}px of sideways scrolling"


def add_guide(slug, title, service, time_limit):
    from cms_pages.models import ServiceGuideIndexPage, ServiceGuidePage

    index = ServiceGuideIndexPage.objects.live().first()
    guide = ServiceGuidePage(
        title=title,
        slug=slug,
        item_name=title,
        legal_basis="《天津市计量数据建设应用中心管理办法（试行）》",
        scope="本市计量数据建设应用中心的建设单位",
        time_limit=time_limit,
        agency_name="天津市市场监督管理委员会计量处",
        service=service,
    )
    index.add_child(instance=guide)
    guide.save_revision().publish()
    return guide


def save_and_check(page):
    """保存并核对信息, and say what the page said if it did not lead to 核对信息."""
    with page.expect_navigation():
        page.get_by_role("button", name="保存并核对信息").click()
    # (a redirect keeps the fragment of the page it came from, e.g. a 修改 link's #id_summary)
    assert page.url.split("#")[0].endswith("/check/"), page.locator("main").inner_text()[:800]


def focused_is_error_summary(page) -> bool:
    return page.evaluate("document.activeElement && document.activeElement.matches('[data-error-summary]')")


def test_extension_and_annual_report_from_their_guides_to_the_confirmation(
    demo_live_server, browser_page, people, tmp_path
):
    from tests.factories.centres import CentreFactory
    from tests.factories.supervision import EstablishedCentreFactory

    unit = people.applicant.membership.organisation
    building = CentreFactory(organisation=unit, name="天津市智能仪表计量数据建设应用中心")
    established = EstablishedCentreFactory(organisation=unit, name="天津市水务计量数据建设应用中心")
    extension_guide = add_guide("extension-guide", "延期验收申请办事指南", "extension", "15个工作日")
    annual_guide = add_guide("annual-report-guide", "年度工作总结报告办事指南", "annual_report", "15个工作日")
    upload = tmp_path / "延期期间工作计划.pdf"
    upload.write_bytes(PDF)
    page, steps, base = browser_page, Steps(browser_page), demo_live_server.url

    # 延期验收申请: the guide, sign-in with a safe next, the start page
    page.goto(base + extension_guide.url)
    steps.state("extension-guide")
    page.locator(".online-cta").get_by_role("link", name="在线办理").click()
    page.wait_for_url("**/accounts/login/**")
    page.fill("#id_username", people.applicant.username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="登录").click()
    page.wait_for_url("**/service-hall/start/extension/")
    steps.state("extension-start")
    page.get_by_role("link", name=f"为 {building.name} 申请延期验收").click()
    page.wait_for_url("**/services/extension/*/main/")
    steps.state("extension-form")

    # bad input first: the reason left empty, a date more than a year late; focus on the summary
    page.fill("#id_proposed_assessment_on", "2029-01-01")
    page.set_input_files("#id_upload_files", str(upload))
    page.get_by_role("button", name="保存并核对信息").click()
    page.wait_for_selector("[data-error-summary]")
    assert page.title().startswith("错误：") and focused_is_error_summary(page)
    assert "请填写“延期原因”" in page.locator("[data-error-summary]").inner_text()
    assert page.input_value("#id_proposed_assessment_on") == "2029-01-01"  # nothing typed is lost
    kept = page.locator("#kept-upload_files").get_by_role("link", name="延期期间工作计划.pdf", exact=True)
    assert kept.is_visible()  # nor the file that passed its check
    steps.state("extension-errors")
    page.fill("#id_reason", "关键设备到货延迟，筹建任务需顺延。")
    page.fill("#id_proposed_assessment_on", "2027-12-31")
    save_and_check(page)
    assert page.get_by_text("关键设备到货延迟，筹建任务需顺延。").is_visible()
    assert page.get_by_text("2027年12月31日").is_visible()
    steps.state("extension-check-answers")

    page.get_by_role("button", name="确认声明并提交").click()
    page.wait_for_selector("[data-error-summary]")
    assert focused_is_error_summary(page)
    steps.state("extension-declaration-error")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="确认声明并提交").click()
    page.wait_for_url("**/service-hall/submitted/*/")
    number = page.locator(".confirmation-panel__number").inner_text()
    assert re.fullmatch(r"JLYQ-\d{4}-\d{4}", number)
    assert "接下来会怎样" in page.content() and "办理时限为15个工作日" in page.content()
    steps.state("extension-confirmation")
    page.set_viewport_size({"width": 375, "height": 800})
    steps.state("extension-confirmation-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="查看办件").click()
    page.wait_for_url(f"**/service-hall/construction/{building.pk}/*")
    assert "待审核" in page.content()
    steps.state("extension-centre-page")

    # 年度工作总结报告: the guide, the start page (already signed in), the form, check answers, confirmation
    page.goto(base + annual_guide.url)
    page.locator(".online-cta").get_by_role("link", name="在线办理").click()
    page.wait_for_url("**/service-hall/start/annual_report/")
    steps.state("annual-start")
    page.get_by_role("link", name=re.compile(f"^{established.name}：报送年度工作总结报告")).click()
    page.wait_for_url("**/services/annual-report/*/main/")
    assert page.input_value("#id_year") == "2026"  # the engine's latest year due without a report
    steps.state("annual-form")
    page.fill("#id_summary", "全年服务企业三十家，汇聚计量数据十万条。")
    page.fill("#id_services_provided", "开展计量数据应用培训五次。")
    save_and_check(page)
    page.get_by_role("link", name=re.compile(r"^修改\s*年度工作总结$")).click()
    page.wait_for_url(re.compile(r".*/main/#id_summary$"))
    assert page.input_value("#id_summary") == "全年服务企业三十家，汇聚计量数据十万条。"
    save_and_check(page)
    steps.state("annual-check-answers")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="确认声明并提交").click()
    page.wait_for_url(re.compile(r".*/service-hall/submitted/\d+/(#.*)?$"))
    assert re.fullmatch(r"JLND-\d{4}-\d{4}", page.locator(".confirmation-panel__number").inner_text())
    steps.state("annual-confirmation")
    page.get_by_role("link", name="查看办件").click()
    page.wait_for_url(re.compile(r".*/supervision/annual-reports/\d+/(#.*)?$"))
    steps.state("annual-report-page")
