"""The public 办件进度查询 finds a case of every applicant service (issue 12, item 7): each kind gets its
办件编号 on submission, and is answered through HTTP with its status and public timeline only; a wrong
pair answers exactly as an unknown number of the same kind."""

from datetime import date

import pytest
from django.core.cache import caches

from services.casework import numbering
from services.deadlines.clock import beijing_today
from services.hall import kinds
from services.reference.applicant_services import Service
from tests.services.hall.test_progress_query import full_width, same_page

pytestmark = pytest.mark.django_db
URL = "/service-hall/progress/"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


def _acceptance(people, centre):
    """R-21: the builder applies for acceptance."""
    from services.acceptance.actions import ApplyForAcceptance
    from tests.services.acceptance.conftest import APPLIED_ON, TEXTS

    case = ApplyForAcceptance(people.applicant, centre, texts=TEXTS, today=APPLIED_ON).run()
    return case, ["验收申请已提交，等待市市场监管委组织验收考核"], ["筹建工作总结：建成计量数据资源库。"]


def _extension(people, centre):
    """R-22: one extension request, decided by the commission."""
    from services.construction.actions import DecideExtension, RequestExtension

    case = RequestExtension(
        people.applicant,
        centre,
        reason="关键设备到货延迟。",
        proposed_assessment_on=date(2027, 11, 30),
        today=date(2026, 12, 1),
    ).run()
    DecideExtension(
        people.commission_leader, case, approve=True, new_end=date(2027, 11, 30), reason="同意。"
    ).run()
    case.refresh_from_db()
    wording = ["延期验收申请已提交，等待市市场监管委审核", "市市场监管委已同意延期验收"]
    return case, wording, ["关键设备到货延迟。", "同意。"]


def _major_situation(people, centre):
    """R-20: a major situation reported during construction."""
    from services.construction.actions import SubmitMajorReport

    case = SubmitMajorReport(people.applicant, centre, title="主要负责人变更", body="原负责人调离。").run()
    return case, ["重大情况报告已报送，市市场监管委已接收"], ["主要负责人变更", "原负责人调离。"]


def _established(centre):
    from services.centres.constants import CentreStatus

    centre.status, centre.established_on = CentreStatus.ESTABLISHED, date(2025, 6, 15)
    centre.save(update_fields=["status", "established_on"])
    return centre


def _annual_report(people, centre):
    """R-30: the annual work summary of an established centre."""
    from services.supervision.actions import SubmitAnnualReport

    case = SubmitAnnualReport(
        people.applicant, centre=_established(centre), year=2026, summary="全年服务企业三十家。"
    ).run()
    return case, ["2026年度工作总结报告已报送，已接收"], ["全年服务企业三十家。"]


def _change_report(people, centre):
    """R-31: a major change of an established centre."""
    from services.supervision.actions import SubmitChangeReport

    case = SubmitChangeReport(
        people.applicant,
        centre=_established(centre),
        category="capability",
        description="新增数据服务能力。",
        effective_on=date(2026, 11, 1),
    ).run()
    return case, ["重大变化报告已报送，已接收"], ["新增数据服务能力。"]


def _rectification(people, centre):
    """R-32: a rectification issued after a daily inspection, and the centre's 整改情况报告 on it."""
    from services.supervision.models import FollowUp
    from tests.factories.supervision import InspectionFactory, RectificationFactory

    case = RectificationFactory(inspection=InspectionFactory(centre=_established(centre)))
    FollowUp.objects.create(
        rectification=case, outcome="reported", note="已补齐服务记录。", recorded_on=date(2026, 6, 1)
    )
    wording = ["已下达整改通知，请按期整改并报送整改情况", "整改情况已报送，等待核查"]
    return case, wording, ["补齐服务记录。", "已补齐服务记录。"]


BUILDERS = {
    Service.ACCEPTANCE: _acceptance,
    Service.EXTENSION: _extension,
    Service.MAJOR_SITUATION: _major_situation,
    Service.RECTIFICATION: _rectification,
    Service.ANNUAL_REPORT: _annual_report,
    Service.CHANGE_REPORT: _change_report,
}


def test_every_applicant_service_is_registered_under_its_own_prefix():
    services = {kind.service for kind in kinds.REGISTRY.values()}
    assert services == set(Service)
    assert set(kinds.REGISTRY) == set(numbering.PREFIXES)


@pytest.mark.parametrize("service", list(BUILDERS), ids=lambda s: s.value)
def test_each_kind_is_found_with_its_status_and_public_timeline_only(client, people, centre, service):
    case, wording, private = BUILDERS[service](people, centre)
    kind = kinds.kind_of(case.case_number)
    assert kind.service == service and case.case_number.startswith(kind.prefix + "-")
    code = people.applicant.membership.organisation.credit_code
    response = client.post(URL, {"case_number": case.case_number, "credit_code": code})
    body = response.content.decode()
    assert response.status_code == 200 and "查询结果" in body
    assert case.case_number in body and service.label in body and kind.status(case) in body
    for line in wording:
        assert line in body
    # No personal data: not the unit, the centre, a person, nor the content of what was submitted.
    for text in [people.applicant.membership.organisation.name, centre.name, str(people.applicant), *private]:
        assert text not in body


@pytest.mark.parametrize("service", list(BUILDERS), ids=lambda s: s.value)
def test_a_wrong_pair_answers_exactly_as_an_unknown_number_of_the_same_kind(client, people, centre, service):
    case, wording, _private = BUILDERS[service](people, centre)
    other_code = people.other_applicant.membership.organisation.credit_code
    unknown_number = f"{numbering.prefix_of(case.case_number)}-2026-9999"
    wrong = client.post(URL, {"case_number": case.case_number, "credit_code": other_code})
    unknown = client.post(URL, {"case_number": unknown_number, "credit_code": other_code})
    assert wrong.status_code == unknown.status_code == 200
    assert "未查询到办件" in wrong.content.decode() and wording[0] not in wrong.content.decode()
    assert same_page(wrong, case.case_number) == same_page(unknown, unknown_number)


@pytest.mark.parametrize("service", list(BUILDERS), ids=lambda s: s.value)
def test_spaces_and_full_width_characters_are_normalised_for_every_kind(client, people, centre, service):
    case, wording, _private = BUILDERS[service](people, centre)
    code = people.applicant.membership.organisation.credit_code
    typed = " " + full_width(case.case_number.lower()).replace("－", " － ") + " "
    response = client.post(URL, {"case_number": typed, "credit_code": full_width(code.lower())})
    assert response.status_code == 200 and wording[0] in response.content.decode()


def test_a_number_of_no_service_answers_as_an_unknown_number(client, people):
    code = people.applicant.membership.organisation.credit_code
    unregistered = client.post(URL, {"case_number": "JLXX-2026-0001", "credit_code": code})
    unknown = client.post(URL, {"case_number": "JLSJ-2026-9999", "credit_code": code})
    assert unregistered.status_code == unknown.status_code == 200
    assert same_page(unregistered, "JLXX-2026-0001") == same_page(unknown, "JLSJ-2026-9999")


def test_numbers_are_given_on_submission_in_sequence_per_service_and_year(people, centre):
    """Each submission takes the next number of its own prefix; the year is that of the submission."""
    first, _, _ = _major_situation(people, centre)
    second, _, _ = _major_situation(people, centre)
    year = beijing_today().year  # the report's submission is its creation, today
    assert first.case_number == f"JLQK-{year}-0001" and second.case_number == f"JLQK-{year}-0002"
    acceptance, _, _ = _acceptance(people, centre)
    assert acceptance.case_number == "JLYS-2027-0001"  # submitted on 2027-02-01
