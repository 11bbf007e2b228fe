"""R-21 through the service hall's own form: POST /service-hall/construction/{id}/acceptance/ answered 500
("'MultiValueDict' object is not callable": the form's `files()` was shadowed by Django's `form.files`)."""

import pytest
from django.urls import reverse

from services.acceptance.models import AcceptanceApplication
from services.files.models import CaseFile
from tests.factories.accounts import login_verified

from .conftest import TEXTS

pytestmark = pytest.mark.django_db


def test_the_owner_applies_through_the_form(client, people, centre, pdf_upload):
    """R-21: the owner's POST of the three materials with a file creates the case, no 500."""
    login_verified(client, people.applicant)
    data = {**TEXTS, "summary_report_files": [pdf_upload("总结报告.pdf")]}
    response = client.post(reverse("acceptance:apply", args=[centre.pk]), data)
    application = AcceptanceApplication.objects.get(centre=centre)
    assert response.status_code == 302 and response["Location"] == reverse(
        "acceptance:detail", args=[application.pk]
    )
    assert CaseFile.for_object(application).get().original_name == "总结报告.pdf"


def test_a_refused_file_is_named_and_what_was_typed_comes_back(client, people, centre, exe_upload):
    """R-21: a renamed executable is refused with its name and reason, beside the field; nothing saved."""
    login_verified(client, people.applicant)
    response = client.post(
        reverse("acceptance:apply", args=[centre.pk]), {**TEXTS, "follow_up_plan_files": exe_upload}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "报告.pdf" in html and "存在以下问题" in html
    assert TEXTS["summary_report"] in html
    assert not AcceptanceApplication.objects.exists()


def test_an_empty_material_gets_a_message_beside_its_field(client, people, centre):
    login_verified(client, people.applicant)
    response = client.post(reverse("acceptance:apply", args=[centre.pk]), {**TEXTS, "follow_up_plan": ""})
    html = response.content.decode()
    assert response.status_code == 400 and 'id="id_follow_up_plan_error"' in html
    assert '<a href="#id_follow_up_plan">' in html


def test_the_rectification_asked_of_the_unit_comes_first_on_its_case_page(client, people, applied):
    """R-25: below 80 points the unit rectifies by a deadline; its case page says so first, with days left."""
    from datetime import date

    from services.deadlines.clock import beijing_today
    from services.deadlines.rules import days_left_text

    deadline = date(2027, 5, 1)
    AcceptanceApplication.objects.filter(pk=applied.pk).update(
        status="rectifying", rectification_deadline=deadline
    )
    login_verified(client, people.applicant)
    html = client.get(reverse("acceptance:detail", args=[applied.pk])).content.decode()
    box = html.index("需要您办理：限期整改")
    assert box < html.index("申请材料")
    assert "2027年5月1日" in html[box:] and days_left_text(deadline, beijing_today()) in html[box:]
    login_verified(client, people.commission_officer)
    assert "需要您办理" not in client.get(reverse("acceptance:detail", args=[applied.pk])).content.decode()


def test_a_refused_file_keeps_the_other_files_of_the_save_with_their_titles(
    client, people, centre, pdf_upload, exe_upload
):
    """Issue 12, item 4 (R-21): a refused file is named with its reason beside its field; the valid file of
    the same save is kept with its title, listed, and goes with the application when it is submitted."""
    login_verified(client, people.applicant)
    url = reverse("acceptance:apply", args=[centre.pk])
    data = {
        **TEXTS,
        "summary_report_files": [pdf_upload("总结报告.pdf")],
        "summary_report_title": "筹建工作总结报告（盖章版）",
        "follow_up_plan_files": [exe_upload],
    }
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 400 and "存在以下问题" in html
    assert "文件“报告.pdf”未上传：" in html and 'id="id_follow_up_plan_files_error"' in html
    assert "已保留的附件" in html and "筹建工作总结报告（盖章版）（总结报告.pdf）" in html
    assert TEXTS["written_application"] in html and "筹建工作总结报告（盖章版）" in html
    assert not AcceptanceApplication.objects.exists()

    # The next save need not choose the kept file again.
    response = client.post(url, TEXTS)
    application = AcceptanceApplication.objects.get(centre=centre)
    assert response.status_code == 302
    kept = CaseFile.for_object(application).get()
    assert (kept.original_name, kept.title, kept.purpose) == (
        "总结报告.pdf",
        "筹建工作总结报告（盖章版）",
        "summary_report",
    )
    assert not CaseFile.for_object(centre).exists()  # nothing left held on the centre


def test_a_kept_file_can_be_removed_before_submission(client, people, centre, pdf_upload):
    """A file kept from a refused save (here: an empty material) can be taken back before submitting."""
    login_verified(client, people.applicant)
    url = reverse("acceptance:apply", args=[centre.pk])
    refused = client.post(url, {**TEXTS, "follow_up_plan": "", "written_application_files": [pdf_upload()]})
    assert refused.status_code == 400 and 'id="id_follow_up_plan_error"' in refused.content.decode()
    held = CaseFile.for_object(centre).get()
    assert held.original_name in refused.content.decode() and str(held.public_id) in refused.content.decode()
    assert client.post(url, {**TEXTS, "remove_held": [str(held.public_id), "not-an-id"]}).status_code == 302
    application = AcceptanceApplication.objects.get(centre=centre)
    assert not CaseFile.for_object(application).exists() and not CaseFile.objects.exists()


def test_titles_are_used_and_an_over_long_title_keeps_neither_title_nor_its_files(
    client, people, centre, pdf_upload
):
    """A title names the files of its material; one over 100 characters is refused beside its field."""
    login_verified(client, people.applicant)
    url = reverse("acceptance:apply", args=[centre.pk])
    long_title = "名" * 101
    refused = client.post(
        url, {**TEXTS, "written_application_files": [pdf_upload()], "written_application_title": long_title}
    )
    assert refused.status_code == 400 and "附件名称不能超过100个字符。" in refused.content.decode()
    assert not CaseFile.objects.exists()
    data = {
        **TEXTS,
        "written_application_files": [pdf_upload("申请书.pdf")],
        "written_application_title": "验收申请书",
    }
    assert client.post(url, data).status_code == 302
    stored = CaseFile.for_object(AcceptanceApplication.objects.get(centre=centre)).get()
    assert (stored.display_name, stored.purpose) == ("验收申请书", "written_application")


def test_a_held_file_is_downloaded_only_by_the_unit_until_it_is_submitted(client, people, centre, pdf_upload):
    """Decision 0112 (R-32): a file held from a refused save is the unit's unsubmitted draft. Everyone
    else who sees the centre (the commission, the district's bureau, the system administrator, a partner
    unit, an expert it is shared with) gets the same 404 as for no file at all; once submitted, the file
    is the case's and the case's rule applies (the commission and the bureau download it)."""
    from accounts.permissions import grant

    partner = people.other_applicant.membership.organisation
    centre.partners.add(partner)
    grant(people.expert, "centres.view_centre", centre)
    login_verified(client, people.applicant)
    url = reverse("acceptance:apply", args=[centre.pk])
    client.post(url, {**TEXTS, "follow_up_plan": "", "summary_report_files": [pdf_upload("草稿总结.pdf")]})
    held = CaseFile.for_object(centre).get()
    download = reverse("files:download", args=[held.public_id])
    assert client.get(download).status_code == 200
    others = [
        people.commission_officer,
        people.commission_leader,
        people.bureau_officer,
        people.other_bureau_officer,
        people.sysadmin,
        people.other_applicant,
        people.expert,
        people.unassigned_expert,
    ]
    for other in others:
        login_verified(client, other)
        response = client.get(download)
        assert response.status_code == 404, other.username
        assert "草稿总结" not in response.content.decode()

    login_verified(client, people.applicant)
    assert client.post(url, TEXTS).status_code == 302
    for seer in (people.commission_officer, people.bureau_officer):
        login_verified(client, seer)
        assert client.get(download).status_code == 200, seer.username
    login_verified(client, people.other_bureau_officer)
    assert client.get(download).status_code == 404
