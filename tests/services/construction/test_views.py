"""The builder's construction page and the forms behind it (R-20 … R-22, R-42)."""

from datetime import date

import pytest

from services.construction.models import ExtensionRequest, MajorSituationReport

pytestmark = pytest.mark.django_db


def test_builder_page_shows_task_book_targets_and_deadlines_with_days_left(
    people, centre, client, time_machine
):
    """R-20, R-42: task book, targets, deadlines and the days left from the engine (Beijing today)."""
    time_machine.move_to("2027-02-17T16:30:00Z", tick=False)  # 2027-02-18 in Beijing
    client.force_login(people.applicant)
    html = client.get(f"/service-hall/construction/{centre.pk}/").content.decode()
    assert centre.task_book.number in html and "建成覆盖全市重点行业的计量数据资源库" in html
    assert "2027年2月28日" in html and "剩余 10 天" in html
    assert "2027年5月31日" in html and "剩余 102 天" in html


def test_report_form_posts_through_the_action(people, centre, client, pdf_upload):
    """R-20: text and files through the page."""
    client.force_login(people.applicant)
    response = client.post(
        f"/service-hall/construction/{centre.pk}/reports/new/",
        {"title": "场地变更", "body": "机房搬迁。", "files": [pdf_upload()]},
    )
    assert response.status_code == 302
    assert MajorSituationReport.objects.get().title == "场地变更"


def test_extension_after_the_last_day_via_the_page_is_refused_with_the_date(
    people, centre, client, time_machine
):
    """R-22: refused after the last day, with the date in the message, nothing saved."""
    time_machine.move_to("2027-02-28T16:00:00Z", tick=False)  # 2027-03-01 00:00 in Beijing
    client.force_login(people.applicant)
    response = client.post(
        f"/service-hall/construction/{centre.pk}/extension/",
        {"reason": "延期", "proposed_assessment_on": "2028-01-01"},
    )
    assert response.status_code == 400 and "2027年2月28日" in response.content.decode()
    assert not ExtensionRequest.objects.exists()


def test_extension_at_23_59_59_beijing_on_the_last_day_is_accepted(people, centre, client, time_machine):
    """R-42: the last day lasts until 23:59:59 Beijing time."""
    time_machine.move_to("2027-02-28T15:59:59Z", tick=False)
    client.force_login(people.applicant)
    response = client.post(
        f"/service-hall/construction/{centre.pk}/extension/",
        {"reason": "延期", "proposed_assessment_on": "2028-01-01"},
    )
    assert response.status_code == 302
    assert ExtensionRequest.objects.get().submitted_on == date(2027, 2, 28)


def test_bad_dates_in_forms_get_a_chinese_message(people, centre, client):
    """Bad input: an unparsable date is refused with a Chinese message; nothing saved."""
    client.force_login(people.applicant)
    response = client.post(
        f"/service-hall/construction/{centre.pk}/extension/",
        {"reason": "x", "proposed_assessment_on": "明年"},
    )
    assert response.status_code == 400 and "请输入有效的日期" in response.content.decode()
    assert not ExtensionRequest.objects.exists()


def test_acceptance_application_via_api_after_the_last_day_is_refused(people, centre, time_machine):
    """R-21: the API refuses a late application with the date; nothing saved."""
    from rest_framework.test import APIClient

    from tests.services.acceptance.conftest import TEXTS

    time_machine.move_to("2027-03-01T04:00:00Z", tick=False)
    api = APIClient()
    api.force_authenticate(people.applicant)
    response = api.post("/api/v1/acceptance/applications/", {"centre": centre.pk, **TEXTS}, format="json")
    assert response.status_code == 400 and "2027年2月28日" in response.json()["detail"]


def test_the_centre_page_shows_its_records_only_to_those_who_see_the_centres_records(
    people, centre, client, pdf_upload
):
    """R-32, docs/decisions/0070: the system administrator, a partner unit and an expert the centre is
    shared with see the centre's register entry, but none of its records: not the task book, the major
    situation reports with their files, the extension, the deadlines or the history. The commission, the
    district's bureau and the unit see them all; another district's bureau not even the page."""
    from accounts.permissions import grant
    from services.construction.actions import RequestExtension, SubmitMajorReport
    from tests.factories.accounts import login_verified

    report = SubmitMajorReport(
        people.applicant, centre, title="机密的场地变更", body="机房搬迁到保密地点。", files=[pdf_upload()]
    ).run()
    RequestExtension(
        people.applicant,
        centre,
        reason="延期",
        proposed_assessment_on=date(2028, 1, 1),
        today=date(2027, 1, 5),
    ).run()
    centre.partners.add(people.other_applicant.membership.organisation)
    grant(people.expert, "centres.view_centre", centre)
    record_texts = [
        report.title,
        report.body,
        report.case_number,
        centre.task_book.number,
        "延期验收",
        "办理记录",
        "2027年2月28日",
    ]
    url = f"/service-hall/construction/{centre.pk}/"
    for seer in (people.applicant, people.commission_officer, people.bureau_officer):
        login_verified(client, seer)
        html = client.get(url).content.decode()
        assert all(text in html for text in record_texts), seer.username
    for register_only in (people.sysadmin, people.other_applicant, people.expert):
        login_verified(client, register_only)
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200 and centre.name in html, register_only.username
        assert [text for text in record_texts if text in html] == [], register_only.username
    login_verified(client, people.other_bureau_officer)
    assert client.get(url).status_code == 404


def test_the_centres_api_gives_the_deadlines_only_to_those_who_see_the_centres_records(people, centre):
    """R-32, R-42: the deadlines include the acceptance case's (rectification, notice); the system
    administrator and a partner unit get the register's entry with its dates, not the case's deadlines."""
    from rest_framework.test import APIClient

    centre.partners.add(people.other_applicant.membership.organisation)
    url = f"/api/v1/construction/centres/{centre.pk}/"
    for who, sees in (
        (people.applicant, True),
        (people.commission_officer, True),
        (people.bureau_officer, True),
        (people.sysadmin, False),
        (people.other_applicant, False),
    ):
        client = APIClient()
        client.force_authenticate(who)
        response = client.get(url)
        assert response.status_code == 200, who.username
        assert bool(response.json()["deadlines"]) == sees, who.username
        assert response.json()["construction_end"] == str(centre.construction_end)
