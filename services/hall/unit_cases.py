"""我的办件: every case of the applicant's unit, with its status and the next step (issue 12, item 5).

Every list starts from the kind's own visible_to(user), narrowed to the user's unit."""

from dataclasses import dataclass
from datetime import date, datetime

from django.urls import reverse

from accounts import roles
from services.deadlines.clock import beijing_today
from services.deadlines.formatting import cn_date

# What happens next, by status: the applicant's own step first where there is one.
APPLICATION_NEXT = {
    "draft": "完成申报书各部分，核对信息后提交",
    "returned": "按补正通知修改申报书后重新提交",
    "submitted": "等待市市场监管委受理审查",
    "resubmitted": "等待市市场监管委审查补正材料",
    "under_review": "等待专家评审和审批决定",
    "approved": "按筹建任务书组织建设，筹建期满3个月前申请验收（R-21）",
    "rejected": "已办结",
    "withdrawn": "已办结",
}
ACCEPTANCE_NEXT = {
    "submitted": "等待市市场监管委组建考核组",
    "assessing": "配合考核组现场考核",
    "rectifying": "在整改期限内完成整改并报告整改结果",
    "reassessing": "等待整改后复核",
    "failed": "等待市市场监管委下达整改通知书",
    "notice_issued": "按整改通知书整改并报告整改结果",
    "final_assessing": "配合整改后现场考核",
    "final_failed": "等待市市场监管委决定",
    "passed": "等待市市场监管委同意成立",
    "established": "已办结",
    "cancelled": "已办结",
}
EXTENSION_NEXT = {"pending": "等待市市场监管委审核", "approved": "已办结", "refused": "已办结"}
RECTIFICATION_NEXT = {
    "open": "在整改期限内完成整改并报送整改情况",
    "reported": "等待复核整改情况",
    "completed": "已办结",
    "failed": "已办结",
}


@dataclass(frozen=True)
class UnitCase:
    kind: str
    title: str
    status: str
    next_step: str
    url: str
    on: date | None


def _day(value) -> date | None:
    """A date as is; a moment as its Beijing date (R-42)."""
    return beijing_today(value) if isinstance(value, datetime) else value


def _kinds():
    """(kind, queryset, title, status, next step, url, date) for each kind of case a unit has."""
    from services.acceptance.models import AcceptanceApplication
    from services.applications.models import Application
    from services.construction.models import ExtensionRequest, MajorSituationReport
    from services.supervision.models import AnnualReport, ChangeReport, Rectification

    done = "已办结"
    return [
        (
            "筹建申请",
            Application,
            lambda a: f"{a.case_number} {a.centre_name or '（拟建中心名称未填写）'}",
            lambda a: a.status_label,
            lambda a: APPLICATION_NEXT.get(a.status, ""),
            lambda a: reverse("service_hall:detail", args=[a.pk]),
            lambda a: a.updated_at,
        ),
        (
            "验收申请",
            AcceptanceApplication,
            str,
            lambda a: a.get_status_display(),
            lambda a: ACCEPTANCE_NEXT.get(a.status, ""),
            lambda a: reverse("acceptance:detail", args=[a.pk]),
            lambda a: a.submitted_on,
        ),
        (
            "延期验收申请",
            ExtensionRequest,
            str,
            lambda e: e.get_status_display(),
            lambda e: EXTENSION_NEXT.get(e.status, ""),
            lambda e: reverse("construction:centre", args=[e.centre_id]),
            lambda e: e.submitted_on,
        ),
        (
            "重大情况报告",
            MajorSituationReport,
            lambda r: f"{r.centre} {r.title}",
            lambda r: "已报告",
            lambda r: done,
            lambda r: reverse("construction:centre", args=[r.centre_id]),
            lambda r: r.submitted_at,
        ),
        (
            "年度工作总结报告",
            AnnualReport,
            str,
            lambda r: "逾期报送" if r.late else "已报送",
            lambda r: done,
            lambda r: reverse("supervision:annual_report", args=[r.pk]),
            lambda r: r.submitted_on,
        ),
        (
            "重大变化报告",
            ChangeReport,
            str,
            lambda r: "已报告",
            lambda r: done,
            lambda r: reverse("supervision:change_report", args=[r.pk]),
            lambda r: r.submitted_at,
        ),
        (
            "整改通知",
            Rectification,
            lambda r: f"{r.centre} 整改期限{cn_date(r.deadline)}",
            lambda r: r.get_status_display(),
            lambda r: RECTIFICATION_NEXT.get(r.status, ""),
            lambda r: reverse("supervision:rectification", args=[r.pk]),
            lambda r: r.issued_on,
        ),
    ]


def cases_of_unit(user) -> list[UnitCase]:
    """Every case of the user's unit, newest first; each kind starts from its own visible_to(user)."""
    organisation_id = roles.organisation_id(user)
    if organisation_id is None:
        return []
    found = []
    for kind, model, title, status, next_step, url, on in _kinds():
        cases = model.objects.visible_to(user)
        if model.__name__ == "Application":
            cases = cases.filter(organisation_id=organisation_id)
        else:
            cases = cases.filter(centre__organisation_id=organisation_id).select_related("centre")
        found += [UnitCase(kind, title(c), status(c), next_step(c), url(c), _day(on(c))) for c in cases]
    return sorted(found, key=lambda case: case.on or date.min, reverse=True)
