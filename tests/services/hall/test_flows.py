"""Issue 12, item 6: every applicant service runs through the service hall with the same patterns:
form (a task list when long) → 核对信息 with 修改 → declaration → the service's own action → 提交成功 with its
办件编号 and what happens next → one receipt in the inbox and by e-mail. Bad input (the issue's list) gets a
Chinese message beside its field, keeps what was typed and the files that passed, and stores nothing."""

import re

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse

from services.files.models import CaseFile
from services.hall.flow.flows import FLOWS
from services.hall.models import DraftStatus, ServiceDraft
from services.notifications.models import Notification
from tests.services.hall.flow_cases import CASES, SUBJECTS, exe, pdf

pytestmark = pytest.mark.django_db

IDS = [case.flow for case in CASES]


def html(response) -> str:
    return response.content.decode()


def section_url(case, subject, slug):
    return reverse("hall:flow_section", args=[case.flow, subject.pk, slug])


def check_url(case, subject):
    return reverse("hall:flow_check", args=[case.flow, subject.pk])


def fill(client, case, subject, with_file=True):
    """Answer every section with 保存并继续; the first file slot gets a PDF."""
    flow = FLOWS[case.flow]
    for index, part in enumerate(flow.sections):
        data = dict(case.answers[part.slug])
        if with_file and index == 0 and part.files:
            data[f"upload_{part.files[0].key}"] = pdf()
        response = client.post(section_url(case, subject, part.slug), data)
        assert response.status_code == 302, html(response)
    return response


@pytest.fixture
def start(client, people):
    def make(case):
        subject = SUBJECTS[case.flow](people)
        client.force_login(people.applicant)
        return subject

    return make


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_flow_from_the_form_to_the_confirmation_and_one_receipt(
    client, people, start, case, django_capture_on_commit_callbacks
):
    """The same patterns for every service: check answers shows every answer and file, the declaration
    is required (Chinese, beside the box), the confirmation shows the number and the next step, and the
    receipt reaches the inbox and the e-mail once, however often the page is posted."""
    subject = start(case)
    flow = FLOWS[case.flow]
    begin = client.get(reverse("hall:flow", args=[case.flow, subject.pk]))
    if flow.is_long:
        assert begin.status_code == 200 and "task-list" in html(begin) and "未开始" in html(begin)
    else:
        assert begin.status_code == 302 and begin["Location"] == section_url(case, subject, "main")
    last = fill(client, case, subject)
    assert last["Location"] == check_url(case, subject)
    if flow.is_long:
        assert (
            html(client.get(reverse("hall:flow", args=[case.flow, subject.pk]))).count("status-tag--done")
            == 3
        )

    page = html(client.get(check_url(case, subject)))
    for shown in case.shown:
        assert shown in page, shown
    assert page.count(">修改<") == len(flow.field_names) + len(flow.slots)
    assert "证明材料.pdf" in page and "确认声明并提交" in page

    model = apps.get_model(case.record)
    refused = client.post(check_url(case, subject), {})
    assert refused.status_code == 400 and re.search(r"<title>错误：", html(refused))
    assert "请勾选声明" in html(refused) and 'id="id_declaration_accepted_error"' in html(refused)
    assert model.objects.count() == 0

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(check_url(case, subject), {"declaration_accepted": "on"})
    draft = ServiceDraft.objects.get(flow=case.flow, subject_id=subject.pk)
    assert response.status_code == 302 and response["Location"] == reverse(
        "hall:flow_confirmation", args=[draft.pk]
    )
    record = model.objects.get()
    assert draft.status == DraftStatus.SUBMITTED and draft.record == record and draft.declaration_text
    assert [f.original_name for f in CaseFile.for_object(record)] == ["证明材料.pdf"]
    assert not CaseFile.for_object(draft).exists()

    confirmation = html(client.get(response["Location"]))
    number = flow.number(record)
    assert number and f'confirmation-panel__number">{number}<' in confirmation
    assert "接下来会怎样" in confirmation and flow.next_steps[0] in confirmation
    assert flow.case_url(record).split("#")[0] in confirmation
    assert client.get(flow.case_url(record)).status_code == 200

    receipts = Notification.objects.filter(recipient=people.applicant, kind="hall_receipt")
    assert sorted(receipts.values_list("channel", flat=True)) == ["email", "inbox"]
    assert [m for m in mail.outbox if "回执" in m.subject and number in m.subject]
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(check_url(case, subject), {"declaration_accepted": "on"})
    assert again.status_code == 302 and model.objects.count() == 1 and receipts.count() == 2


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_change_returns_to_the_field_with_its_value(client, start, case):
    subject = start(case)
    fill(client, case, subject, with_file=False)
    page = html(client.get(check_url(case, subject)))
    field, value = next(iter(case.answers[FLOWS[case.flow].sections[-1].slug].items()))
    link = re.search(rf'href="([^"]+)#id_{field}">修改', page)
    assert link, page
    target = html(client.get(link.group(1)))
    assert f'id="id_{field}"' in target and value in target
    again = client.post(link.group(1), case.answers[FLOWS[case.flow].sections[-1].slug])
    assert again.status_code == 302 and again["Location"] == check_url(case, subject), html(again)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_an_empty_required_field_is_named_and_the_rest_is_kept(client, start, case):
    subject = start(case)
    flow = FLOWS[case.flow]
    part = flow.section_of_field(case.required)
    data = {**case.answers[part.slug], case.required: ""}
    others = [v for k, v in data.items() if k != case.required and v and not v.isdigit()]
    response = client.post(section_url(case, subject, part.slug), data)
    page = html(response)
    assert response.status_code == 400 and re.search(r"<title>错误：", page)
    assert f'id="id_{case.required}_error"' in page and f'href="#id_{case.required}"' in page
    label = str(flow.make_form(subject, None).fields[case.required].label)
    assert f"请填写“{flow.labels.get(case.required, label)}”" in page
    for value in others:
        assert value in page
    assert apps.get_model(case.record).objects.count() == 0


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_over_long_text_is_refused_beside_its_field(client, start, case):
    subject = start(case)
    part = FLOWS[case.flow].section_of_field(case.required)
    data = {**case.answers[part.slug], case.required: "长" * 5001}
    page = html(client.post(section_url(case, subject, part.slug), data))
    assert f'id="id_{case.required}_error"' in page and "不能超过5000个字" in page


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_renamed_executable_is_named_and_the_valid_file_is_kept(client, start, case):
    subject = start(case)
    flow = FLOWS[case.flow]
    part = flow.sections[0]
    slot = f"upload_{part.files[0].key}"
    data = {**case.answers[part.slug], slot: [pdf("营业执照.pdf"), exe("说明.pdf")]}
    response = client.post(section_url(case, subject, part.slug), data)
    page = html(response)
    assert response.status_code == 400
    assert (
        f'id="id_{slot}_error"' in page and "文件“说明.pdf”未能上传" in page and f'href="#id_{slot}"' in page
    )
    assert "营业执照.pdf" in page and "无需重新选择" in page
    draft = ServiceDraft.objects.get(flow=case.flow, subject_id=subject.pk)
    assert [f.original_name for f in CaseFile.for_object(draft)] == ["营业执照.pdf"]
    for value in case.answers[part.slug].values():
        assert value in page


def test_removing_a_kept_file_asks_first(client, start):
    case = CASES[1]  # 延期验收申请
    subject = start(case)
    client.post(section_url(case, subject, "main"), {**case.answers["main"], "upload_files": pdf()})
    draft = ServiceDraft.objects.get(flow=case.flow)
    kept = CaseFile.for_object(draft).get()
    url = reverse("hall:flow_remove_file", args=[case.flow, subject.pk, kept.public_id])
    page = html(client.get(url))
    assert "确定删除“证明材料.pdf”？" in page and "button--warning" in page
    assert CaseFile.for_object(draft).exists()
    assert client.post(url)["Location"] == section_url(case, subject, "main")
    assert not CaseFile.for_object(draft).exists()


def test_the_services_own_refusal_is_shown_beside_its_field(client, start):
    """R-22: a proposed assessment date more than a year after the original end is refused by the action;
    the page says so, keeps the reason typed, and nothing is stored."""
    case = CASES[1]
    subject = start(case)
    data = {"reason": "设备延迟。", "proposed_assessment_on": "2029-01-01"}
    response = client.post(section_url(case, subject, "main"), data)
    page = html(response)
    assert response.status_code == 400 and "延长时限不超过1年" in page and "设备延迟。" in page
    assert apps.get_model(case.record).objects.count() == 0


def test_an_annual_report_year_outside_the_allowed_years_is_refused_beside_the_year(client, start):
    """R-30: the action's field-keyed refusal comes back beside the year."""
    case = CASES[5]
    subject = start(case)
    data = {**case.answers["main"], "year": "2019"}
    page = html(client.post(section_url(case, subject, "main"), data))
    assert 'id="id_year_error"' in page and "2019年度无需报送" in page


def test_another_unit_cannot_open_the_flow(client, people):
    subject = SUBJECTS["extension"](people)
    client.force_login(people.other_applicant)
    assert client.get(reverse("hall:flow_section", args=["extension", subject.pk, "main"])).status_code == 404
    client.force_login(people.applicant)
    assert client.get(reverse("hall:flow_section", args=["extension", subject.pk, "main"])).status_code == 200


def test_the_centre_and_case_pages_lead_into_the_flows(client, people):
    """Item 6: each service is reached from the centre page (and the case page) as well as its guide."""
    centre = SUBJECTS["extension"](people)
    client.force_login(people.applicant)
    page = html(client.get(reverse("construction:centre", args=[centre.pk])))
    for key in ("acceptance", "extension", "major-situation"):
        assert reverse("hall:flow", args=[key, centre.pk]) in page, key
    rectification = SUBJECTS["follow-up"](people)
    page = html(client.get(reverse("supervision:rectification", args=[rectification.pk])))
    assert reverse("hall:flow", args=["follow-up", rectification.pk]) in page
    application = SUBJECTS["acceptance-rectification"](people)
    page = html(client.get(reverse("acceptance:detail", args=[application.pk])))
    assert reverse("hall:flow", args=["acceptance-rectification", application.pk]) in page
    page = html(client.get(reverse("construction:centre", args=[application.centre_id])))
    assert reverse("hall:flow", args=["acceptance-rectification", application.pk]) in page
