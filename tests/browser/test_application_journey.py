"""Issue 12, item 9: a new applicant in a real browser, from the guide through registration, the task list,
核对信息, submission and the confirmation; axe on every page state; a keyboard-only run in which focus moves
to the error summary; no sideways scrolling at 375 px. Screenshots in test-artifacts/."""

import re

import pytest
from django.core import mail

from tests.browser.axe import assert_no_serious_axe
from tests.browser.conftest import ARTIFACTS
from tests.services.applications.builders import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Shuju-Zhongxin-7391"


class Journey:
    def __init__(self, page, base):
        self.page, self.base, self.step = page, base, 0

    def state(self, name):
        """One page state: a screenshot, axe, and no sideways scrolling."""
        self.step += 1
        self.page.screenshot(path=str(ARTIFACTS / f"journey-{self.step:02d}-{name}.png"), full_page=True)
        assert_no_serious_axe(self.page, name)
        overflow = self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name}: {overflow}px of sideways scrolling"

    def continue_(self):
        self.page.get_by_role("button", name=re.compile("^保存并(继续|核对信息)$")).click()


def focused_is_error_summary(page) -> bool:
    return page.evaluate("document.activeElement && document.activeElement.matches('[data-error-summary]')")


def test_from_the_guide_to_the_confirmation(demo_live_server, browser_page, tmp_path):
    page = browser_page
    journey = Journey(page, demo_live_server.url)

    page.goto(demo_live_server.url + "/services/construction-application/")
    journey.state("guide")
    page.get_by_role("navigation", name="用户").get_by_role("link", name="登录").click()
    page.wait_for_url("**/accounts/login/**")
    journey.state("sign-in")
    page.get_by_role("link", name="申请单位注册").click()
    page.wait_for_url("**/accounts/register/")
    journey.state("registration")

    # bad input first: an English-speaking browser still gets Chinese messages; focus on the summary
    page.fill("#id_unit-credit_code", "91110108551385082A")
    page.fill("#id_person-phone", "1381234")
    page.fill("#id_person-password1", "12345")
    page.fill("#id_person-password2", "12345")
    page.get_by_role("button", name="提交注册").click()
    page.wait_for_selector("[data-error-summary]")
    assert page.title().startswith("错误：")
    assert focused_is_error_summary(page)
    summary = page.locator("[data-error-summary]").inner_text()
    assert (
        "统一社会信用代码无效" in summary
        and "手机号码应为11位数字" in summary
        and "这个密码太短了" in summary
    )
    assert page.input_value("#id_unit-credit_code") == "91110108551385082A"  # nothing typed is lost
    journey.state("registration-errors")
    page.locator("[data-error-summary] a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_unit-name"

    page.fill("#id_unit-name", "天津滨海新能源计量技术有限公司")
    page.fill("#id_unit-credit_code", "91110108551385082Q")
    page.select_option("#id_unit-unit_type", label="企业")
    page.select_option("#id_unit-legal_status", label="具有独立法人资格")
    page.fill("#id_unit-address", "天津市滨海新区海洋高新区1号")
    page.select_option("#id_unit-district", label="滨海新区")
    page.fill("#id_person-username", "binhai.energy")
    page.fill("#id_person-full_name", "王海")
    page.fill("#id_person-email", "wang@binhai-energy.example.cn")
    page.fill("#id_person-phone", "13812341234")
    page.fill("#id_person-password1", PASSWORD)
    page.fill("#id_person-password2", PASSWORD)
    page.get_by_role("button", name="提交注册").click()
    page.wait_for_url("**/accounts/register/sent/")
    journey.state("registration-sent")

    link = re.search(r"https?://\S+/accounts/register/verify/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="确认验证").click()
    page.get_by_role("main").get_by_role("link", name="登录").click()
    page.fill("#id_username", "binhai.energy")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("main").get_by_role("button", name="登录").click()
    page.wait_for_url("**/service-hall/")  # the applicant lands in the service hall
    assert page.get_by_role("link", name="服务大厅").get_attribute("aria-current") == "true"
    journey.state("my-cases")

    page.get_by_role("button", name="新建筹建申请").click()
    page.wait_for_selector(".task-list")
    assert page.locator("#task-status-basic").inner_text() == "未开始"
    journey.state("task-list")

    page.get_by_role("link", name="一、基本信息").click()
    page.fill("#id_centre_name", "天津市新能源计量数据建设应用中心")
    page.fill("#id_unit_profile", "本单位长期从事新能源计量测试服务。")
    page.fill("#id_contact_name", "张工")
    page.fill("#id_contact_phone", "022-2345")
    page.get_by_label("新能源", exact=True).check()
    journey.continue_()
    page.wait_for_selector("[data-error-summary]")
    assert focused_is_error_summary(page)
    assert page.input_value("#id_unit_profile") == "本单位长期从事新能源计量测试服务。"
    journey.state("basic-error")
    page.fill("#id_contact_phone", "022-23456789")
    journey.continue_()
    page.wait_for_url("**/sections/partners/")
    journey.state("partners")
    journey.continue_()
    page.wait_for_url("**/sections/basis/")
    page.fill("#id_construction_basis", "已建成新能源计量数据库。")
    journey.continue_()
    page.wait_for_url("**/sections/goals/")
    page.fill("#id_goals", "三年内建成新能源计量数据中心。")
    page.fill("#id_tasks", "汇聚光伏、风电计量数据。")
    journey.continue_()
    page.wait_for_url("**/sections/management/")
    page.fill("#id_organisation_management", "成立中心管理委员会。")
    journey.continue_()
    page.wait_for_url("**/sections/conditions/")
    journey.state("conditions")
    for code in ("resources", "management", "innovation", "security", "funding", "compliance"):
        page.check(f"#id_{code}_meets_1")  # 符合
        page.fill(f"#id_{code}_explanation", "符合，详见证明材料。")
        upload = tmp_path / f"{code}.pdf"
        upload.write_bytes(PDF_BYTES)
        page.set_input_files(f"#id_{code}_file", str(upload))
    journey.continue_()
    page.wait_for_url("**/sections/attachments/")
    upload = tmp_path / "scan-001.pdf"
    upload.write_bytes(PDF_BYTES)
    page.fill("#id_title", "营业执照副本")
    page.set_input_files("#id_file", str(upload))
    page.get_by_role("button", name="上传该附件").click()
    page.wait_for_selector("text=营业执照副本")
    journey.state("attachments")
    journey.continue_()
    page.wait_for_url("**/submit/")
    assert page.get_by_text("营业执照副本").count() >= 1
    journey.state("check-answers")

    page.get_by_role("button", name="确认声明并提交").click()
    page.wait_for_selector("[data-error-summary]")
    assert focused_is_error_summary(page) and page.title().startswith("错误：")
    journey.state("declaration-error")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="确认声明并提交").click()
    page.wait_for_url("**/confirmation/")
    number = page.locator(".confirmation-panel__number").inner_text()
    assert re.fullmatch(r"JLSJ-\d{4}-\d{4}", number)
    assert "接下来会怎样" in page.content()
    journey.state("confirmation")

    page.set_viewport_size({"width": 375, "height": 800})
    journey.state("confirmation-375")
    page.get_by_role("link", name="查看办件进度").click()
    journey.state("case-page-375")


def test_keyboard_only_sign_in_error_moves_focus_to_the_summary(demo_live_server, browser_page):
    page = browser_page
    page.goto(demo_live_server.url + "/accounts/login/")
    # Tab from the top of the page to the username field, then submit with Enter: no mouse at all
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_username":
            break
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type("nobody")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-error-summary]")
    assert focused_is_error_summary(page)
    page.screenshot(path=str(ARTIFACTS / "keyboard-sign-in-error.png"), full_page=True)
    assert_no_serious_axe(page, "sign-in error (keyboard)")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_password"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_password"
