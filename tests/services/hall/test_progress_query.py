"""The public 办件进度查询 (issue 12, item 7 and its "Bad input"): no account; status and the public
wording of the timeline only; a wrong pair answers as an unknown number; rate-limited per IP address."""

import re

import pytest
from django.core.cache import caches

from services.hall.progress import normalise

pytestmark = pytest.mark.django_db
URL = "/service-hall/progress/"


@pytest.fixture(autouse=True)
def fresh_rate_limit(settings):
    settings.RATELIMIT_ENABLE = True  # off for the rest of the suite (portal/settings/test.py)
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


@pytest.fixture
def returned_case(people):
    from tests.services.applications.builders import returned

    return returned(people.applicant, people.commission_officer)


def same_page(response, typed_number: str) -> str:
    """The page without what differs by design: the CSRF token and the number typed back into the field."""
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return body.replace(f'value="{typed_number}"', "value=<number>")


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def test_normalise_removes_spaces_and_full_width_forms():
    assert normalise(" ｊｌｓｊ－２０２６－０００１ ") == "JLSJ-2026-0001"
    assert normalise("JLSJ 2026\u3000- 0001") == "JLSJ2026-0001"
    assert normalise("jlsj—2026–0001") == "JLSJ-2026-0001"


def test_the_case_is_found_by_number_and_credit_code_with_status_and_public_wording_only(
    client, people, returned_case
):
    code = people.applicant.membership.organisation.credit_code
    response = client.post(URL, {"case_number": returned_case.case_number, "credit_code": code})
    body = response.content.decode()
    assert response.status_code == 200
    assert "退回补正" in body and "申报材料需补正" in body and "申报材料已提交，等待市市场监管委受理" in body
    # No personal data: no unit, person, phone, reason or internal wording.
    organisation = people.applicant.membership.organisation
    for private in (
        organisation.name,
        returned_case.contact_name,
        returned_case.contact_phone,
        "补充经费证明",
    ):
        assert private not in body
    assert (
        people.commission_officer.get_full_name() not in body
        if people.commission_officer.get_full_name()
        else True
    )


def test_spaces_and_full_width_characters_are_normalised(client, people, returned_case):
    code = people.applicant.membership.organisation.credit_code
    typed = " " + full_width(returned_case.case_number.lower()).replace("－", " － ") + " "
    response = client.post(URL, {"case_number": typed, "credit_code": full_width(code.lower())})
    assert response.status_code == 200 and "申报材料需补正" in response.content.decode()


def test_a_wrong_pair_answers_exactly_as_an_unknown_number(client, people, returned_case):
    other_code = people.other_applicant.membership.organisation.credit_code
    wrong = client.post(URL, {"case_number": returned_case.case_number, "credit_code": other_code})
    unknown = client.post(URL, {"case_number": "JLSJ-2026-9999", "credit_code": other_code})
    assert wrong.status_code == unknown.status_code == 200
    assert "未查询到办件" in wrong.content.decode()
    assert same_page(wrong, returned_case.case_number) == same_page(unknown, "JLSJ-2026-9999")
    assert "申报材料需补正" not in wrong.content.decode()


def test_a_malformed_number_gets_a_chinese_message_and_keeps_what_was_typed(client):
    response = client.post(URL, {"case_number": "12345", "credit_code": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert "办件编号格式不正确" in body and "请输入申请单位的统一社会信用代码。" in body
    assert 'value="12345"' in body and "<title>错误：" in body and "novalidate" in body


def test_lookups_are_rate_limited_per_ip_address_with_a_chinese_message(client, people, returned_case):
    data = {"case_number": "JLSJ-2026-9999", "credit_code": "91120116MA05T8XX1Y"}
    statuses = [client.post(URL, data, REMOTE_ADDR="10.0.0.1").status_code for _ in range(11)]
    assert statuses[:10] == [200] * 10 and statuses[10] == 429
    limited = client.post(URL, data, REMOTE_ADDR="10.0.0.1")
    assert limited.status_code == 429 and "您的查询次数过多，请一分钟后再试。" in limited.content.decode()
    # Another address is not affected; the page itself (GET) is never limited.
    assert client.post(URL, data, REMOTE_ADDR="10.0.0.2").status_code == 200
    assert client.get(URL, REMOTE_ADDR="10.0.0.1").status_code == 200
