"""R-01: a unified social credit code is stored in upper case whichever path it came by and however it was typed
(lower case, full-width, with spaces): the page form and the API go through one normalisation
(services.reference.validators.normalise_credit_code, the form field CreditCodeField)."""

import pytest

from accounts.models import ExpertProfile
from services.reference.models import KeyField
from tests.factories.accounts import credit_code
from tests.services.workspaces.test_experts import VALID

pytestmark = pytest.mark.django_db

CODE = credit_code(903)  # "91120116MA…": its letters are what the case changes
assert CODE != CODE.lower()


def full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


@pytest.mark.parametrize(
    "typed", [CODE.lower(), f" {full_width(CODE.lower())} "], ids=["lower", "full-width"]
)
def test_the_page_form_stores_the_code_in_upper_case(
    client, verified_login, people, typed, django_capture_on_commit_callbacks
):
    verified_login(people.commission_officer)
    data = {
        **VALID,
        "employer_credit_code": typed,
        "key_fields": [KeyField.objects.get(code="new-energy").pk],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/commission/workspace/experts/new/", data)
    assert response.status_code == 302, response.content.decode()
    assert ExpertProfile.objects.get(user__username="expert.zhao").employer_credit_code == CODE


@pytest.mark.parametrize(
    "typed", [CODE.lower(), f" {full_width(CODE.lower())} "], ids=["lower", "full-width"]
)
def test_the_api_stores_the_code_in_upper_case(
    client, verified_login, people, typed, django_capture_on_commit_callbacks
):
    verified_login(people.commission_officer)
    payload = {**VALID, "employer_credit_code": typed, "key_fields": ["new-energy"], "is_available": True}
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/api/v1/experts/", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["employer_credit_code"] == CODE
    assert ExpertProfile.objects.get(user__username="expert.zhao").employer_credit_code == CODE


@pytest.mark.parametrize(
    "typed",
    [CODE, CODE.lower(), f"  {CODE.lower()}\t", full_width(CODE.lower()), f"{CODE[:9]}\u3000{CODE[9:]}"],
)
def test_the_field_normalises_before_it_validates(typed):
    from services.reference.forms import CreditCodeField

    assert CreditCodeField().clean(typed) == CODE


def test_the_field_still_refuses_a_wrong_check_character():
    from django.core.exceptions import ValidationError

    from services.reference.forms import CreditCodeField

    wrong = CODE[:17] + ("0" if CODE[17] != "0" else "1")
    with pytest.raises(ValidationError, match="统一社会信用代码无效"):
        CreditCodeField().clean(wrong.lower())


def test_a_partner_added_through_the_api_is_stored_in_upper_case(client, people):
    """R-03 with R-01: the joint-build partner's code, sent in lower case to the API, is stored in upper case and
    links the registered unit of that code."""
    from accounts.models import Organisation
    from tests.services.applications import builders

    application = builders.complete_draft(people.applicant)
    partner = Organisation.objects.exclude(pk=application.organisation_id).first()
    assert partner.credit_code != partner.credit_code.lower()  # it has letters for the case to change
    client.force_login(people.applicant)
    created = client.post(
        f"/api/v1/applications/{application.pk}/partners/",
        {"name": "联合单位", "credit_code": full_width(partner.credit_code.lower())},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["credit_code"] == partner.credit_code
    assert created.json()["organisation"] == partner.pk
