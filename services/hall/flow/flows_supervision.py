"""The flows of the services an established centre's unit takes to its supervisors: 整改情况报告 on a
supervision rectification (R-32 … R-34), 年度工作总结报告 (R-30) and 重大变化报告 (R-31)."""

from django.urls import reverse

from accounts.roles import organisation_id
from services.deadlines import rules as deadlines
from services.deadlines.formatting import cn_date
from services.hall.flow.flows_construction import FILES, number_of, unit_centres
from services.hall.flow.spec import Flow, Section
from services.reference.applicant_services import Service


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
    number=lambda follow_up: number_of(follow_up.rectification),
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

    return unit_centres(user, [S.ESTABLISHED])


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
    number=number_of,
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
    number=number_of,
    case_url=lambda record: reverse("supervision:change_report", args=[record.pk]),
    required=("category", "description", "effective_on"),
    hints=lambda centre, today: {"description": "说明变化事项、发生时间、对中心运行的影响和应对措施。"},
    next_steps=(
        "所在区市场监管局核实变化情况，必要时到现场了解。",
        "市市场监管委评估变化对中心运行的影响；影响中心条件的，通知中心限期整改。",
    ),
)
