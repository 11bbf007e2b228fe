"""Readable case records (R-40): one wording on the case pages, in the exports and in the API."""

from datetime import date

import pytest

from services.casework.models import CaseEvent
from services.casework.wording import describe
from services.construction.actions import FlagLapse
from tests.factories.centres import CentreFactory
from tests.services.applications import builders

pytestmark = pytest.mark.django_db


def test_an_event_in_words(people):
    """R-40: the action, the statuses in Chinese, who acted (name and role) and when."""
    people.applicant.full_name = "王申报"
    people.applicant.save()
    application = builders.submitted(people.applicant)
    line = describe(CaseEvent.for_object(application).get(action="submit"))
    assert line.text == "提交申报：草稿 → 已提交"
    assert line.who == "王申报（申请单位用户）"
    assert line.when.startswith(f"{line.at.year}年")
    created = describe(CaseEvent.for_object(application).get(action="create"))
    assert created.text == "创建申报书：草稿"


def test_commission_case_page_shows_words_and_chinese_document_names(client, verified_login, people):
    application = builders.submitted(people.applicant)
    verified_login(people.commission_officer)
    html = client.get(f"/commission/applications/{application.pk}/").content.decode()
    assert "提交申报：草稿 → 已提交" in html
    assert "申报书（PDF）" in html
    assert ">application-form<" not in html and "submit：" not in html


def test_api_timeline_has_the_same_words(client, verified_login, people):
    application = builders.submitted(people.applicant)
    verified_login(people.commission_officer)
    steps = client.get(f"/api/v1/applications/{application.pk}/timeline/").json()
    submit = next(s for s in steps if s["status"] == "submitted")
    assert submit["text"] == "提交申报：草稿 → 已提交" and submit["action"] == "提交申报"


def test_export_and_centre_page_use_the_same_words(client, verified_login, people):
    """R-23, R-40: the system's lapse flag reads the same in the export and on the case page."""
    centre = CentreFactory(
        organisation=people.applicant.membership.organisation, construction_end=date(2025, 1, 31)
    )
    FlagLapse(centre, today=date(2025, 2, 1)).run()
    expected = "筹建期满未申请验收：筹建中 → 筹建期满未申请验收"
    verified_login(people.commission_officer)
    csv = client.get("/supervision/export/case_events.csv").content.decode("utf-8-sig")
    assert expected in csv and "系统" in csv
    verified_login(people.applicant)
    page = client.get(f"/service-hall/construction/{centre.pk}/")
    assert page.status_code == 200 and expected in page.content.decode()
