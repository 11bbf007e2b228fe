"""The seven flows of the service hall's applicant services besides the 筹建申请 (issue 12, item 6).

Each borrows its service's existing form and runs its service's existing action: the rules stay where
they are (R-20 … R-22, R-25, R-26, R-30 … R-32); what is declared here is which fields go on which page,
which files, what the number is, where the case is followed and what happens next.
"""

from django.urls import reverse

from accounts.roles import organisation_id
from services.deadlines import rules as deadlines
from services.deadlines.formatting import cn_date
from services.hall.constants import Service
from services.hall.flow.spec import FileSlot, Flow, Section

FILES = FileSlot("files", "附件")


def _number(case) -> str:
    return getattr(case, "case_number", "") or ""


def _centre_page(centre_id, anchor="") -> str:
    return reverse("construction:centre", args=[centre_id]) + anchor


def _centres(user, statuses):
    from services.centres.models import Centre

    return Centre.objects.visible_to(user).filter(organisation_id=organisation_id(user), status__in=statuses)


# 验收申请: three materials, each with its text and its files: a task list -----------------------------
def _acceptance_subjects(user):
    from services.centres.constants import CentreStatus as S

    return _centres(user, [S.CONSTRUCTING, S.EXTENDED]).filter(acceptance__isnull=True)


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
    number=_number,
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

    return _centres(user, [S.CONSTRUCTING]).filter(extension_request__isnull=True)


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
    number=_number,
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

    return _centres(user, UNDER_CONSTRUCTION)


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
    number=_number,
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
    number=lambda report: _number(report.application),
    case_url=lambda report: reverse("acceptance:detail", args=[report.application_id]),
    centre_of=lambda application: application.centre,
    hints=_acceptance_rectification_hints,
    next_steps=(
        "市市场监管委组织整改后的考核（复评），并通知考核时间。",
        "复评80分及以上的为合格；每一步都会通过站内消息和电子邮件通知您。",
    ),
)


# 整改情况报告: on a supervision rectification (R-32 … R-34) -------------------------------------------------
def _follow_up_subjects(user):
    from services.supervision.constants import RectificationStatus
    from services.supervision.models import Rectification

    return (
        Rectification.objects.visible_to(user)
        .filter(centre__organisation_id=organisation_id(user), status=RectificationStatus.OPEN)
        .select_related("centre")
    )


def _follow_up_form(subject, data):
    from services.supervision.forms import FollowUpForm

    return FollowUpForm(data)


def _follow_up_action(user, rectification, cleaned, files):
    from services.supervision.actions import RecordFollowUp
    from services.supervision.constants import FollowUpOutcome

    return RecordFollowUp(
        user,
        files=files.get("files", []),
        rectification=rectification,
        outcome=FollowUpOutcome.REPORTED,
        note=cleaned["note"],
    )


FOLLOW_UP = Flow(
    key="follow-up",
    service=Service.RECTIFICATION,
    title="整改情况报告（监督整改）",
    start_label="报送整改情况",
    sections=(Section("main", "整改情况报告", ("note",), (FILES,)),),
    subjects=_follow_up_subjects,
    make_form=_follow_up_form,
    action=_follow_up_action,
    number=lambda follow_up: _number(follow_up.rectification),
    case_url=lambda follow_up: reverse("supervision:rectification", args=[follow_up.rectification_id]),
    centre_of=lambda rectification: rectification.centre,
    required=("note",),
    hints=lambda r, today: {"note": f"逐条对照整改要求说明整改措施和结果。整改期限至{cn_date(r.deadline)}。"},
    labels={"note": "整改情况"},
    next_steps=(
        "下达整改要求的监督部门跟踪核实整改情况，认定整改完成或未完成。",
        "核实整改到位的，整改事项办结；结果通过站内消息和电子邮件通知您。",
    ),
)


# 年度工作总结报告 and 重大变化报告: an established centre, one page each ---------------------------
def _established(user):
    from services.centres.constants import CentreStatus as S

    return _centres(user, [S.ESTABLISHED])


def _only(centre):
    from services.centres.models import Centre

    return Centre.objects.filter(pk=centre.pk)


def _annual_form(centre, data):
    from services.supervision.forms import AnnualReportForm

    return AnnualReportForm(data, centres=_only(centre))


def _annual_action(user, centre, cleaned, files):
    from services.supervision.actions import SubmitAnnualReport

    return SubmitAnnualReport(
        user,
        files=files.get("files", []),
        centre=centre,
        year=cleaned["year"],
        summary=cleaned["summary"],
        services_provided=cleaned["services_provided"],
    )


def _annual_year(centre, today) -> int:
    """The latest year due (the engine's years) that has no report yet, else this year."""
    from services.supervision.models import AnnualReport

    done = set(AnnualReport.objects.filter(centre=centre).values_list("year", flat=True))
    due = [y for y in deadlines.annual_report_years(centre.established_on, today) if y not in done]
    return max(due) if due and centre.established_on else today.year


def _annual_hints(centre, today):
    start, end = deadlines.annual_report_window(today.year)
    return {
        "year": f"年度报告每年{cn_date(start)}至{cn_date(end)}报送；其他时间报送的，记为逾期报送。",
        "summary": "按门户报告模板撰写：年度工作、数据资源规模、共享次数、成果数量、安全事件情况等。",
    }


ANNUAL_REPORT = Flow(
    key="annual-report",
    service=Service.ANNUAL_REPORT,
    title="年度工作总结报告",
    start_label="报送年度工作总结报告",
    sections=(Section("main", "年度工作总结报告", ("year", "summary", "services_provided"), (FILES,)),),
    subjects=_established,
    make_form=_annual_form,
    action=_annual_action,
    number=_number,
    case_url=lambda record: reverse("supervision:annual_report", args=[record.pk]),
    required=("year", "summary"),
    hints=_annual_hints,
    initial=lambda centre, today: {"year": _annual_year(centre, today)} if centre.established_on else {},
    facts=lambda record: ["本报告在报送期（11月）以外提交，记为逾期报送。"] if record.late else [],
    next_steps=(
        "所在区市场监管局审阅报告，有疑问的退回补充说明。",
        "市市场监管委汇总审阅，必要时结合监督检查核实；发现问题的，通知中心限期整改。",
    ),
)


def _change_form(centre, data):
    from services.supervision.forms import ChangeReportForm

    return ChangeReportForm(data, centres=_only(centre))


def _change_action(user, centre, cleaned, files):
    from services.supervision.actions import SubmitChangeReport

    return SubmitChangeReport(
        user,
        files=files.get("files", []),
        centre=centre,
        category=cleaned["category"],
        description=cleaned["description"],
        effective_on=cleaned["effective_on"],
    )


CHANGE_REPORT = Flow(
    key="change-report",
    service=Service.CHANGE_REPORT,
    title="重大变化报告",
    start_label="报告重大变化",
    sections=(Section("main", "重大变化报告", ("category", "description", "effective_on"), (FILES,)),),
    subjects=_established,
    make_form=_change_form,
    action=_change_action,
    number=_number,
    case_url=lambda record: reverse("supervision:change_report", args=[record.pk]),
    required=("category", "description", "effective_on"),
    hints=lambda centre, today: {"description": "说明变化事项、发生时间、对中心运行的影响和应对措施。"},
    next_steps=(
        "所在区市场监管局核实变化情况，必要时到现场了解。",
        "市市场监管委评估变化对中心运行的影响；影响中心条件的，通知中心限期整改。",
    ),
)

FLOWS = {
    flow.key: flow
    for flow in (
        ACCEPTANCE,
        EXTENSION,
        MAJOR_SITUATION,
        ACCEPTANCE_RECTIFICATION,
        FOLLOW_UP,
        ANNUAL_REPORT,
        CHANGE_REPORT,
    )
}
BY_SERVICE = {}
for _flow in FLOWS.values():
    BY_SERVICE.setdefault(_flow.service, []).append(_flow)
