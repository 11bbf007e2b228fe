"""The queues of the staff workspaces (委工作台, the bureau's tenant view): one declaration per queue.

Each `Queue` names its label, where its records come from (always a `visible_to(user)` queryset, so a
bureau officer sees only their district) and the deadline of each record, computed by the deadline engine
(services.deadlines.rules, R-42). Counts on the workspace are `len(items(...))`, the very rows the queue
page lists, so they cannot disagree.

Extension point for 好差评: the ratings app declares its "差评 to follow up" queue (``RATINGS_FOLLOW_UP``)
with `register()`; nothing else changes.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils import timezone

from services.deadlines import rules as deadlines


@dataclass
class Item:
    """One row of a queue: what it is, whose it is, and its deadline."""

    title: str
    reference: str
    district_id: int
    district_name: str
    status_label: str
    url: str
    deadline: date | None = None
    deadline_label: str = ""
    stage: str = ""
    days_left: int | None = None
    overdue: bool = False

    def at(self, today: date) -> "Item":
        if self.deadline is not None:
            self.days_left = deadlines.days_left(self.deadline, today)
            self.overdue = deadlines.is_overdue(self.deadline, today)
        return self

    @property
    def days_left_text(self) -> str:
        if self.days_left is None:
            return "无期限"
        if self.days_left > 0:
            return f"剩余 {self.days_left} 天"
        if self.days_left == 0:
            return "今天截止"
        return f"已逾期 {-self.days_left} 天"


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    description: str
    source: Callable[[object, date], Iterable[Item]]  # (user, today) -> items, from visible_to(user)
    stages: tuple[tuple[str, str], ...] = field(default=())  # optional stage filter (value, label)
    scopes: tuple[str, ...] = ("commission", "bureau")  # the workspaces that show it

    def items(self, user, today: date) -> list[Item]:
        return [item.at(today) for item in self.source(user, today)]


def _local_date(moment):
    return timezone.localtime(moment).date() if moment else None


# applications ------------------------------------------------------------------------------------------
def _application_item(application, deadline=None, deadline_label="") -> Item:
    return Item(
        title=application.centre_name or str(application.organisation),
        reference=application.case_number,
        district_id=application.district_id,
        district_name=application.district.name,
        status_label=application.status_label,
        url=reverse("commission_applications:detail", args=[application.pk]),
        deadline=deadline,
        deadline_label=deadline_label,
    )


def _applications(user):
    from services.applications.models import Application

    return Application.objects.visible_to(user).select_related("organisation", "district")


def applications_to_accept(user, today):
    """R-10, R-11: submitted or resubmitted applications to return for correction or accept for review;
    handled within the commission's handling period."""
    from services.applications import rules
    from services.applications.constants import AWAITING_COMMISSION

    for application in _applications(user).filter(status__in=AWAITING_COMMISSION):
        submitted = _local_date(application.submitted_at)
        yield _application_item(application, submitted and rules.handling_deadline(submitted), "受理办理期限")


def _under_review(user):
    from services.applications.constants import ApplicationStatus

    return _applications(user).filter(status=ApplicationStatus.UNDER_REVIEW)


def applications_to_decide(user, today):
    """R-14: the leader's review report is in; the commission decides."""
    from services.reviews.constants import ReportStatus

    for application in _under_review(user).filter(panel__report__status=ReportStatus.SUBMITTED):
        yield _application_item(application)


def panels_to_form(user, today):
    """R-11: accepted for review, but the panel has no leader yet."""
    for application in _under_review(user).exclude(panel__members__is_leader=True):
        yield _application_item(application)


# construction ------------------------------------------------------------------------------------------
def _centre_item(centre, url, status_label=None, deadline=None, deadline_label="", title=None) -> Item:
    return Item(
        title=title or centre.name,
        reference=centre.name if title else str(centre.organisation),
        district_id=centre.district_id,
        district_name=centre.district.name,
        status_label=status_label or centre.get_status_display(),
        url=url,
        deadline=deadline,
        deadline_label=deadline_label,
    )


def major_reports(user, today):
    """R-20: major-situation reports of centres still under construction, for the commission to read."""
    from services.centres.constants import CentreStatus
    from services.construction.models import MajorSituationReport

    reports = (
        MajorSituationReport.objects.visible_to(user)
        .filter(centre__status__in=[CentreStatus.CONSTRUCTING, CentreStatus.EXTENDED])
        .select_related("centre__district", "centre__organisation")
    )
    for report in reports:
        yield _centre_item(
            report.centre,
            reverse("construction:report", args=[report.pk]),
            status_label=f"报告于{_local_date(report.submitted_at):%Y-%m-%d}",
            title=report.title,
        )


def extension_requests(user, today):
    """R-22: pending extension requests, decided before the construction period ends."""
    from services.construction.constants import ExtensionStatus
    from services.construction.models import ExtensionRequest

    requests = (
        ExtensionRequest.objects.visible_to(user)
        .filter(status=ExtensionStatus.PENDING)
        .select_related("centre__district", "centre__organisation")
    )
    for request in requests:
        yield _centre_item(
            request.centre,
            reverse("construction:extension_decide", args=[request.pk]),
            status_label=request.get_status_display(),
            deadline=request.centre.construction_end,
            deadline_label="筹建期限届满日",
        )


def lapsed_periods(user, today):
    """R-23: centres flagged as lapsed (period ended with neither application nor extension), awaiting the
    leader's confirmation of the revocation."""
    from services.centres.constants import CentreStatus
    from services.supervision.querysets import centres_visible_to

    for centre in centres_visible_to(user).filter(status=CentreStatus.LAPSED):
        end = deadlines.effective_end(centre.construction_end, centre.extended_end)
        yield _centre_item(
            centre,
            reverse("construction:revoke", args=[centre.pk]),
            deadline=end,
            deadline_label="筹建期限届满日",
        )


# acceptance --------------------------------------------------------------------------------------------
def acceptance_cases(user, today):
    """R-21, R-24 … R-27: open acceptance cases at each stage; the rectification period (R-25) or the
    notice's deadline (R-26) is the deadline where one runs."""
    from services.acceptance.constants import AcceptanceStatus as S
    from services.acceptance.models import AcceptanceApplication, RectificationNotice

    open_statuses = [s for s in S.values if s not in (S.ESTABLISHED, S.CANCELLED)]
    cases = (
        AcceptanceApplication.objects.visible_to(user)
        .filter(status__in=open_statuses)
        .select_related("centre__district", "centre__organisation")
    )
    for case in cases:
        deadline, label = None, ""
        if case.status == S.RECTIFYING and case.rectification_deadline:
            deadline, label = case.rectification_deadline, "整改期限"
        elif case.status == S.NOTICE_ISSUED:
            notice = RectificationNotice.objects.filter(application=case).first()
            if notice is not None:
                deadline, label = notice.deadline, "整改通知书期限"
        item = _centre_item(
            case.centre,
            reverse("acceptance:detail", args=[case.pk]),
            status_label=case.get_status_display(),
            deadline=deadline,
            deadline_label=label,
        )
        item.stage = case.status
        yield item


def _acceptance_stages():
    from services.acceptance.constants import AcceptanceStatus as S

    return tuple((v, label) for v, label in S.choices if v not in (S.ESTABLISHED, S.CANCELLED))


# supervision -------------------------------------------------------------------------------------------
def rectifications(user, today):
    """R-32 … R-34: open supervision rectifications, by their deadline."""
    from services.supervision.models import Rectification

    open_rects = (
        Rectification.objects.visible_to(user)
        .filter(status__in=["open", "reported"])
        .select_related("centre__district", "centre__organisation")
    )
    for rect in open_rects:
        yield _centre_item(
            rect.centre,
            reverse("supervision:rectification", args=[rect.pk]),
            status_label=rect.get_status_display(),
            deadline=rect.deadline,
            deadline_label="整改期限",
        )


def _established(user):
    from services.centres.constants import CentreStatus
    from services.supervision.querysets import centres_visible_to

    return centres_visible_to(user).filter(status=CentreStatus.ESTABLISHED, established_on__isnull=False)


def annual_reports_missing(user, today):
    """R-30: one row per centre and year whose annual report is missing (due by 30 November)."""
    from services.workspaces import rules

    for centre in _established(user).prefetch_related("annual_reports"):
        reported = {r.year for r in centre.annual_reports.all()}
        for year in rules.missing_report_years(centre.established_on, today, reported):
            yield _centre_item(
                centre,
                reverse("supervision:centre", args=[centre.pk]),
                status_label=f"{year}年度工作总结报告缺失",
                deadline=deadlines.annual_report_window(year)[1],
                deadline_label=f"{year}年度报送截止日",
            )


def reexaminations_due(user, today):
    """R-34: five-yearly re-examinations due within the lead time (or overdue) and not yet arranged."""
    from services.workspaces import rules

    for centre in _established(user).prefetch_related("reexaminations"):
        arranged = {r.round_number for r in centre.reexaminations.all()}
        for round_number, due in rules.reexamination_rounds_due(centre.established_on, today, arranged):
            yield _centre_item(
                centre,
                reverse("supervision:centre", args=[centre.pk]),
                status_label=f"第{round_number}次复查待安排",
                deadline=due,
                deadline_label="应复查日期",
            )


QUEUES: dict[str, Queue] = {}


def register(queue: Queue) -> Queue:
    """Add a queue to the workspaces (used by the apps that own the records, e.g. the ratings app)."""
    QUEUES[queue.key] = queue
    return queue


def queues_for(scope: str) -> dict[str, Queue]:
    """The queues of one workspace ("commission" or "bureau"), in the order they were registered."""
    return {key: queue for key, queue in QUEUES.items() if scope in queue.scopes}


for _queue in (
    Queue(
        "accept",
        "待受理的筹建申请",
        "已提交或补正后提交，待退回补正或受理评审（R-10、R-11）",
        applications_to_accept,
    ),
    Queue("panels", "待组建的评审专家组", "已受理评审，尚未确定专家组组长（R-11）", panels_to_form),
    Queue("decide", "待决定的筹建申请", "专家组评审报告已提交，待审批（R-14）", applications_to_decide),
    Queue("major-reports", "重大情况报告", "筹建中中心报送的重大情况报告（R-20）", major_reports),
    Queue("extensions", "待审核的延期验收申请", "须在筹建期限届满前审核（R-22）", extension_requests),
    Queue(
        "acceptance",
        "验收考核办件",
        "各阶段的验收考核（R-21、R-24至R-27）",
        acceptance_cases,
        stages=_acceptance_stages(),
    ),
    Queue("lapsed", "筹建期满待确认", "筹建期限届满未申请验收，待确认撤销筹建资格（R-23）", lapsed_periods),
    Queue(
        "rectifications", "监督整改", "日常检查、监督抽查和复查发现问题的整改（R-32至R-34）", rectifications
    ),
    Queue("annual-reports", "缺失的年度工作总结报告", "11月30日前未报送（R-30）", annual_reports_missing),
    Queue("reexaminations", "待安排的五年复查", "应复查日期前90天起列入（R-34）", reexaminations_due),
):
    register(_queue)

# RATINGS_FOLLOW_UP: the "差评 to follow up" queue reads the 好差评 (ratings) app's cases; the workspace
# registers it when it is ready (services.workspaces.ratings_queue.register, from WorkspacesConfig.ready).
