"""Demo step of applications and reviews: a few applications of the accounts demo units in different states.

It lives with the reviews because it drives applications through their review (reviews depend on
applications, never the reverse); it was services.applications.demo.

Idempotent: an application is matched by unit and centre name. Needs the demo users of "accounts.demo" (the
step before); without them it says so and does nothing. The demo scoring template is shipped by a migration.
"""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from services.applications import actions
from services.applications.constants import ApplicationStatus, Condition, condition_purpose
from services.applications.models import Application
from services.files import service as files
from services.reference.models import KeyField
from services.reviews.actions import AddPanelMember, SaveReport, SaveSheet

CASES = [
    # (applicant username, centre name, key field, target state)
    ("yiliao.admin", "天津市医疗器械计量数据建设应用中心（首次申报）", "医疗卫生", "rejected"),
    # a name of its own: the unit's 天津市医疗器械计量数据建设应用中心 is established (one live centre per name)
    ("yiliao.admin", "天津市医学影像设备计量数据建设应用中心", "医疗卫生", "returned"),
    ("haisheng.admin", "天津市动力电池计量数据建设应用中心", "新能源汽车", "under_review"),
]
EXPERT_FOR = {"yiliao.admin": "expert.zhou", "haisheng.admin": "expert.sun"}


def _users():
    names = ["commission.officer", "commission.leader", *EXPERT_FOR, *EXPERT_FOR.values()]
    users = {u.username: u for u in User.objects.filter(username__in=names).select_related("membership")}
    return users if len(users) == len(names) else None


_pdf_cache: list[bytes] = []


def _supporting_pdf() -> bytes:
    if not _pdf_cache:
        from services.documents.pdf import render_pdf

        _pdf_cache.append(render_pdf("applications/pdf/demo_material.html", {}))
    return _pdf_cache[0]


def fill(application, applicant, centre_name, field_names):
    application.centre_name = centre_name
    application.unit_profile = f"{applicant.membership.organisation.name}长期从事计量检测服务，具备数据积累。"
    application.contact_name = applicant.full_name or applicant.username
    application.contact_phone = "022-23456789"
    application.construction_basis = "已建成计量检测数据库，积累检测数据十万余条。"
    application.goals = "用三年时间建成服务本领域的计量数据建设应用中心。"
    application.tasks = "一是汇聚计量数据；二是开发数据应用；三是制定数据规范。"
    application.organisation_management = "成立中心管理委员会，设数据、技术、安全三个工作组。"
    application.save()
    names = [field_names] if isinstance(field_names, str) else list(field_names)
    application.key_fields.set(KeyField.objects.filter(name__in=names))
    for row in application.conditions.all():
        row.meets, row.explanation = True, f"{Condition(row.code).label}：符合，详见证明材料。"
        row.save()
        upload = SimpleUploadedFile(
            f"{row.code}-证明材料.pdf", _supporting_pdf(), content_type="application/pdf"
        )
        files.store(upload, owner=application, purpose=condition_purpose(row.code), user=applicant)


def review(
    application, users, expert_name, recommendation, finish_report=True, reviewed_on=date(2025, 10, 9)
):
    application = actions.StartReview(application).execute(users["commission.officer"])
    AddPanelMember(application, expert=users[expert_name], is_leader=True).execute(
        users["commission.officer"]
    )
    items = application.panel.template_version.items.all()
    factor = 0.9 if recommendation == "approve" else 0.6
    scores = {str(i.pk): str(round(float(i.max_points) * factor)) for i in items}
    SaveSheet(application, scores=scores, overall_comment="演示评分。", submit=True).execute(
        users[expert_name]
    )
    if finish_report:
        SaveReport(
            application,
            submit=True,
            document_review_on=reviewed_on,
            document_review_findings="申报材料齐全。",
            site_visit_on=reviewed_on + timedelta(days=11),
            site_visit_findings="现场条件与申报材料基本一致。",
            opinion="专家组认为该单位数据资源基础尚需加强。" if recommendation == "reject" else "同意筹建。",
            recommendation=recommendation,
        ).execute(users[expert_name])
    return application


def run(progress) -> None:
    users = _users()
    if users is None:
        progress.step("未找到 accounts.demo 的演示账户，跳过筹建申请演示数据。")
        return
    for done, (username, centre_name, field_name, target) in enumerate(CASES, start=1):
        applicant = users[username]
        organisation = applicant.membership.organisation
        if Application.objects.filter(organisation=organisation, centre_name=centre_name).exists():
            progress.count(done, len(CASES), f"{centre_name}（已存在）")
            continue
        if Application.objects.filter(organisation=organisation).open().exists():
            progress.count(done, len(CASES), f"{centre_name}（该单位已有未办结申请，跳过）")
            continue
        application = actions.start_application(applicant)
        fill(application, applicant, centre_name, field_name)
        application = actions.Submit(application, declaration_accepted=True).execute(applicant)
        if target == "returned":
            actions.ReturnForCorrection(
                application, items=["补充近三年经费投入明细", "补充网络和数据安全管理制度文件"]
            ).execute(users["commission.officer"])
        elif target == "under_review":
            review(application, users, EXPERT_FOR[username], "approve", finish_report=False)
        elif target == "rejected":
            application = review(application, users, EXPERT_FOR[username], "reject")
            actions.Reject(
                application, reasons="数据资源基础和安全保障条件尚不满足第八条要求，可完善后重新申报。"
            ).execute(users["commission.leader"])
        progress.count(done, len(CASES), f"{centre_name}（{ApplicationStatus(target).label}）")
