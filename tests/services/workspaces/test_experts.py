"""The expert registry (专家库) and panel forming from it (R-11, R-43)."""

import re

import pytest
from django.core import mail

from accounts.constants import Role
from accounts.models import User
from services.reference.models import KeyField
from services.reviews.models import PanelMember, PanelRecusal
from services.workspaces.candidates import panel_candidates
from tests.factories.accounts import credit_code
from tests.services.applications import builders

pytestmark = pytest.mark.django_db

VALID = {
    "full_name": "赵新能",
    "username": "expert.zhao",
    "email": "zhao@example.cn",
    "phone": "022-23456789",
    "title": "研究员",
    "employer_name": "天津海河理工学院",
    "is_available": "on",
}


def valid(**extra):
    return {
        **VALID,
        "employer_credit_code": credit_code(901),
        "key_fields": [KeyField.objects.get(code="new-energy").pk],
        **extra,
    }


def test_commission_registers_an_expert_who_is_invited(
    client, verified_login, people, django_capture_on_commit_callbacks
):
    """R-43: a new expert gets a one-time link to set a password; TOTP enrolment follows at sign-in."""
    verified_login(people.commission_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/commission/workspace/experts/new/", valid())
    assert response.status_code == 302
    expert = User.objects.get(username="expert.zhao")
    assert expert.groups.filter(name=Role.EXPERT).exists() and not expert.has_usable_password()
    profile = expert.expert
    assert profile.title == "研究员" and profile.employer_credit_code == credit_code(901)
    assert list(profile.key_fields.values_list("code", flat=True)) == ["new-energy"]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zhao@example.cn"]
    link = re.search(r"https?://\S+/accounts/password-reset/\S+/\S+/", mail.outbox[0].body).group(0)
    assert "动态口令" in mail.outbox[0].body
    client.logout()
    page = client.get(link[link.index("/accounts/") :], follow=True)
    assert page.status_code == 200 and "new_password1" in page.content.decode()
    listing = client.get("/commission/workspace/experts/")
    assert listing.status_code == 302  # signed out: the registry is the commission's


def test_bad_registration_keeps_everything_typed(client, verified_login, people):
    """Bad input: Chinese messages inline and in the summary, nothing stored, nothing typed lost."""
    verified_login(people.commission_officer)
    response = client.post(
        "/commission/workspace/experts/new/", valid(employer_credit_code="123", title="", key_fields=[])
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>错误：" in html and "存在以下问题" in html
    assert "统一社会信用代码无效" in html and "请至少选择一个专业领域。" in html and "请填写此项。" in html
    assert 'value="赵新能"' in html and 'value="zhao@example.cn"' in html and 'value="123"' in html
    assert "novalidate" in html
    assert not User.objects.filter(username="expert.zhao").exists() and not mail.outbox


def test_registry_is_the_commissions(client, verified_login, people):
    for who in (people.bureau_officer, people.expert, people.applicant):
        verified_login(who)
        assert client.get("/commission/workspace/experts/").status_code == 403
        assert client.get("/api/v1/experts/").json()["results"] == []
        api = client.post("/api/v1/experts/", {}, content_type="application/json")
        assert api.status_code == 403 and not api.json()["detail"].isascii()


def test_registry_in_the_api(client, verified_login, people, django_capture_on_commit_callbacks):
    verified_login(people.commission_officer)
    payload = {
        **VALID,
        "employer_credit_code": credit_code(902),
        "key_fields": ["new-energy"],
        "is_available": True,
    }
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/api/v1/experts/", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["key_fields_display"] == ["新能源"] and body["workload"] == 0 and len(mail.outbox) == 1
    listed = client.get("/api/v1/experts/?field=new-energy").json()["results"]
    assert [e["username"] for e in listed] == ["expert.zhao"]
    bad = client.post("/api/v1/experts/", {**payload, "username": "x y"}, content_type="application/json")
    assert bad.status_code == 400 and "登录账号" in bad.json()["username"][0]


@pytest.fixture
def forming(people):
    """An application under review (新能源) with a leader; candidates of every kind."""
    officer = people.commission_officer
    application = builders.under_review(people.applicant, officer)
    unit = people.applicant.membership.organisation
    leader = builders.make_expert(name="甲组长")
    builders.with_panel(application, officer, leader)
    conflicted = builders.make_expert(employer=unit, name="乙同单位")
    inactive = builders.make_expert(name="丙停用")
    inactive.expert.is_available = False
    inactive.expert.save()
    busy = builders.make_expert(name="丁在审")
    other = builders.under_review(people.other_applicant, officer)
    builders.with_panel(other, officer, busy)
    free = builders.make_expert(name="戊空闲")
    return {
        "application": application,
        "leader": leader,
        "conflicted": conflicted,
        "inactive": inactive,
        "busy": busy,
        "free": free,
    }


def test_candidates_by_field_with_workload_and_reasons(forming):
    """R-11: the panel's members are not offered; every one who cannot serve carries the reason."""
    rows = {c.expert.full_name: c for c in panel_candidates(forming["application"])}
    assert "甲组长" not in rows
    assert rows["乙同单位"].reason == "该专家任职于申请单位或其联合建设单位，须回避。"
    assert rows["丙停用"].reason.startswith("该专家已停用")
    assert rows["丁在审"].reason is None and rows["丁在审"].workload == 1
    assert rows["戊空闲"].reason is None and rows["戊空闲"].workload == 0
    assert [c.expert.full_name for c in panel_candidates(forming["application"])][:2] == ["戊空闲", "丁在审"]


def test_case_page_shows_candidates_and_refuses_bad_choices(client, verified_login, people, forming):
    """Bad input: an expert of the applicant (recused, reason shown), an inactive expert, a second leader."""
    application = forming["application"]
    verified_login(people.commission_officer)
    url = f"/commission/applications/{application.pk}/"
    html = client.get(url).content.decode()
    assert "不能选派：该专家任职于申请单位" in html and "当前任务 1 件" in html
    assert f'value="{forming["leader"].pk}"' not in html
    from django.urls import reverse

    add_url = reverse("commission_applications:add_member", args=[application.pk])
    post = lambda **data: client.post(add_url, data, follow=True)  # noqa: E731
    page = post(expert=forming["conflicted"].pk).content.decode()
    assert "须回避" in page and PanelRecusal.objects.filter(expert=forming["conflicted"]).exists()
    page = post(expert=forming["inactive"].pk).content.decode()
    assert "该专家已停用" in page
    page = post(expert=forming["free"].pk, is_leader="1").content.decode()
    assert "只能有一名组长" in page
    page = post(expert="abc").content.decode()
    assert "请从候选专家名单中选择一名专家。" in page
    members = set(
        PanelMember.objects.filter(panel__application=application).values_list("expert__full_name", flat=True)
    )
    assert members == {"甲组长"}


def test_an_empty_list_says_why_and_links_to_adding_an_expert(client, verified_login, people):
    officer = people.commission_officer
    application = builders.under_review(people.applicant, officer)
    application.key_fields.set([KeyField.objects.get(code="high-end-equipment")])
    verified_login(officer)
    html = client.get(f"/commission/applications/{application.pk}/").content.decode()
    assert "专家库中没有可选派的“高端装备”领域专家" in html
    match = re.search(r'href="(/commission/workspace/experts/new/\?[^"]+)"', html)
    assert match and "field=high-end-equipment" in match.group(1)
    assert client.get(match.group(1).replace("&amp;", "&")).status_code == 200


def expert_data(**extra):
    """The cleaned form, as the page and the API hand it to the action."""
    return {
        **VALID,
        "is_available": True,
        "employer_credit_code": credit_code(903),
        "key_fields": list(KeyField.objects.filter(code="new-energy")),
        **extra,
    }


def test_save_expert_is_refused_to_anyone_but_the_commission(people, django_capture_on_commit_callbacks):
    """R-11, R-43: only the commission keeps the registry; a refusal writes nothing and sends nothing."""
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import AuditRecord
    from services.casework.refusals import ActionRefused, NotPermitted
    from services.workspaces.experts import SaveExpert

    audits = AuditRecord.objects.count()
    for who in (people.bureau_officer, people.expert, people.applicant, AnonymousUser()):
        action = SaveExpert(expert_data())
        assert action.refusal(who) == "只有市市场监管委人员可以维护专家库。"
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(NotPermitted):
            action.execute(who)
    not_an_expert = SaveExpert(expert_data(), expert=people.applicant)
    with pytest.raises(ActionRefused, match="不是专家库中的专家"):
        not_an_expert.execute(people.commission_officer)
    assert not User.objects.filter(username="expert.zhao").exists() and not mail.outbox
    assert AuditRecord.objects.count() == audits


def test_save_expert_refuses_a_taken_username_and_no_field(people, client, verified_login):
    """Bad input, whichever way in: the action's own validation, keyed by field, in Chinese."""
    from django.core.exceptions import ValidationError

    from services.workspaces.experts import SaveExpert

    with pytest.raises(ValidationError) as refused:
        SaveExpert(expert_data(username=people.expert.username.upper(), key_fields=[])).execute(
            people.commission_officer
        )
    assert refused.value.message_dict == {
        "username": ["该登录账号已被使用，请换一个。"],
        "key_fields": ["请至少选择一个专业领域。"],
    }
    verified_login(people.commission_officer)
    page = client.post("/commission/workspace/experts/new/", valid(username=people.expert.username))
    assert page.status_code == 400 and "该登录账号已被使用，请换一个。" in page.content.decode()


def test_saving_an_expert_is_audited(people, django_capture_on_commit_callbacks):
    """R-43: registering and changing an expert are on the audit trail, with the fields and employer."""
    from accounts.constants import AuditAction
    from accounts.models import AuditRecord
    from services.workspaces.experts import SaveExpert

    officer = people.commission_officer
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        expert = SaveExpert(expert_data()).execute(officer)
    assert len(callbacks) >= 1 and len(mail.outbox) == 1
    SaveExpert(expert_data(is_available=False), expert=expert).execute(officer)
    registered = AuditRecord.objects.get(action=AuditAction.EXPERT_REGISTERED)
    changed = AuditRecord.objects.get(action=AuditAction.EXPERT_CHANGED)
    assert registered.actor == officer and registered.object_id == str(expert.pk)
    assert registered.details == {
        "key_fields": ["new-energy"],
        "employer_credit_code": credit_code(903),
        "is_available": True,
    }
    assert changed.details["is_available"] is False and len(mail.outbox) == 1
