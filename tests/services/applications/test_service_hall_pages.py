"""Issue 12, items 3 to 5, through the service hall's pages: the task list, 保存并继续, 核对信息, the
confirmation and its receipt, confirmation pages before irreversible steps, attachment titles, the case page
that puts what is asked first, and 我的办件."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from services.applications.constants import ApplicationStatus, Section
from services.applications.models import Application
from services.files.models import CaseFile
from services.notifications.models import Notification
from tests.factories.accounts import login_verified
from tests.services.applications import builders

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


def statuses(html: str) -> dict[str, str]:
    return dict(re.findall(r'id="task-status-(\w+)"[^>]*>([^<]+)<', html))


@pytest.fixture
def applicant(people, client):
    builders.verify(people.applicant.membership.organisation)
    login_verified(client, people.applicant)
    return people.applicant


@pytest.fixture
def draft(applicant):
    from services.applications import actions

    return actions.start_application(applicant)


def test_task_list_statuses_follow_the_submission_rules(client, draft, key_fields):
    """R-02 … R-04: a fresh draft's sections are 未开始; a half-filled one is 未完成; a filled one 已完成."""
    detail = reverse("service_hall:detail", args=[draft.pk])
    found = statuses(page(client.get(detail)))
    assert found[Section.BASIC] == "未开始" and found[Section.CONDITIONS] == "未开始"
    assert found["submit"] == "暂不能开始"
    client.post(reverse("service_hall:section", args=[draft.pk, "basic"]), {"centre_name": "新能源中心"})
    client.post(
        reverse("service_hall:section", args=[draft.pk, "basis"]), {"construction_basis": "已有数据库。"}
    )
    found = statuses(page(client.get(detail)))
    assert found[Section.BASIC] == "未完成" and found[Section.BASIS] == "已完成"
    assert found[Section.GOALS] == "未开始"


def test_save_and_continue_goes_to_the_next_section_then_check_answers(client, draft):
    section = lambda name: reverse("service_hall:section", args=[draft.pk, name])  # noqa: E731
    response = client.post(section("basis"), {"construction_basis": "已有数据库。", "continue": "1"})
    assert response.status_code == 302 and response["Location"] == section("goals")
    # add another: 保存并继续 with nothing typed goes on without adding a partner
    response = client.post(section("partners"), {"name": "", "credit_code": "", "continue": "1"})
    assert response["Location"] == section("basis") and not draft.partners.exists()
    response = client.post(section("attachments"), {"continue": "1"})
    assert response["Location"] == reverse("service_hall:submit", args=[draft.pk])


def test_submit_page_links_each_missing_item_to_its_field(client, draft):
    """R-02 … R-04: the missing items link to their section and field; the rule codes stay in the code."""
    html = page(client.get(reverse("service_hall:submit", args=[draft.pk])))
    links = re.findall(r'<li><a href="([^"#]+#[^"]+)">([^<]+)</a></li>', html)
    assert len(links) >= 10 and not any("R-0" in text for _, text in links)
    assert (
        f"{reverse('service_hall:section', args=[draft.pk, 'goals'])}#id_goals",
        "未填写“建设目标”。",
    ) in links
    for url, _ in links:
        path, anchor = url.split("#")
        target = client.get(path)
        assert target.status_code == 200 and f'id="{anchor}"' in page(target), url
    assert "确认声明并提交" not in html  # no declaration until the application is complete


def test_check_answers_declaration_confirmation_and_one_receipt(
    client, applicant, django_capture_on_commit_callbacks
):
    """R-03: the declaration is required (a Chinese message, no browser bubble); then the confirmation page
    and a receipt in the inbox and by e-mail, exactly once."""
    application = builders.complete_draft(applicant)
    submit = reverse("service_hall:submit", args=[application.pk])
    html = page(client.get(submit))
    assert "天津市新能源计量数据建设应用中心" in html and html.count(">修改<") >= 12
    assert "resources.pdf" in html
    response = client.post(submit, {})
    assert response.status_code == 400 and "须勾选确认申报声明" in page(response)
    assert re.search(r"<title>错误：", page(response))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit, {"declaration_accepted": "on"})
    assert response["Location"] == reverse("service_hall:confirmation", args=[application.pk])
    confirmation = page(client.get(response["Location"]))
    assert f'confirmation-panel__number">{application.case_number}<' in confirmation
    assert (
        "接下来会怎样" in confirmation
        and reverse("service_hall:detail", args=[application.pk]) in confirmation
    )
    receipts = Notification.objects.filter(recipient=applicant, kind="application_receipt")
    assert sorted(receipts.values_list("channel", flat=True)) == ["email", "inbox"]
    assert any(application.case_number in m.subject and "回执" in m.subject for m in mail.outbox)
    # a second POST is refused and sends nothing more
    client.post(submit, {"declaration_accepted": "on"})
    assert receipts.count() == 2


def test_confirmation_shows_the_guide_time_limit(client, applicant):
    from cms_pages import demo
    from cms_pages.demo import upsert
    from cms_pages.models import ServiceGuidePage
    from tests.cms_pages.conftest import SMALL_DEMO_DATA, RecordingProgress

    upsert.DATA_DIR, previous = SMALL_DEMO_DATA, upsert.DATA_DIR
    try:
        demo.run(RecordingProgress())
    finally:
        upsert.DATA_DIR = previous
    guide = ServiceGuidePage.objects.filter(slug="construction-application").first()
    if guide is None:
        pytest.skip("the small demo data set has no construction-application guide")
    application = builders.submitted(applicant)
    html = page(client.get(reverse("service_hall:confirmation", args=[application.pk])))
    assert f"办理时限为{guide.time_limit}" in html


def test_withdrawal_asks_for_confirmation_first(client, applicant):
    application = builders.submitted(applicant)
    url = reverse("service_hall:withdraw", args=[application.pk])
    response = client.get(url)
    html = page(response)
    assert response.status_code == 200 and "确定撤回筹建申请" in html and "button--warning" in html
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED  # nothing happens on GET
    response = client.post(url, {"reason": "计划调整"})
    application.refresh_from_db()
    assert response.status_code == 302 and application.status == ApplicationStatus.WITHDRAWN


def test_removing_a_file_asks_for_confirmation(client, draft):
    client.post(
        reverse("service_hall:section", args=[draft.pk, "attachments"]),
        {"title": "营业执照副本", "file": builders.pdf("scan-001.pdf")},
    )
    stored = CaseFile.for_object(draft).get()
    assert stored.title == "营业执照副本" and stored.display_name == "营业执照副本"  # the title is used
    url = reverse("service_hall:remove_file", args=[draft.pk, stored.public_id])
    assert "确定删除“营业执照副本”" in page(client.get(url)) and CaseFile.for_object(draft).exists()
    client.post(url)
    assert not CaseFile.for_object(draft).exists()


def test_a_title_without_a_file_keeps_what_was_typed(client, draft):
    response = client.post(
        reverse("service_hall:section", args=[draft.pk, "attachments"]), {"title": "组织机构图"}
    )
    assert response.status_code == 400 and "请选择与附件名称对应的文件" in page(response)
    assert 'value="组织机构图"' in page(response)


def test_over_long_text_and_bad_phone_get_chinese_messages_and_keep_the_rest(client, draft):
    """Bad input: over-long text, a phone number with the wrong number of digits."""
    response = client.post(
        reverse("service_hall:section", args=[draft.pk, "basic"]),
        {"centre_name": "中" * 121, "contact_name": "张工", "contact_phone": "1381234123"},
    )
    html = page(response)
    assert response.status_code == 400
    assert "确保该变量包含不超过 120 字符" in html and "联系电话应为11位手机号码" in html
    assert 'value="张工"' in html and 'value="1381234123"' in html
    draft.refresh_from_db()
    assert draft.centre_name == "" and draft.contact_name == ""


def test_partner_credit_code_check_character(client, draft):
    """R-01, R-03: a partner's credit code with a wrong check character is refused beside the field."""
    response = client.post(
        reverse("service_hall:section", args=[draft.pk, "partners"]),
        {"name": "天津某大学", "credit_code": "91110108551385082A", "add": "1"},
    )
    assert response.status_code == 400 and "统一社会信用代码无效" in page(response)
    assert 'value="天津某大学"' in page(response) and not draft.partners.exists()


def test_case_page_puts_the_correction_list_first(client, applicant, people):
    application = builders.returned(applicant, people.commission_officer)
    html = page(client.get(reverse("service_hall:detail", args=[application.pk])))
    asked, timeline = html.index("需要您办理"), html.index("办理进度")
    assert asked < html.index("补充经费证明") < timeline
    assert "申报书任务清单" in html  # the returned application is edited through the same task list


def test_case_page_of_an_approved_application_gives_the_acceptance_deadline(client, applicant):
    from services.centres.models import Centre
    from services.deadlines.clock import beijing_today
    from services.deadlines.rules import last_day_to_apply_acceptance
    from tests.factories.centres import CentreFactory

    application = builders.submitted(applicant)
    centre = CentreFactory(organisation=applicant.membership.organisation)
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.APPROVED, centre=centre)
    centre = Centre.objects.get(pk=centre.pk)
    deadline = last_day_to_apply_acceptance(centre.construction_end, centre.extended_end)
    html = page(client.get(reverse("service_hall:detail", args=[application.pk])))
    assert "按期申请验收" in html and f"{deadline.year}年{deadline.month}月{deadline.day}日" in html
    assert f"剩余 {(deadline - beijing_today()).days} 天" in html


def test_my_cases_lists_every_case_of_the_unit(client, applicant, people):
    application = builders.returned(applicant, people.commission_officer)
    html = page(client.get(reverse("service_hall:index")))
    assert application.case_number in html and "退回补正" in html
    assert "按补正通知修改申报书后重新提交" in html


def test_another_unit_sees_neither_the_case_nor_its_confirmation_pages(client, applicant, people):
    application = builders.submitted(applicant)
    login_verified(client, people.other_applicant)
    for name in ("detail", "submit", "confirmation", "withdraw"):
        assert client.get(reverse(f"service_hall:{name}", args=[application.pk])).status_code == 404
    assert application.case_number not in page(client.get(reverse("service_hall:index")))
