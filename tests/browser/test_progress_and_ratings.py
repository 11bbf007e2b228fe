"""Real-browser journeys of issue 12, item 9: the public progress query, and a 差评 with its 回访, feedback
and 追评. axe runs on every page state (0 serious, 0 critical); screenshots go to test-artifacts/."""

import pytest
from django.core.cache import caches
from django.test import Client

from tests.browser.axe import assert_no_serious_axe
from tests.browser.conftest import ARTIFACTS
from tests.factories.accounts import login_verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def shot(page, name, state):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert_no_serious_axe(page, state)


def sign_in(page, server, user):
    """The session of a signed-in user (with a verified second factor for staff, R-43), given to the browser."""
    client = login_verified(Client(), user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server.url}]
    )


def test_anyone_follows_a_case_from_the_guide_with_its_number_and_credit_code(
    demo_live_server, browser_page, people
):
    from tests.services.applications.builders import returned

    caches["ratelimit"].clear()
    application = returned(people.applicant, people.commission_officer)
    code = people.applicant.membership.organisation.credit_code
    page = browser_page
    page.goto(demo_live_server.url + "/services/construction-application/")
    page.get_by_role("link", name="办件进度查询").click()
    page.wait_for_url("**/service-hall/progress/")
    shot(page, "progress-query", "progress query: empty")

    page.get_by_label("办件编号").fill("12345")
    page.get_by_role("button", name="查询").click()
    assert page.title().startswith("错误：")
    assert page.get_by_text("办件编号格式不正确").first.is_visible()
    shot(page, "progress-query-error", "progress query: bad input")

    # Full-width characters and spaces, as typed on a Chinese input method: normalised.
    typed = " " + "".join(chr(ord(c) + 0xFEE0) if c != "-" else "－" for c in application.case_number) + " "
    page.get_by_label("办件编号").fill(typed)
    page.get_by_label("申请单位统一社会信用代码").fill(code.lower())
    page.get_by_role("button", name="查询").click()
    assert page.get_by_role("heading", name="查询结果").is_visible()
    result = page.locator(".query-result").inner_text()
    assert "退回补正" in result and "申报材料需补正" in result
    assert people.applicant.membership.organisation.name not in page.content()
    shot(page, "progress-query-result", "progress query: found")

    page.get_by_label("办件编号").fill("JLSJ-2026-9999")
    page.get_by_role("button", name="查询").click()
    assert page.get_by_role("heading", name="未查询到办件").is_visible()
    shot(page, "progress-query-not-found", "progress query: not found")

    # A case of another service: a major situation report has its own 办件编号 and public timeline.
    from services.construction.actions import SubmitMajorReport
    from tests.factories.centres import CentreFactory

    centre = CentreFactory(organisation=people.applicant.membership.organisation)
    report = SubmitMajorReport(people.applicant, centre, title="主要负责人变更", body="原负责人调离。").run()
    page.get_by_label("办件编号").fill(report.case_number.replace("-", " - "))
    page.get_by_label("申请单位统一社会信用代码").fill(code)
    page.get_by_role("button", name="查询").click()
    assert page.get_by_role("heading", name="查询结果").is_visible()
    result = page.locator(".query-result").inner_text()
    assert report.case_number in result and "重大情况报告" in result and "已接收" in result
    assert "重大情况报告已报送，市市场监管委已接收" in result
    assert "主要负责人变更" not in page.content() and centre.name not in page.content()
    shot(page, "progress-query-report", "progress query: a major situation report found")


def test_a_bad_rating_is_visited_answered_and_rated_again(demo_live_server, browser_page, people):
    from services.applications import actions
    from services.ratings.models import BadRatingCase, RatingInvitation
    from tests.services.applications.builders import submitted

    application = actions.Withdraw(submitted(people.applicant), reason="调整").execute(people.applicant)
    invitation = RatingInvitation.objects.get(object_id=application.pk, service="construction")
    server, page = demo_live_server, browser_page

    # The applicant finds the invitation in the inbox and rates without the reason a 差评 needs.
    sign_in(page, server, people.applicant)
    page.goto(server.url + "/inbox/")
    item = page.locator(".inbox-item").filter(has_text=f"请评价：{invitation}")
    shot(page, "rating-inbox", "inbox with the invitation")
    item.get_by_role("button", name="查看并标为已读").click()
    page.wait_for_url(f"**/service-hall/ratings/{invitation.pk}/")
    shot(page, "rating-form", "rating: form")
    for legend, level in (
        ("整体满意度", "非常不满意"),
        ("办事效率", "不满意"),
        ("办事指南精确度", "基本满意"),
        ("办事便捷度", "满意"),
        ("平台操作性", "满意"),
    ):
        page.get_by_role("group", name=legend).get_by_label(level, exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    assert page.title().startswith("错误：")
    assert page.get_by_text("选择“不满意”或“非常不满意”时，请填写差评原因。").first.is_visible()
    assert page.get_by_role("group", name="整体满意度").get_by_label("非常不满意", exact=True).is_checked()
    shot(page, "rating-error", "rating: reason missing")
    page.get_by_label("差评原因").fill("补正意见前后两次不一致，多跑了一趟。")
    page.get_by_role("button", name="提交评价").click()
    assert page.get_by_text("感谢您的评价。").is_visible()
    shot(page, "rating-given", "rating: given")
    case = BadRatingCase.objects.get(rating__invitation=invitation)

    # The commission's queue, the 回访 and the feedback.
    sign_in(page, server, people.commission_officer)
    page.goto(server.url + "/commission/ratings/")
    shot(page, "ratings-queue", "commission: queue")
    page.get_by_role("link", name=str(invitation)).click()
    shot(page, "ratings-case-visit", "commission: case awaiting visit")
    page.get_by_role("button", name="保存回访情况").click()
    assert page.title().startswith("错误：")
    shot(page, "ratings-case-visit-error", "commission: visit without text")
    page.get_by_label("内容").fill("已电话回访申请单位联系人，了解补正意见不一致的情况。")
    page.get_by_role("button", name="保存回访情况").click()
    page.get_by_label("内容").fill("已统一补正意见模板，一次性告知全部补正内容。")
    page.get_by_role("button", name="反馈给申请人").click()
    assert page.get_by_text("已向申请人反馈整改情况。").is_visible()
    shot(page, "ratings-case-answered", "commission: feedback given")
    page.goto(server.url + "/commission/ratings/statistics/")
    assert "筹建申请" in page.locator("table").inner_text()
    shot(page, "ratings-statistics", "commission: statistics")

    # The applicant reads the feedback and adds the one 追评.
    sign_in(page, server, people.applicant)
    page.goto(server.url + invitation.get_absolute_url())
    assert page.get_by_text("已统一补正意见模板").is_visible()
    shot(page, "rating-feedback", "rating: feedback and additional form")
    page.get_by_role("group", name="追评等级").get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交追评").click()
    assert page.get_by_text("追评已提交。").is_visible()
    shot(page, "rating-closed", "rating: additional given")
    case.refresh_from_db()
    assert case.status == "closed"

    # The guide publishes the satisfaction of its service.
    page.goto(server.url + "/services/construction-application/")
    section = page.locator("#g-satisfaction").locator("..").inner_text()
    assert "共1条评价，满意率0.0%" in section
    shot(page, "guide-satisfaction", "guide with satisfaction")
