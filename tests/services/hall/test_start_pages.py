"""Every service starts from its guide (issue 12, items 1 and 6): a start page per service that signs
visitors in with a safe `next`, and lists for an applicant the working forms of their unit's cases."""

import pytest

from services.hall import catalogue
from services.reference.applicant_services import Service

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("service", Service.values)
def test_anonymous_visitors_are_sent_to_sign_in_and_back(client, service):
    response = client.get(f"/service-hall/start/{service}/")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/service-hall/start/{service}/"


def test_an_unknown_service_is_not_found(client):
    assert client.get("/service-hall/start/nothing/").status_code == 404


def test_a_user_who_is_not_an_applicant_is_told_so(client, people, verified_login):
    verified_login(people.commission_officer)
    response = client.get("/service-hall/start/acceptance/")
    assert response.status_code == 403
    assert "本事项由申请单位（建设单位）用户在服务大厅办理" in response.content.decode()


def test_a_new_applicant_starts_a_construction_application_and_then_continues_it(client, people):
    from tests.services.applications.builders import verify

    verify(people.applicant.membership.organisation)
    client.force_login(people.applicant)
    page = client.get("/service-hall/start/construction/").content.decode()
    assert 'action="/service-hall/"' in page and "开始填写筹建申请" in page and "novalidate" in page
    assert client.post("/service-hall/").status_code == 302
    page = client.get("/service-hall/start/construction/").content.decode()
    assert "继续办理 JLSJ-" in page and "开始填写筹建申请" not in page


def test_each_entry_of_a_centre_under_construction_answers(client, people, centre):
    """R-20, R-21, R-22: a centre under construction offers acceptance, extension and a major report."""
    client.force_login(people.applicant)
    for service in (Service.ACCEPTANCE, Service.EXTENSION, Service.MAJOR_SITUATION):
        entries = catalogue.entries(service, people.applicant)
        assert len(entries) == 1 and entries[0].centre_id == centre.pk, service
        assert client.get(entries[0].url, follow=True).status_code == 200, entries[0].url
        page = client.get(f"/service-hall/start/{service}/").content.decode()
        assert entries[0].url in page
    for service in (Service.ANNUAL_REPORT, Service.CHANGE_REPORT, Service.RECTIFICATION):
        assert catalogue.entries(service, people.applicant) == []
        page = client.get(f"/service-hall/start/{service}/").content.decode()
        assert catalogue.UNAVAILABLE[service] in page
    # The centre page offers the same services (item 6).
    centre_page = client.get(f"/service-hall/construction/{centre.pk}/").content.decode()
    assert "可办理的事项" in centre_page
    assert catalogue.entries(Service.MAJOR_SITUATION, people.applicant)[0].url in centre_page


def test_an_established_centre_reports_annually_and_on_changes(client, people, centre):
    """R-30, R-31: only established centres report; the forms answer."""
    from services.centres.constants import CentreStatus

    centre.status = CentreStatus.ESTABLISHED
    centre.established_on = "2026-06-01"
    centre.save()
    client.force_login(people.applicant)
    for service, url in (
        (Service.ANNUAL_REPORT, f"/service-hall/services/annual-report/{centre.pk}/"),
        (Service.CHANGE_REPORT, f"/service-hall/services/change-report/{centre.pk}/"),
    ):
        entries = catalogue.entries(service, people.applicant)
        assert [e.url for e in entries] == [url]  # the service's flow (services.hall.flow)
        assert client.get(url, follow=True).status_code == 200
    assert catalogue.entries(Service.ACCEPTANCE, people.applicant) == []
    # Another unit's member sees none of this unit's centres.
    assert catalogue.entries(Service.ANNUAL_REPORT, people.other_applicant) == []


def test_the_guide_leads_to_its_service_and_shows_its_satisfaction(client, people):
    from wagtail.models import Page

    from cms_pages.models import ServiceGuidePage

    root = Page.get_first_root_node()
    guide = ServiceGuidePage(
        title="验收考核申请办事指南",
        slug="acceptance-guide",
        item_name="验收考核申请",
        legal_basis="第十二条",
        scope="筹建中的中心",
        time_limit="20个工作日",
        agency_name="天津市市场监督管理委员会计量处",
        service=Service.ACCEPTANCE,
    )
    root.add_child(instance=guide)
    assert guide.online_url == "/service-hall/start/acceptance/"
    client.force_login(people.applicant)
    page = client.get("/service-hall/start/acceptance/").content.decode()
    assert "验收考核申请办事指南" in page
