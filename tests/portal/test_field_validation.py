"""The API refuses what the page forms refuse (issue 15 item 4): one validator module
(services.reference.validators, services.deadlines.plausibility) serves both.

A matrix: every phone, credit code, e-mail, name or title, date and free-text field of every page form and of
every API request body (tests/portal/field_inventory.py finds them from the code) against the same refused
inputs; each must be refused, with a Chinese message. Then the issue's own examples end to end.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from knox.models import AuthToken
from rest_framework.test import APIClient, APIRequestFactory

from services.deadlines import clock
from services.deadlines.plausibility import (
    effective_date_window,
    rectification_deadline_window,
    validate_effective_date,
    validate_plausible_date,
    validate_rectification_deadline,
)
from services.deadlines.rules import add_years
from services.reference import validators
from tests.portal.field_inventory import api_errors, api_inputs, form_errors, form_inputs

pytestmark = pytest.mark.django_db

HAN = "字"
RTL_NAME = "李\u202egnp.exe\u202c四"


def refused_inputs(kind: str, bound: int | None, today: date) -> list:
    """The inputs a field of this kind must refuse."""
    iso = date.isoformat
    if kind == "phone":
        return ["call-me-maybe", "1234", "1381234567890123", "02212"]
    if kind == "credit_code":
        return ["91110108551385082A", "9111010855138508", "91110108551385082Ⅰ", "ABCDEFGHJKLMNPQRTU"]
    if kind == "email":
        return ["not-an-email", "a@b", "李四@"]
    if kind == "name":
        return [
            RTL_NAME,
            "张\u200b三",
            "王\ufeff五",
            "赵\u2066六\u2069",
            "钱\u2060七",
            "孙\u200f八",
            "周\u00ad九",
            HAN * ((bound or 0) + 1),
        ]
    if kind == "text":
        return [HAN * ((bound or 0) + 1)]
    if kind == "rectification_deadline":
        return [
            "9999-12-31",
            "0001-01-01",
            iso(today - timedelta(days=1)),
            iso(add_years(today, 1) + timedelta(days=1)),
        ]
    if kind == "effective_date":
        return [
            "9999-12-31",
            "0001-01-01",
            iso(add_years(today, -1) - timedelta(days=1)),
            iso(add_years(today, 1) + timedelta(days=1)),
        ]
    if kind == "date":
        return ["9999-12-31", "0001-01-01", "1999-12-31"]
    raise AssertionError(kind)


FORM_INPUTS = list(form_inputs())
API_INPUTS = list(api_inputs())
ALL = FORM_INPUTS + API_INPUTS


def chinese(message: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in message)


def test_the_inventory_finds_the_fields_on_both_sides():
    """Each kind is found on a page form and in an API request body; the issue's phone field is among them."""
    kinds = {}
    for item, kind, _bound in ALL:
        kinds.setdefault(kind, set()).add(item.side)
    for kind in ("phone", "credit_code", "name", "text", "rectification_deadline", "effective_date", "date"):
        assert kinds.get(kind) == {"form", "api"}, (kind, kinds.get(kind))
    assert kinds.get("email") and "form" in kinds["email"]
    labels = {item.label.split(" (")[0] for item, _, _ in ALL}
    assert {"form:BasicForm.contact_phone", "api:ApplicationSerializer.contact_phone"} <= labels
    assert len(FORM_INPUTS) >= 60 and len(API_INPUTS) >= 50, (len(FORM_INPUTS), len(API_INPUTS))


@pytest.mark.parametrize("item,kind,bound", ALL, ids=[f"{kind}-{item.label}" for item, kind, _ in ALL])
def test_every_text_field_has_a_bound(item, kind, bound):
    """No unbounded text: every text field of a form and of a request body says how long it may be."""
    if kind in {"phone", "credit_code", "email", "name", "text"}:
        assert bound is not None, f"{item.label} has no maximum length"


@pytest.mark.parametrize("item,kind,bound", ALL, ids=[f"{kind}-{item.label}" for item, kind, _ in ALL])
def test_the_same_inputs_are_refused_by_every_form_and_api_field(item, kind, bound, people):
    """R-01 (credit codes), R-26, R-31, R-32 … R-34 (dates): each refused input is refused on this field,
    with a Chinese message, whether the field is a page form's or an API request body's."""
    today = clock.beijing_today()
    request = APIRequestFactory().post("/")
    request.user = people.commission_officer
    for value in refused_inputs(kind, bound, today):
        errors = form_errors(item, value) if item.side == "form" else api_errors(item, value, request)
        assert errors, f"{item.label} accepted {value[:40]!r}"
        assert all(chinese(message) for message in errors), (item.label, errors)


def test_the_validators_accept_what_is_valid():
    """The refusals above are not of everything: valid values pass the same validators."""
    for phone in ("13812345678", "+86 138-1234-5678", "022-23456789", "(022)23456789转123"):
        validators.validate_phone(phone)
    validators.validate_mobile("138 1234 5678")
    for code in ("91110108551385082Q", "11120000MB1571593F", "91110108551385082q"):
        validators.validate_credit_code(code)
    validators.validate_email("name@example.cn")
    validators.validate_postal_code("300000")
    for name in ("李四", "天津市新能源计量数据建设应用中心", "O'Brien-李", "张三（组长）、李四"):
        validators.validate_no_format_characters(name)
    today = clock.beijing_today()
    validate_rectification_deadline(today)
    validate_rectification_deadline(add_years(today, 1))
    validate_effective_date(add_years(today, -1))
    validate_effective_date(add_years(today, 1))
    validate_plausible_date(date(2000, 1, 1))
    validate_plausible_date(date(2099, 12, 31))


def test_postal_codes_are_six_digits():
    for value in ("30000", "3000000", "300 000", "abcdef"):
        with pytest.raises(ValidationError, match="邮政编码应为6位数字"):
            validators.validate_postal_code(value)


def test_the_format_character_message_names_the_problem():
    """The message says what was found (direction control, zero width) and its code point."""
    with pytest.raises(ValidationError) as caught:
        validators.validate_no_format_characters(RTL_NAME)
    message = caught.value.messages[0]
    assert "文字方向控制字符" in message and "U+202E" in message and "U+202C" in message
    with pytest.raises(ValidationError) as caught:
        validators.validate_no_format_characters("张\u200b三")
    assert "零宽字符" in caught.value.messages[0] and "U+200B" in caught.value.messages[0]


def test_the_windows_follow_the_training_clock(settings):
    """R-26, R-31, R-42: the windows count from the deadline engine's today, the training clock included."""
    settings.PORTAL_TODAY = date(2027, 2, 28)
    assert rectification_deadline_window(date(2027, 2, 28)) == (date(2027, 2, 28), date(2028, 2, 28))
    assert effective_date_window(date(2028, 2, 29)) == (date(2027, 2, 28), date(2029, 2, 28))
    validate_rectification_deadline(date(2028, 2, 28))
    with pytest.raises(ValidationError, match="整改期限自今天起至多一年，不能晚于2028年2月28日"):
        validate_rectification_deadline(date(2028, 2, 29))
    with pytest.raises(ValidationError, match="整改期限不能早于今天（2027年2月28日）"):
        validate_rectification_deadline(date(2027, 2, 27))
    with pytest.raises(ValidationError, match="变更生效日期应在前后一年之内，不能晚于2028年2月28日"):
        validate_effective_date(date(2045, 1, 1))
    with pytest.raises(ValidationError, match="不能早于2026年2月28日"):
        validate_effective_date(date(2026, 2, 27))
    with pytest.raises(ValidationError, match="日期不能晚于2099年12月31日，所填为9999年12月31日"):
        validate_plausible_date(date(9999, 12, 31))


# the issue's own examples, end to end ---------------------------------------------------------------------
def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    return client


@pytest.fixture
def draft(people):
    from services.applications import actions

    return actions.start_application(people.applicant)


def test_the_api_refuses_a_phone_number_of_letters_as_the_page_does(draft, people, client):
    """PATCH … {"contact_phone": "call-me-maybe"} answers 400 with the form's message; nothing is stored."""
    response = token_client(people.applicant).patch(
        f"/api/v1/applications/{draft.pk}/", {"contact_phone": "call-me-maybe"}, format="json"
    )
    assert response.status_code == 400, response.content
    assert "联系电话应为11位手机号码" in response.json()["contact_phone"][0]
    draft.refresh_from_db()
    assert draft.contact_phone == ""
    ok = token_client(people.applicant).patch(
        f"/api/v1/applications/{draft.pk}/", {"contact_phone": "022-23456789"}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["contact_phone"] == "022-23456789"


def test_the_api_and_the_page_refuse_a_name_with_a_direction_override(draft, people, client):
    """ "李\u202egnp.exe\u202c四" is refused as the centre's and the contact's name, by the API and the page."""
    api = token_client(people.applicant)
    for field in ("centre_name", "contact_name"):
        response = api.patch(f"/api/v1/applications/{draft.pk}/", {field: RTL_NAME}, format="json")
        assert response.status_code == 400 and "文字方向控制字符" in response.json()[field][0]
    client.force_login(people.applicant)
    response = client.post(
        f"/service-hall/applications/{draft.pk}/sections/basic/",
        {"centre_name": RTL_NAME, "contact_name": "张工"},
    )
    assert response.status_code == 400 and "文字方向控制字符" in response.content.decode()
    draft.refresh_from_db()
    assert draft.centre_name == ""


def test_the_api_refuses_text_longer_than_the_form_allows(draft, people):
    """The 申报书's free-text limits are the model's: the API refuses 2,001 characters of 申请单位基本情况."""
    response = token_client(people.applicant).patch(
        f"/api/v1/applications/{draft.pk}/", {"unit_profile": HAN * 2001}, format="json"
    )
    assert response.status_code == 400 and "2000" in response.json()["unit_profile"][0]


def test_a_file_name_with_a_direction_override_is_refused_on_upload(draft, people):
    """The upload check refuses a file named with hidden direction controls (every form and API upload runs
    it); over HTTP, Django's multipart parser already drops unprintable characters from the name, so what
    the API stores shows as it reads."""
    from services.files.models import CaseFile
    from services.files.service import FileRefused, check_upload

    pdf = b"%PDF-1.4\n" + b"0" * 200
    upload = SimpleUploadedFile("报告\u202efdp.exe", pdf, content_type="application/pdf")
    with pytest.raises(FileRefused, match="文件名不能含有文字方向控制字符"):
        check_upload(upload)
    response = token_client(people.applicant).post(
        f"/api/v1/applications/{draft.pk}/files/",
        {"purpose": "attachment", "file": SimpleUploadedFile("报告\u202efdp.pdf", pdf, "application/pdf")},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    stored = CaseFile.objects.get(public_id=response.json()["id"])
    assert stored.original_name == "报告fdp.pdf" and not validators.format_characters(stored.original_name)
