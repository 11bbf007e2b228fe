"""The commission's and an expert's journeys in real Chromium (issue 13, item 8): axe on every page state
(0 serious, 0 critical), no Content-Security-Policy refusal (the browser_page fixture), screenshots in
test-artifacts/. Staff and experts sign in through the real forms with a TOTP code (R-43)."""

import pytest

from tests.browser.axe import assert_no_serious_axe
from tests.browser.test_staff_workspaces import shot, sign_in
from tests.services.applications import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    page.context.clear_cookies()


def check(page, name, state):
    shot(page, name)
    assert_no_serious_axe(page, state)


def focused_class(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.className || ''")


def test_commission_accepts_forms_a_panel_from_the_registry_and_decides(live_server, browser_page, people):
    """R-10, R-11, R-14: the queue → accept for review → a panel (a leader and a member) from the registry,
    the applicant's own employee shown as recused with the reason → the experts' work → the leader decides."""
    from services.reviews.actions import SaveSheet

    applicant_unit = people.applicant.membership.organisation
    application = builders.submitted(people.applicant)
    leader = builders.make_expert(name="孙海涛")
    member = builders.make_expert(name="周立群")
    builders.make_expert(employer=applicant_unit, name="钱卫东")  # works for the applicant
    page = browser_page
    base = live_server.url

    sign_in(page, base, people.commission_officer)
    page.goto(base + "/commission/workspace/")
    check(page, "commission-1-workspace", "commission workspace")
    page.click("text=待受理的筹建申请")
    page.wait_for_load_state()
    assert application.case_number in page.content() and "剩余" in page.content()
    check(page, "commission-2-accept-queue", "the queue of applications to accept")
    page.click(f"a:has-text('{application.centre_name}')")
    page.wait_for_load_state()
    assert page.url.endswith(f"/commission/applications/{application.pk}/")
    check(page, "commission-3-case-submitted", "a submitted case")

    page.click("button:has-text('组织专家评审')")
    page.wait_for_load_state()
    assert "已组织专家评审" in page.content() and "专家评审中" in page.content()
    candidates = page.locator("fieldset.candidates")
    assert "孙海涛" in candidates.inner_text() and "周立群" in candidates.inner_text()
    recused = page.locator("li", has_text="钱卫东")
    assert "不能选派：" in recused.inner_text()
    assert recused.locator("input[type=radio]").is_disabled()
    check(page, "commission-4-panel-candidates", "the panel's candidates")

    page.check(f"#candidate-{leader.pk}")
    page.check("input[name=is_leader]")
    page.click("button:has-text('加入专家组')")
    page.wait_for_load_state()
    assert "已将孙海涛加入专家组" in page.content()
    assert page.locator(f"#candidate-{leader.pk}").count() == 0  # on the panel: not offered again
    page.check(f"#candidate-{member.pk}")
    page.click("button:has-text('加入专家组')")
    page.wait_for_load_state()
    members = page.locator("section:has(h2:has-text('专家组')) > ul").first.inner_text()
    assert "孙海涛" in members and "组长" in members and "周立群" in members
    check(page, "commission-5-panel-formed", "the panel formed")

    # the experts' work (their own journey is below): both sheets and the leader's report submitted
    application.refresh_from_db()
    for expert in (leader, member):
        SaveSheet(application, scores=builders.all_scores(application), submit=True).execute(expert)
    builders.submit_report(application, leader)

    sign_out(page)
    sign_in(page, base, people.commission_leader)
    page.goto(base + "/commission/workspace/queues/decide/")
    assert application.case_number in page.content()
    check(page, "commission-6-decide-queue", "the queue of applications to decide")
    page.click(f"a:has-text('{application.centre_name}')")
    page.wait_for_load_state()
    assert "评审报告" in page.content() and "专家组同意该单位筹建" in page.content()
    check(page, "commission-7-case-reviewed", "a reviewed case before the decision")
    approve = page.locator("form:has(button:has-text('批准筹建'))")
    approve.locator("textarea[name=targets]").fill("三年内建成新能源计量数据中心，汇聚光伏、风电计量数据。")
    approve.locator("textarea[name=tasks]").fill("建设数据资源库；开展量值溯源数据共享。")
    approve.locator("button:has-text('批准筹建')").click()
    page.wait_for_load_state()
    assert "已批准筹建" in page.content()
    application.refresh_from_db()
    assert application.status == "approved"
    check(page, "commission-8-approved", "the approved case")


def test_expert_declares_a_conflict_scores_and_writes_the_report_with_an_error(
    live_server, browser_page, people
):
    """R-11: a conflict declared on the case page records a recusal; R-12: the score sheet; R-13: the
    leader's report submitted without the site-visit findings comes back with the inline error and the
    error summary focused, everything typed kept; then it is completed."""
    from services.reviews.models import PanelRecusal, ReviewReport

    officer = people.commission_officer
    expert = builders.make_expert(name="孙海涛")
    other_leader = builders.make_expert(name="周立群")
    conflicted = builders.under_review(people.applicant, officer)
    builders.with_panel(conflicted, officer, other_leader, expert)
    led = builders.under_review(people.other_applicant, officer)
    builders.with_panel(led, officer, expert)
    page = browser_page
    base = live_server.url

    sign_in(page, base, expert)
    page.goto(base + "/expert/")
    assert conflicted.case_number in page.content() and led.case_number in page.content()
    check(page, "expert-1-desk", "the expert's desk")

    page.goto(base + f"/expert/cases/{conflicted.pk}/")
    check(page, "expert-2-case-member", "a case where the expert is a member")
    page.fill("textarea[name=declaration]", "本人近三年曾为该申请单位提供技术咨询服务。")
    page.click("button:has-text('声明利益冲突并回避')")
    page.wait_for_load_state()
    assert "已记录您的利益冲突声明" in page.content()
    assert conflicted.case_number not in page.locator("main").inner_text()
    assert PanelRecusal.objects.filter(application=conflicted, expert=expert, declared_conflict=True).exists()
    check(page, "expert-3-conflict-declared", "the desk after the declaration")

    page.goto(base + f"/expert/cases/{led.pk}/")
    inputs = page.locator("input[name^=score_]")
    for i in range(inputs.count()):
        label = inputs.nth(i).get_attribute("aria-label")
        maximum = float(label.split("满分")[1].rstrip("）"))
        inputs.nth(i).fill(f"{maximum * 0.9:g}")
    page.fill("textarea[name=overall_comment]", "数据基础扎实，建议补充数据治理方案。")
    check(page, "expert-4-sheet-filled", "the score sheet filled in")
    page.click("button:has-text('提交评分表')")
    page.wait_for_load_state()
    assert "评分表已提交" in page.content()
    check(page, "expert-5-sheet-submitted", "the sheet submitted")

    report = page.locator("form[action$='/report/']")
    report.locator("input[name=document_review_on]").fill("2026-03-02")
    report.locator("textarea[name=document_review_findings]").fill("材料齐全，经费证明充分。")
    report.locator("input[name=site_visit_on]").fill("2026-03-10")
    report.locator("textarea[name=opinion]").fill("专家组同意筹建，建议加强数据安全。")
    report.locator("select[name=recommendation]").select_option("approve")
    report.locator("button:has-text('提交评审报告')").click()
    page.wait_for_load_state()
    assert page.title().startswith("错误：")
    summary = page.locator(".error-summary")
    assert "提交前须填写“实地核查意见”。" in summary.inner_text()
    assert "error-summary" in focused_class(page), "the error summary is not focused"
    assert page.locator("textarea[name=site_visit_findings][aria-invalid=true]").count() == 1
    report = page.locator("form[action$='/report/']")
    assert (
        report.locator("textarea[name=document_review_findings]").input_value() == "材料齐全，经费证明充分。"
    )
    assert report.locator("textarea[name=opinion]").input_value() == "专家组同意筹建，建议加强数据安全。"
    assert report.locator("input[name=site_visit_on]").input_value() == "2026-03-10"
    assert report.locator("select[name=recommendation]").input_value() == "approve"
    assert not ReviewReport.objects.filter(panel__application=led).exists()
    check(page, "expert-6-report-error", "the report with an error")

    summary.locator("a").first.click()
    page.keyboard.type("现场条件与申报一致，设备运行良好。")
    report.locator("button:has-text('提交评审报告')").click()
    page.wait_for_load_state()
    assert "评审报告已提交" in page.content()
    saved = ReviewReport.objects.get(panel__application=led)
    assert saved.status == "submitted" and saved.site_visit_findings == "现场条件与申报一致，设备运行良好。"
    assert saved.document_review_findings == "材料齐全，经费证明充分。"
    check(page, "expert-7-report-submitted", "the report submitted")


def test_a_score_above_the_maximum_focuses_the_summary_and_keeps_the_sheet(live_server, browser_page, people):
    """R-12 (bad input): the sheet comes back with the error summary focused and every score kept."""
    expert = builders.make_expert(name="孙海涛")
    led = builders.under_review(people.applicant, people.commission_officer)
    builders.with_panel(led, people.commission_officer, expert)
    page = browser_page
    sign_in(page, live_server.url, expert)
    page.goto(live_server.url + f"/expert/cases/{led.pk}/")
    inputs = page.locator("input[name^=score_]")
    inputs.nth(0).fill("99")
    inputs.nth(1).fill("3.5")
    page.fill("textarea[name=overall_comment]", "总体较好。")
    page.click("button:has-text('提交评分表')")
    page.wait_for_load_state()
    assert page.title().startswith("错误：")
    assert "error-summary" in focused_class(page), "the error summary is not focused"
    assert inputs.nth(0).input_value() == "99" and inputs.nth(1).input_value() == "3.5"
    assert page.locator("textarea[name=overall_comment]").input_value() == "总体较好。"
    check(page, "expert-8-sheet-error", "the score sheet with a score above the maximum")
