"""The flows of the construction and acceptance stages: 验收申请 (R-21), 延期验收申请 (R-22), 重大情况报告
(R-20) and the 整改情况报告 after an acceptance round (R-25, R-26).

See services.hall.flow.flows for the registry of every flow.

Each borrows its service's existing form and runs its service's existing action: the rules stay where
they are (R-20 … R-22, R-25, R-26, R-30 … R-32); what is declared here is which fields go on which page,
which files, what the number is, where the case is followed and what happens next.
"""

from django.urls import reverse

from accounts.roles import organisation_id
from services.deadlines import rules as deadlines
from services.deadlines.formatting import cn_date
from services.hall.flow.spec import FileSlot, Flow, Section
from services.reference.applicant_services import Service

FILES = FileSlot("files", "附件")


def number_of(case) -> str:
    return getattr(case, "case_number", "") or ""


def _centre_page(centre_id, anchor="") -> str:
    return reverse("construction:centre", args=[centre_id]) + anchor


def unit_centres(user, statuses):
    from services.centres.models import Centre

    return Centre.objects.visible_to(user).filter(organisation_id=organisation_id(user), status__in=statuses)


# 验收申请: three materials, each with its text and its files: a task list -----------------------------
def _acceptance_subjects(user):
    from services.centres.constants import CentreStatus as S

    return unit_centres(user, [S.CONSTRUCTING, S.EXTENDED]).filter(acceptance__isnull=True)


def _acceptance_form(subject, data):
    from services.acceptance.forms import AcceptanceApplicationForm

    return AcceptanceApplicationForm(data)


def _acceptance_action(user, centre, cleaned, files):
    from services.acceptance.actions import ApplyForAcceptance
    from services.acceptance.actions.base import MATERIALS

    texts = {key: cleaned[key] for key in MATERIALS}
    return ApplyForAcceptance(user, centre, texts=texts, files={k: v for k, v in files.items() if v})


def _acceptance_hints(centre, today):
    last = deadlines.last_day_to_apply_acceptance(centre.construction_end, centre.extended_end)
    return {"written_application": f"验收申请须在{cn_date(last)}前提交（第十三条）。"}


ACCEPTANCE = Flow(
    key="acceptance",
    service=Service.ACCEPTANCE,
    title="验收申请",
    start_label="申请验收",
    sections=(
        Section(
            "written",
            "一、书面验收申请",
            ("written_application",),
            (FileSlot("written_application", "书面验收申请扫描件", "加盖公章后扫描上传，可选择多个文件。"),),
        ),
        Section(
            "summary",
            "二、筹建工作总结报告",
            ("summary_report",),
            (FileSlot("summary_report", "筹建工作总结报告及佐证材料"),),
            intro="对照筹建任务书逐项说明完成情况。",
        ),
        Section(
            "plan",
            "三、后续建设规划",
            ("follow_up_plan",),
            (FileSlot("follow_up_plan", "后续建设规划附件"),),
            intro="中心成立后三至五年的建设目标和措施。",
        ),
    ),
    subjects=_acceptance_subjects,
    make_form=_acceptance_form,
    action=_acceptance_action,
    number=number_of,
    case_url=lambda record: reverse("acceptance:detail", args=[record.pk]),
    hints=_acceptance_hints,
    next_steps=(
        "市市场监管委审查验收申请，受理后组织相关专业技术专家组成考核组，并通知现场审查时间。",
        "考核组召开首次会议、现场逐项核查评定，末次会议通报考核情况并听取本单位意见。",
        "满分100分，80分及以上为合格；考核合格的，市市场监管委同意成立计量数据中心。",
    ),
)


# 延期验收申请: one page ------------------------------------------------------------------------------
def _extension_subjects(user):
    from services.centres.constants import CentreStatus as S

    return unit_centres(user, [S.CONSTRUCTING]).filter(extension_request__isnull=True)


def _extension_form(subject, data):
    from services.construction.forms import ExtensionRequestForm

    return ExtensionRequestForm(data)


def _extension_action(user, centre, cleaned, files):
    from services.construction.actions import RequestExtension

    return RequestExtension(
        user,
        centre,
        reason=cleaned["reason"],
        proposed_assessment_on=cleaned["proposed_assessment_on"],
        files=files.get("files", []),
    )


def _extension_hints(centre, today):
    end, latest = centre.construction_end, deadlines.extended_end_latest(centre.construction_end)
    return {
        "reason": f"延期验收须在{cn_date(deadlines.last_day_to_apply(end))}前申请，每个中心只能申请一次。",
        "proposed_assessment_on": f"须晚于原筹建期限（{cn_date(end)}），延长时限不超过1年，最迟{cn_date(latest)}。",
    }


EXTENSION = Flow(
    key="extension",
    service=Service.EXTENSION,
    title="延期验收申请",
    start_label="申请延期验收",
    sections=(Section("main", "延期验收申请", ("reason", "proposed_assessment_on"), (FILES,)),),
    subjects=_extension_subjects,
    make_form=_extension_form,
    action=_extension_action,
    number=number_of,
    case_url=lambda record: _centre_page(record.centre_id, "#extension-h"),
    hints=_extension_hints,
    facts=lambda record: [
        f"原筹建期限届满日为{cn_date(record.centre.construction_end)}；"
        f"同意延期的，延期后届满日最迟为{cn_date(deadlines.extended_end_latest(record.centre.construction_end))}。"
    ],
    next_steps=(
        "市市场监管委审核延期理由，作出同意或不同意的书面答复，答复在中心页面和站内消息中同时送达。",
        "同意延期的，门户更新延期后的届满日，验收申请截止日随之顺延至延期届满日。",
    ),
)


# 重大情况报告: one page ------------------------------------------------------------------------------
def _major_subjects(user):
    from services.construction.actions import UNDER_CONSTRUCTION

    return unit_centres(user, UNDER_CONSTRUCTION)


def _major_form(subject, data):
    from services.construction.forms import MajorReportForm

    return MajorReportForm(data)


def _major_action(user, centre, cleaned, files):
    from services.construction.actions import SubmitMajorReport

    return SubmitMajorReport(
        user, centre, title=cleaned["title"], body=cleaned["body"], files=files.get("files", [])
    )


MAJOR_SITUATION = Flow(
    key="major-situation",
    service=Service.MAJOR_SITUATION,
    title="重大情况报告",
    start_label="报告重大情况",
    sections=(Section("main", "重大情况报告", ("title", "body"), (FILES,)),),
    subjects=_major_subjects,
    make_form=_major_form,
    action=_major_action,
    number=number_of,
    case_url=lambda record: _centre_page(record.centre_id, "#reports-h"),
    hints=lambda centre, today: {"body": "说明情况、发生时间、对筹建任务和期限的影响及应对措施。"},
    next_steps=(
        "市市场监管委计量处研判对筹建任务的影响；需要调整任务书或期限的，另行通知。",
        "报告进入中心筹建档案，验收考核时考核组可以查阅。",
    ),
)


# 整改情况报告: after an acceptance round below 80 (R-25, R-26) ------------------------------------------------
def _acceptance_rectification_subjects(user):
    from services.acceptance.constants import AcceptanceStatus as A
    from services.acceptance.models import AcceptanceApplication

    return (
        AcceptanceApplication.objects.visible_to(user)
        .filter(centre__organisation_id=organisation_id(user), status__in=[A.RECTIFYING, A.NOTICE_ISSUED])
        .select_related("centre")
    )


def _acceptance_rectification_form(subject, data):
    from services.acceptance.forms import RectificationReportForm

    return RectificationReportForm(data)


def _acceptance_rectification_action(user, application, cleaned, files):
    from services.acceptance.actions import ReportRectification

    return ReportRectification(user, application, body=cleaned["body"], files=files.get("files", []))


def _acceptance_rectification_hints(application, today):
    from services.acceptance.actions.base import rectification_due

    due = rectification_due(application)
    return {"body": f"逐条对照整改要求说明整改措施和结果。整改期限至{cn_date(due)}。"} if due else {}


ACCEPTANCE_RECTIFICATION = Flow(
    key="acceptance-rectification",
    service=Service.RECTIFICATION,
    title="整改情况报告（验收整改）",
    start_label="报告验收整改结果",
    sections=(Section("main", "整改情况报告", ("body",), (FILES,)),),
    subjects=_acceptance_rectification_subjects,
    make_form=_acceptance_rectification_form,
    action=_acceptance_rectification_action,
    number=lambda report: number_of(report.application),
    case_url=lambda report: reverse("acceptance:detail", args=[report.application_id]),
    centre_of=lambda application: application.centre,
    hints=_acceptance_rectification_hints,
    next_steps=(
        "市市场监管委组织整改后的考核（复评），并通知考核时间。",
        "复评80分及以上的为合格；每一步都会通过站内消息和电子邮件通知您。",
    ),
)
