"""Building applications in a given state for tests, through the same actions the portal uses."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.constants import Role
from accounts.models import ExpertProfile
from services.applications import actions
from services.applications.constants import condition_purpose
from services.files import service as files
from services.reference.models import KeyField
from services.reviews.actions import AddPanelMember, SaveReport, SaveSheet
from tests.factories.accounts import UserFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b" " * 200
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def pdf(name="证明材料.pdf", size=None):
    content = PDF_BYTES if size is None else PDF_BYTES + b" " * max(0, size - len(PDF_BYTES))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def executable_as_pdf(name="恶意程序.pdf"):
    return SimpleUploadedFile(name, EXE_BYTES, content_type="application/pdf")


def verify(organisation):
    organisation.verified_at = timezone.now()
    organisation.save(update_fields=["verified_at"])


def complete_draft(applicant, centre_name="天津市新能源计量数据建设应用中心"):
    """A draft with every section filled: ready to submit."""
    verify(applicant.membership.organisation)
    application = actions.start_application(applicant)
    application.centre_name = centre_name
    application.unit_profile = "本单位长期从事新能源计量测试服务。"
    application.contact_name = "张工"
    application.contact_phone = "022-12345678"
    application.construction_basis = "已建成新能源计量数据库。"
    application.goals = "三年内建成新能源计量数据中心。"
    application.tasks = "汇聚光伏、风电计量数据。"
    application.organisation_management = "成立中心管理委员会。"
    application.save()
    application.key_fields.set([KeyField.objects.get(code="new-energy")])
    for row in application.conditions.all():
        row.meets, row.explanation = True, f"{row.get_code_display()}：符合。"
        row.save()
        files.store(
            pdf(f"{row.code}.pdf"), owner=application, purpose=condition_purpose(row.code), user=applicant
        )
    return application


def submitted(applicant):
    application = complete_draft(applicant)
    return actions.Submit(application, declaration_accepted=True).execute(applicant)


def returned(applicant, officer):
    application = submitted(applicant)
    return actions.ReturnForCorrection(application, items=["补充经费证明"]).execute(officer)


def resubmitted(applicant, officer):
    application = returned(applicant, officer)
    return actions.Resubmit(application, declaration_accepted=True).execute(applicant)


def under_review(applicant, officer):
    application = submitted(applicant)
    return actions.StartReview(application).execute(officer)


def make_expert(employer=None, name="专家", fields=("new-energy",)):
    user = UserFactory(roles=[Role.EXPERT], full_name=name)
    profile = ExpertProfile.objects.create(
        user=user, employer=employer, employer_name=str(employer or "天津大学")
    )
    profile.key_fields.set(KeyField.objects.filter(code__in=fields))
    return user


def with_panel(application, officer, leader, *members):
    AddPanelMember(application, expert=leader, is_leader=True).execute(officer)
    for member in members:
        AddPanelMember(application, expert=member).execute(officer)
    return application


def all_scores(application, value_of=lambda item: item.max_points * 9 / 10):
    items = application.panel.template_version.items.all()
    return {str(item.pk): str(value_of(item)) for item in items}


def reviewed(people, override=None):
    """Under review with a panel (people.expert leads), one submitted sheet and a submitted report."""
    return reviewed_by(people.applicant, people.commission_officer, people.expert, override)


def reviewed_by(applicant, officer, leader, override=None):
    application = under_review(applicant, officer)
    with_panel(application, officer, leader)
    SaveSheet(application, scores=all_scores(application), submit=True).execute(leader)
    submit_report(application, leader, override)
    application.refresh_from_db()
    return application


def submit_report(application, leader, override=None):
    """The panel leader's report, complete and submitted, recommending approval."""
    SaveReport(
        application,
        submit=True,
        document_review_on=date(2026, 3, 2),
        document_review_findings="材料齐全，符合要求。",
        site_visit_on=date(2026, 3, 10),
        site_visit_findings="现场条件与申报一致。",
        opinion="专家组同意该单位筹建新能源计量数据中心。",
        recommendation="approve",
        override_score=override,
        override_reason="综合考虑产业带动作用。" if override is not None else "",
    ).execute(leader)


def approved(people):
    application = reviewed(people)
    return actions.Approve(application, targets="建成数据中心", tasks="汇聚数据").execute(
        people.commission_leader
    )
