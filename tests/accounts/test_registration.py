"""Registering an applicant unit (R-01) with e-mail verification; bad input changes nothing."""

import re

import pytest
import time_machine
from django.core import mail

from accounts.constants import MemberRole, Role
from accounts.models import Organisation, User
from accounts.roles import has_role
from tests.factories.accounts import OrganisationFactory, credit_code

pytestmark = pytest.mark.django_db

VALID_CODE = "91110108551385082Q"


def form_data(districts, **overrides):
    data = {
        "unit-name": "天津津沽计量科技有限公司",
        "unit-credit_code": VALID_CODE,
        "unit-unit_type": "enterprise",
        "unit-legal_status": "independent",
        "unit-authorising_legal_person": "",
        "unit-address": "天津市南开区科研西路1号",
        "unit-district": districts["南开区"].pk,
        "person-username": "jingu",
        "person-full_name": "李津沽",
        "person-email": "li@jingu.example.cn",
        "person-phone": "13812341234",
        "person-password1": "Jingu-Metrology-2026",
        "person-password2": "Jingu-Metrology-2026",
    }
    data.update(overrides)
    return data


@pytest.fixture
def register(client, django_capture_on_commit_callbacks):
    """POST the registration form; the verification mail goes out when the registration commits."""

    def post(data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/accounts/register/", data)

    return post


def verification_path():
    return re.search(r"http://testserver(/accounts/register/verify/\S+/)", mail.outbox[-1].body).group(1)


def test_registration_creates_an_unverified_unit_and_an_inactive_administrator(client, register, districts):
    """R-01: the person becomes the unit's administrator; both wait for the e-mail link."""
    response = register(form_data(districts))
    assert response.status_code == 302 and response["Location"] == "/accounts/register/sent/"
    unit = Organisation.objects.get(credit_code=VALID_CODE)
    user = User.objects.get(username="jingu")
    assert not unit.is_verified and not user.is_active
    assert user.membership.organisation == unit and user.membership.role == MemberRole.ADMINISTRATOR
    assert has_role(user, Role.APPLICANT)
    assert len(mail.outbox) == 1 and "请验证" in mail.outbox[0].subject
    assert (
        client.post("/accounts/login/", {"username": "jingu", "password": "Jingu-Metrology-2026"}).status_code
        == 200
    )


def test_verification_link_verifies_the_unit_once(client, register, districts):
    """R-01: the link activates the person and verifies the unit; a second use changes nothing."""
    register(form_data(districts))
    path = verification_path()
    assert client.get(path).status_code == 200  # a prefetching mail scanner uses nothing up
    assert not Organisation.objects.get(credit_code=VALID_CODE).is_verified
    response = client.post(path)
    assert "已完成验证" in response.content.decode()
    unit = Organisation.objects.get(credit_code=VALID_CODE)
    verified_at = unit.verified_at
    assert verified_at is not None and User.objects.get(username="jingu").is_active

    again = client.post(path)
    assert again.status_code == 400
    assert "该验证链接已使用过" in again.content.decode()
    unit.refresh_from_db()
    assert unit.verified_at == verified_at


def test_expired_verification_link_changes_nothing(client, register, districts, settings):
    """Bad input: an expired link gets a Chinese message and verifies nothing."""
    with time_machine.travel("2026-03-01 10:00 +0800", tick=False) as clock:
        register(form_data(districts))
        clock.shift(settings.UNIT_VERIFICATION_MAX_AGE + 60)
        response = client.post(verification_path())
    assert response.status_code == 400 and "验证链接已过期" in response.content.decode()
    assert not Organisation.objects.get(credit_code=VALID_CODE).is_verified
    assert not User.objects.get(username="jingu").is_active


def test_tampered_verification_link_changes_nothing(client, register, districts):
    register(form_data(districts))
    response = client.post(verification_path().replace(":", "x", 1))
    assert response.status_code == 400 and "验证链接无效" in response.content.decode()
    assert not Organisation.objects.get(credit_code=VALID_CODE).is_verified


@pytest.mark.parametrize(
    "code",
    [
        "91110108551385082A",
        "9111010855138508",
        "91110108551385082QQ",
        "9111010855138508IQ",
        "ABCDEFGHIJKLMNOPQR",
    ],
)
def test_invalid_credit_code_is_refused_and_nothing_saved(client, register, districts, code):
    """R-01 / bad input: an invalid unified social credit code gets a clear Chinese message."""
    response = register(form_data(districts, **{"unit-credit_code": code}))
    assert response.status_code == 400
    html = response.content.decode()
    assert "统一社会信用代码无效" in html or "确保该变量" in html or "最多" in html
    assert not Organisation.objects.exists() and not User.objects.filter(username="jingu").exists()
    assert mail.outbox == []


def test_lowercase_code_is_accepted_in_upper_case(client, register, districts):
    register(form_data(districts, **{"unit-credit_code": VALID_CODE.lower()}))
    assert Organisation.objects.filter(credit_code=VALID_CODE).exists()


def test_duplicate_unit_is_refused_and_nothing_saved(client, register, districts):
    """R-01 / bad input: a unit already registered under the same code cannot be registered again."""
    OrganisationFactory(credit_code=VALID_CODE)
    response = register(form_data(districts))
    assert response.status_code == 400
    assert "该统一社会信用代码已登记" in response.content.decode()
    assert Organisation.objects.count() == 1 and not User.objects.filter(username="jingu").exists()


def test_authorised_unit_must_name_its_legal_person(client, register, districts):
    """R-01: a unit authorised by an independent legal person names it."""
    response = register(form_data(districts, **{"unit-legal_status": "authorised"}))
    assert "须填写授权法人单位" in response.content.decode()
    assert not Organisation.objects.exists()


def test_weak_password_is_refused_and_nothing_saved(client, register, districts):
    data = form_data(districts, **{"person-password1": "12345678901", "person-password2": "12345678901"})
    response = register(data)
    assert response.status_code == 400
    assert not Organisation.objects.exists() and not User.objects.filter(username="jingu").exists()


def test_factory_codes_are_valid():
    from stdnum.cn import uscc

    assert all(uscc.is_valid(credit_code(n)) for n in range(50))


def test_an_unverified_sign_in_says_so_and_resends_the_link(
    client, register, districts, django_capture_on_commit_callbacks
):
    """R-01: the right password of an unverified account is told the truth, not "wrong password", and can
    ask for a new link; a wrong password still hears only that the credentials are wrong."""
    register(form_data(districts))
    wrong = client.post("/accounts/login/", {"username": "jingu", "password": "not-the-password-1"})
    assert "用户名或密码不正确" in wrong.content.decode() and "重新发送验证链接" not in wrong.content.decode()
    right = client.post("/accounts/login/", {"username": "jingu", "password": "Jingu-Metrology-2026"})
    page = right.content.decode()
    assert "尚未完成邮箱验证" in page and "用户名或密码不正确" not in page
    assert "重新发送验证链接" in page
    with django_capture_on_commit_callbacks(execute=True):
        resent = client.post("/accounts/register/resend/")
    assert resent.status_code == 200 and "新的验证链接已发送" in resent.content.decode()
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["li@jingu.example.cn"]
    assert client.post(verification_path()).status_code == 200
    assert User.objects.get(username="jingu").is_active


def test_resend_without_a_pending_sign_in_is_refused(client, db):
    response = client.post("/accounts/register/resend/")
    assert response.status_code == 400 and "没有待验证的注册" in response.content.decode()
