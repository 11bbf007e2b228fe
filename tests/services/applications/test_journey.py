"""A full journey through the HTTP interface, from the registration of a unit to approval, with the bad
inputs of the issue on the way: missing sections, an executable
renamed .pdf, an oversized file, a second open application, scores out of range and a decision without a
report. Each bad input: a Chinese message, nothing half-saved."""

import re
from datetime import date

from django.urls import reverse

from services.applications.constants import ApplicationStatus, Condition
from services.applications.models import Application
from services.casework.models import CaseEvent
from services.centres.constants import CentreStatus
from services.deadlines.rules import construction_end_latest
from services.files.models import CaseFile
from services.notifications.models import Notification
from services.reviews.models import PanelRecusal, ScoreSheet, ScoringTemplate
from tests.factories.accounts import login_verified
from tests.services.applications import builders


def login(client, user):
    client.logout()
    login_verified(client, user)
    return client


def text(response):
    return response.content.decode()


def register_unit(client, districts, capture_on_commit):
    """R-01: a person registers a unit in the service hall and confirms the e-mail link; returns the person."""
    from django.core import mail

    from accounts.models import User

    data = {
        "unit-name": "天津滨海新能源计量技术有限公司",
        "unit-credit_code": "91110108551385082Q",
        "unit-unit_type": "enterprise",
        "unit-legal_status": "independent",
        "unit-authorising_legal_person": "",
        "unit-address": "天津市滨海新区海洋高新区1号",
        "unit-district": districts["滨海新区"].pk,
        "person-username": "binhai.energy",
        "person-full_name": "王海",
        "person-email": "wang@binhai-energy.example.cn",
        "person-phone": "13812341234",
        "person-password1": "Shuju-Zhongxin-7391",
        "person-password2": "Shuju-Zhongxin-7391",
    }
    with capture_on_commit(execute=True):
        response = client.post("/accounts/register/", data)
        assert response.status_code == 302, re.findall(
            r"form-error[^>]*>(.*?)</p>", response.content.decode()
        )
    link = re.search(r"http://testserver(/accounts/register/verify/\S+/)", mail.outbox[-1].body).group(1)
    assert "已完成验证" in client.post(link).content.decode()
    response = client.post(
        "/accounts/login/", {"username": "binhai.energy", "password": "Shuju-Zhongxin-7391"}
    )
    assert response.status_code == 302  # signed in with the password chosen at registration
    return User.objects.get(username="binhai.energy")


def test_from_registration_to_approval(
    people, client, settings, key_fields, districts, django_capture_on_commit_callbacks
):
    """R-01 … R-04, R-10 … R-14, R-40, R-41 through the service hall, the console and the expert desk."""
    p = people
    applicant = register_unit(client, districts, django_capture_on_commit_callbacks)
    assert applicant.membership.organisation.is_verified

    # a new draft
    response = client.post(reverse("service_hall:index"))
    application = Application.objects.get(organisation=applicant.membership.organisation)
    assert response.status_code == 302 and application.status == ApplicationStatus.DRAFT
    section = lambda name: reverse("service_hall:section", args=[application.pk, name])  # noqa: E731

    # a second open application is refused
    response = client.post(reverse("service_hall:index"), follow=True)
    assert "本单位已有一件未办结的筹建申请" in text(response)
    assert Application.objects.count() == 1

    # basic information with a bad phone number: error summary, nothing saved
    basic = {
        "centre_name": "天津市新能源计量数据建设应用中心",
        "unit_profile": "从事新能源计量。",
        "contact_name": "张工",
        "contact_phone": "电话号码",
        "key_fields": [key_fields["新能源"].pk],
    }
    response = client.post(section("basic"), basic)
    assert response.status_code == 400 and "存在以下问题" in text(response)
    assert "联系电话应为11位手机号码，或带区号的固定电话" in text(response)
    assert "天津市新能源计量数据建设应用中心" in text(response)  # what was typed is still there
    application.refresh_from_db()
    assert application.centre_name == ""
    basic["contact_phone"] = "022-12345678"
    assert client.post(section("basic"), basic).status_code == 302

    # missing sections: submission refused with the full list
    response = client.post(
        reverse("service_hall:submit", args=[application.pk]), {"declaration_accepted": "on"}
    )
    assert response.status_code == 400
    assert "未填写“建设基础”" in text(response) and "尚未声明" in text(response)
    assert "R-02" not in text(response)  # rule codes stay in the code
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT

    client.post(section("basis"), {"construction_basis": "已建成新能源计量数据库。"})
    client.post(section("goals"), {"goals": "三年建成中心。", "tasks": "汇聚光伏、风电计量数据。"})
    client.post(section("management"), {"organisation_management": "成立管理委员会。"})

    conditions = {}
    for code in Condition.values:
        conditions[f"{code}_meets"] = "yes"
        conditions[f"{code}_explanation"] = "符合，详见证明材料。"
        conditions[f"{code}_file"] = builders.pdf(f"{code}.pdf")
    # an executable renamed .pdf among valid files: it is refused and named with its reason, the answers
    # come back as typed, and the five valid files of the same save are kept (nothing chosen twice)
    conditions["funding_file"] = builders.executable_as_pdf()
    response = client.post(section("conditions"), conditions)
    assert response.status_code == 400 and "不是允许的类型" in text(response)
    assert "恶意程序.pdf" in text(response) and "符合，详见证明材料。" in text(response)
    kept = CaseFile.for_object(application)
    assert kept.count() == 5 and not kept.filter(purpose="condition:funding").exists()
    assert application.conditions.filter(meets__isnull=False).count() == 0
    # an oversized file: refused; the files kept before stay, none is added twice
    settings.UPLOAD_MAX_BYTES = 4096
    conditions = {k: v for k, v in conditions.items() if not k.endswith("_file")}
    response = client.post(
        section("conditions"), {**conditions, "funding_file": builders.pdf("大文件.pdf", size=8192)}
    )
    assert response.status_code == 400 and "超过大小限制" in text(response)
    assert CaseFile.for_object(application).count() == 5
    response = client.post(section("conditions"), {**conditions, "funding_file": builders.pdf("funding.pdf")})
    assert response.status_code == 302, text(response)[text(response).find("error-summary") :][:600]
    assert CaseFile.for_object(application).count() == 6
    assert client.post(section("attachments"), {"file": builders.pdf("营业执照.pdf")}).status_code == 302

    # the declaration is required, then the submission goes through
    response = client.post(reverse("service_hall:submit", args=[application.pk]), {})
    assert response.status_code == 400 and "须勾选确认申报声明" in text(response)
    response = client.post(
        reverse("service_hall:submit", args=[application.pk]), {"declaration_accepted": "on"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and application.declared_by == applicant
    assert Notification.objects.filter(recipient=p.commission_officer, kind="application_submitted").exists()

    # the commission returns it with everything missing at once; the applicant corrects and resubmits
    login(client, p.commission_officer)
    assert application.case_number in text(client.get(reverse("commission_applications:queue")))
    act = lambda action: reverse("commission_applications:act", args=[application.pk, action])  # noqa: E731
    client.post(act("return_for_correction"), {"items": "补充近三年经费投入明细\n补充数据安全管理制度"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RETURNED
    login(client, applicant)
    detail = text(client.get(reverse("service_hall:detail", args=[application.pk])))
    assert "补充近三年经费投入明细" in detail and "补充数据安全管理制度" in detail
    client.post(section("attachments"), {"file": builders.pdf("经费投入明细.pdf")})
    client.post(reverse("service_hall:submit", args=[application.pk]), {"declaration_accepted": "on"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RESUBMITTED

    # review: the panel, with a refused insider
    login(client, p.commission_officer)
    version = ScoringTemplate.objects.get(is_demo=True).current_version()
    client.post(act("start_review"), {"template_version": version.pk})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW
    insider = builders.make_expert(employer=application.organisation, name="内部专家")
    response = client.post(
        reverse("commission_applications:add_member", args=[application.pk]),
        {"expert": insider.pk, "is_leader": "1"},
        follow=True,
    )
    assert "须回避" in text(response) and PanelRecusal.objects.filter(expert=insider).exists()
    client.post(
        reverse("commission_applications:add_member", args=[application.pk]),
        {"expert": p.expert.pk, "is_leader": "1"},
    )
    assert application.panel.leader == p.expert

    # a decision without a report is refused
    login(client, p.commission_leader)
    response = client.post(act("approve"), {"targets": "建成", "tasks": "汇聚"}, follow=True)
    assert "尚未提交评审报告" in text(response)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW

    # the expert scores (out of range first) and reports
    login(client, p.expert)
    assert application.case_number in text(client.get(reverse("expert:index")))
    items = list(version.items.all())
    sheet = {f"score_{i.pk}": str(i.max_points * 9 / 10) for i in items}
    sheet[f"score_{items[0].pk}"] = "999"
    response = client.post(reverse("expert:case", args=[application.pk]), {**sheet, "submit": "1"})
    assert response.status_code == 400 and "得分须在0至20.0分之间" in text(response)
    assert not ScoreSheet.objects.exists()
    sheet[f"score_{items[0].pk}"] = "18"
    client.post(reverse("expert:case", args=[application.pk]), {**sheet, "submit": "1"})
    assert ScoreSheet.objects.get().total == 90
    report = {
        "document_review_on": "2026-03-02",
        "document_review_findings": "材料齐全。",
        "site_visit_on": "2026-03-10",
        "site_visit_findings": "现场一致。",
        "opinion": "同意筹建。",
        "recommendation": "approve",
        "submit": "1",
    }
    client.post(reverse("expert:report", args=[application.pk]), report)
    assert application.panel.report.status == "submitted"

    # approval: the period may not pass 3 years; then the centre and its task book
    login(client, p.commission_leader)
    response = client.post(
        act("approve"),
        {"targets": "建成新能源计量数据中心", "tasks": "汇聚数据", "construction_end": "2099-01-01"},
        follow=True,
    )
    assert "不晚于批准之日起3年" in text(response)
    client.post(act("approve"), {"targets": "建成新能源计量数据中心", "tasks": "汇聚光伏、风电计量数据"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    centre = application.centre
    assert centre.status == CentreStatus.CONSTRUCTING
    assert centre.construction_end == construction_end_latest(centre.approved_on)
    assert centre.task_book.period_end == centre.construction_end
    assert list(centre.key_fields.all()) == [key_fields["新能源"]]

    # the applicant sees every step and the documents
    login(client, applicant)
    detail = text(client.get(reverse("service_hall:detail", args=[application.pk])))
    assert "已批准筹建" in detail and "申报材料需补正" in detail and "市市场监管委审批领导" in detail
    steps = [e.to_status for e in CaseEvent.for_object(application)]
    assert steps == ["draft", "submitted", "returned", "resubmitted", "under_review", "approved"]
    response = client.get(reverse("service_hall:document", args=[application.pk, "task-book"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client.get(f"/api/v1/applications/{application.pk}/timeline/").json()[-1]["status"] == "approved"
    assert Notification.objects.filter(recipient=p.bureau_officer, kind="application_approved").exists()
    assert date.today().year <= centre.construction_end.year <= date.today().year + 3


def test_rejection_reasons_reach_the_applicant(people, client):
    """R-14: rejection records reasons that the applicant sees."""
    application = builders.reviewed(people)
    login_verified(client, people.commission_leader)
    client.post(reverse("commission_applications:act", args=[application.pk, "reject"]), {"reasons": ""})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW
    client.post(
        reverse("commission_applications:act", args=[application.pk, "reject"]),
        {"reasons": "数据资源基础薄弱，安全保障不足。"},
    )
    login(client, people.applicant)
    detail = text(client.get(reverse("service_hall:detail", args=[application.pk])))
    assert "未予批准" in detail and "数据资源基础薄弱，安全保障不足。" in detail


def test_api_journey(people, client):
    """The API reaches the same actions with the same checks."""
    builders.verify(people.applicant.membership.organisation)
    login_verified(client, people.applicant)
    created = client.post("/api/v1/applications/", content_type="application/json")
    assert created.status_code == 201 and created.json()["case_number"].startswith("JLSJ-")
    pk = created.json()["id"]
    assert client.post("/api/v1/applications/", content_type="application/json").status_code == 400
    response = client.post(
        f"/api/v1/applications/{pk}/submit/", {"declaration_accepted": True}, content_type="application/json"
    )
    assert response.status_code == 400 and "申报书尚不完整" in response.json()["detail"]
    fields = {
        "centre_name": "天津市生物技术计量数据建设应用中心",
        "unit_profile": "简介",
        "contact_name": "李工",
        "contact_phone": "13800000000",
        "construction_basis": "基础",
        "goals": "目标",
        "tasks": "任务",
        "organisation_management": "管理",
        "key_fields": ["biotech"],
    }
    assert (
        client.patch(f"/api/v1/applications/{pk}/", fields, content_type="application/json").status_code
        == 200
    )
    rows = [{"code": code, "meets": True, "explanation": "符合"} for code in Condition.values]
    assert (
        client.post(
            f"/api/v1/applications/{pk}/conditions/", rows, content_type="application/json"
        ).status_code
        == 200
    )
    bad = client.post(
        f"/api/v1/applications/{pk}/files/",
        {"file": builders.executable_as_pdf(), "purpose": "condition:funding"},
    )
    assert bad.status_code == 400 and "不是允许的类型" in bad.json()["file"]
    for code in Condition.values:
        response = client.post(
            f"/api/v1/applications/{pk}/files/",
            {"file": builders.pdf(f"{code}.pdf"), "purpose": f"condition:{code}"},
        )
        assert response.status_code == 201
    assert client.get(f"/api/v1/applications/{pk}/missing/").json() == []
    response = client.post(
        f"/api/v1/applications/{pk}/submit/", {"declaration_accepted": True}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    login_verified(client, people.commission_officer)
    assert (
        client.post(f"/api/v1/applications/{pk}/start-review/", {}, content_type="application/json").json()[
            "status"
        ]
        == "under_review"
    )
    response = client.post(
        f"/api/v1/reviews/applications/{pk}/panel-members/",
        {"expert": people.expert.pk, "is_leader": True},
        content_type="application/json",
    )
    assert response.status_code == 201
    login_verified(client, people.expert)
    application = Application.objects.get(pk=pk)
    scores = builders.all_scores(application)
    first = next(iter(scores))
    response = client.post(
        f"/api/v1/reviews/applications/{pk}/sheet/",
        {"scores": {**scores, first: "-3"}, "submit": True},
        content_type="application/json",
    )
    assert response.status_code == 400 and "得分须在0至" in response.json()["detail"]
    response = client.post(
        f"/api/v1/reviews/applications/{pk}/sheet/",
        {"scores": scores, "submit": True},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    body = schema.content.decode()
    for path in (
        "/api/v1/applications/{id}/submit/",
        "/api/v1/applications/{id}/approve/",
        "/api/v1/reviews/applications/{id}/panel-members/",
        "/api/v1/reviews/sheets/",
    ):
        assert path in body
