"""The seven flows' subjects and answers, for the flow tests (tests/services/hall/test_flows.py)."""

from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03" + b"\x00" * 64


def pdf(name="证明材料.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def exe(name="说明.pdf"):
    return SimpleUploadedFile(name, EXE, content_type="application/pdf")


@dataclass
class Case:
    flow: str
    answers: dict  # section slug -> {field: value typed}
    shown: tuple[str, ...]  # what 核对信息 shows for these answers
    required: str  # a required field, left empty in the bad-input test
    record: str  # "app_label.Model" of the record the action makes


def _centre(people):
    from tests.factories.centres import CentreFactory

    return CentreFactory(organisation=people.applicant.membership.organisation)


def _established(people):
    from tests.factories.supervision import EstablishedCentreFactory

    return EstablishedCentreFactory(organisation=people.applicant.membership.organisation)


def _rectifying_acceptance(people):
    from services.acceptance.actions import ApplyForAcceptance
    from services.acceptance.models import AcceptanceApplication
    from services.centres.constants import CentreStatus
    from services.centres.models import Centre

    centre = _centre(people)
    texts = {"written_application": "申请验收。", "summary_report": "总结。", "follow_up_plan": "规划。"}
    application = ApplyForAcceptance(people.applicant, centre, texts=texts, today=date(2026, 11, 2)).run()
    AcceptanceApplication.objects.filter(pk=application.pk).update(
        status="rectifying", rectification_deadline=date(2027, 5, 1)
    )
    Centre.objects.filter(pk=centre.pk).update(status=CentreStatus.RECTIFYING)
    application.refresh_from_db()
    return application


def _rectification(people):
    from tests.factories.supervision import InspectionFactory, RectificationFactory

    inspection = InspectionFactory(centre=_established(people))
    return RectificationFactory(inspection=inspection, deadline=date(2027, 3, 1))


SUBJECTS = {
    "acceptance": _centre,
    "extension": _centre,
    "major-situation": _centre,
    "acceptance-rectification": _rectifying_acceptance,
    "follow-up": _rectification,
    "annual-report": _established,
    "change-report": _established,
}

CASES = [
    Case(
        "acceptance",
        {
            "written": {"written_application": "我单位已完成筹建任务，申请验收考核。"},
            "summary": {"summary_report": "对照任务书逐项完成：建成计量数据资源库。"},
            "plan": {"follow_up_plan": "三年内扩展到十个应用场景。"},
        },
        ("我单位已完成筹建任务，申请验收考核。", "建成计量数据资源库", "三年内扩展到十个应用场景。"),
        "summary_report",
        "acceptance.AcceptanceApplication",
    ),
    Case(
        "extension",
        {"main": {"reason": "关键设备到货延迟，筹建任务需顺延。", "proposed_assessment_on": "2027-12-31"}},
        ("关键设备到货延迟，筹建任务需顺延。", "2027年12月31日"),
        "reason",
        "construction.ExtensionRequest",
    ),
    Case(
        "major-situation",
        {"main": {"title": "中心负责人变更", "body": "中心负责人由张三变更为李四。"}},
        ("中心负责人变更", "中心负责人由张三变更为李四。"),
        "body",
        "construction.MajorSituationReport",
    ),
    Case(
        "acceptance-rectification",
        {"main": {"body": "已逐条完成整改，补充了数据质量规范。"}},
        ("已逐条完成整改，补充了数据质量规范。",),
        "body",
        "acceptance.RectificationReport",
    ),
    Case(
        "follow-up",
        {"main": {"note": "已补齐全部服务记录。"}},
        ("已补齐全部服务记录。",),
        "note",
        "supervision.FollowUp",
    ),
    Case(
        "annual-report",
        {"main": {"year": "2026", "summary": "全年服务企业三十家。", "services_provided": "开展培训五次。"}},
        ("2026", "全年服务企业三十家。", "开展培训五次。"),
        "summary",
        "supervision.AnnualReport",
    ),
    Case(
        "change-report",
        {
            "main": {
                "category": "capability",
                "description": "新增检测能力两项。",
                "effective_on": "2026-11-20",
            }
        },
        ("技术服务能力变更", "新增检测能力两项。", "2026年11月20日"),
        "description",
        "supervision.ChangeReport",
    ),
]
