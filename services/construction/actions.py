"""Construction actions (R-20 … R-23): major-situation reports, the extension request and its decision,
the lapse flag and the revocation of the construction qualification."""

from accounts.constants import Role
from accounts.roles import has_role, is_commission
from services.casework.events import record_transition
from services.casework.refusals import NotPermitted, WrongState
from services.centres.constants import CentreStatus
from services.centres.transitions import CENTRE_MACHINE
from services.construction.base import Action, ActionRefused, fmt, require_unit_member
from services.construction.constants import ExtensionStatus
from services.construction.models import ExtensionRequest, MajorSituationReport
from services.construction.recipients import commission_staff, unit_members
from services.deadlines import rules
from services.files.service import FileRefused, check_upload, store
from services.notifications.service import notify

# a major situation may be reported at any time from approval until the centre is established.
UNDER_CONSTRUCTION = {
    CentreStatus.CONSTRUCTING,
    CentreStatus.EXTENDED,
    CentreStatus.ACCEPTANCE_APPLIED,
    CentreStatus.ASSESSING,
    CentreStatus.RECTIFYING,
    CentreStatus.LAPSED,
}


def check_files(files) -> None:
    for uploaded in files:
        try:
            check_upload(uploaded)
        except FileRefused as error:
            raise ActionRefused(f"文件“{uploaded.name}”：{error}") from error


class SubmitMajorReport(Action):
    """R-20: the builder reports a major situation (text and files) at any time during construction."""

    def __init__(self, user, centre, *, title: str, body: str, files=(), today=None):
        super().__init__(user, today=today)
        self.centre, self.title, self.body, self.files = (
            centre,
            (title or "").strip(),
            (body or "").strip(),
            files,
        )

    def check(self):
        if not has_role(self.user, Role.APPLICANT):
            raise NotPermitted("只有建设单位用户可以报告重大情况。")
        require_unit_member(self.user, self.centre)
        if self.centre.status not in UNDER_CONSTRUCTION:
            raise WrongState(
                "该中心已不在筹建期，不能再报告筹建重大情况。", state=self.centre.get_status_display()
            )
        if not self.title or not self.body:
            raise ActionRefused("请填写重大情况的标题和内容。")
        check_files(self.files)

    def perform(self):
        report = MajorSituationReport.objects.create(
            centre=self.centre, title=self.title, body=self.body, submitted_by=self.user
        )
        for uploaded in self.files:
            store(uploaded, owner=report, purpose="major_report", user=self.user)
        notify(
            kind="construction_major_report",
            recipients=commission_staff(),
            event_key=f"major-report-{report.pk}",
            context={"centre": self.centre, "report": report},
            target=report,
            link=f"/commission/construction/reports/{report.pk}/",
        )
        return report


class RequestExtension(Action):
    """R-22: one request, with reason and proposed assessment time, by the last day to apply."""

    def __init__(self, user, centre, *, reason: str, proposed_assessment_on, files=(), today=None):
        super().__init__(user, today=today)
        self.centre, self.reason, self.files = centre, (reason or "").strip(), files
        self.proposed_assessment_on = proposed_assessment_on

    def check(self):
        if not has_role(self.user, Role.APPLICANT):
            raise NotPermitted("只有建设单位用户可以申请延期验收。")
        require_unit_member(self.user, self.centre)
        if ExtensionRequest.objects.filter(centre=self.centre).exists():
            raise ActionRefused("每个中心只能申请一次延期验收，本中心已申请过。")
        if self.centre.status != CentreStatus.CONSTRUCTING:
            raise WrongState(
                f"当前状态为“{self.centre.get_status_display()}”，不能申请延期验收。",
                state=self.centre.get_status_display(),
            )
        last_day = rules.last_day_to_apply(self.centre.construction_end)
        if rules.is_overdue(last_day, self.today):
            raise ActionRefused(f"延期验收须在筹建期限届满3个月前申请，最后申请日为{fmt(last_day)}，已逾期。")
        if not self.reason:
            raise ActionRefused("请说明延期原因。")
        if self.proposed_assessment_on is None:
            raise ActionRefused("请填写拟延期考核时间。")
        latest = rules.extended_end_latest(self.centre.construction_end)
        if not rules.extended_end_valid(self.centre.construction_end, self.proposed_assessment_on):
            raise ActionRefused(
                f"拟延期考核时间须晚于原筹建期限（{fmt(self.centre.construction_end)}），"
                f"且延长时限不超过1年（最迟{fmt(latest)}）。"
            )
        check_files(self.files)

    def perform(self):
        request = ExtensionRequest.objects.create(
            centre=self.centre,
            reason=self.reason,
            proposed_assessment_on=self.proposed_assessment_on,
            submitted_by=self.user,
            submitted_on=self.today,
        )
        for uploaded in self.files:
            store(uploaded, owner=request, purpose="extension_request", user=self.user)
        notify(
            kind="construction_extension_requested",
            recipients=commission_staff(),
            event_key=f"extension-requested-{request.pk}",
            context={"centre": self.centre, "request": request},
            target=request,
            link=f"/commission/construction/extensions/{request.pk}/",
        )
        return request


class DecideExtension(Action):
    """R-22: the commission agrees (new end at most one year after the original) or refuses."""

    def __init__(self, user, request, *, approve: bool, new_end=None, reason: str = "", today=None):
        super().__init__(user, today=today)
        self.request, self.approve, self.new_end, self.reason = (
            request,
            approve,
            new_end,
            (reason or "").strip(),
        )

    def check(self):
        if not is_commission(self.user):
            raise NotPermitted("只有市市场监管委可以审核延期验收申请。")
        if self.request.status != ExtensionStatus.PENDING:
            raise WrongState("该延期验收申请已审核，不能重复审核。", state=self.request.get_status_display())
        centre = self.request.centre
        if self.approve:
            CENTRE_MACHINE.check(centre.status, "approve_extension", self.user)
            latest = rules.extended_end_latest(centre.construction_end)
            if self.new_end is None or not rules.extended_end_valid(centre.construction_end, self.new_end):
                raise ActionRefused(
                    f"延期后的届满日须晚于原筹建期限（{fmt(centre.construction_end)}），"
                    f"且延长时限不超过1年（最迟{fmt(latest)}）。"
                )
        elif not self.reason:
            raise ActionRefused("不同意延期时须说明理由。")

    def perform(self):
        request, centre = self.request, self.request.centre
        request.decided_by, request.decided_on, request.decision_reason = self.user, self.today, self.reason
        if self.approve:
            request.status, request.approved_end = ExtensionStatus.APPROVED, self.new_end
            centre.extended_end = self.new_end
            edge = CENTRE_MACHINE.check(centre.status, "approve_extension", self.user)
            record_transition(centre, edge, self.user, self.reason or f"同意延期验收至{fmt(self.new_end)}")
        else:
            request.status = ExtensionStatus.REFUSED
        request.save()
        notify(
            kind="construction_extension_decided",
            recipients=unit_members(centre),
            event_key=f"extension-decided-{request.pk}",
            context={"centre": centre, "request": request},
            target=request,
            link=f"/service-hall/construction/{centre.pk}/",
        )
        return request


class FlagLapse(Action):
    """R-23 (and R-22 after an extension): the day after the period ended with neither an acceptance
    application nor an approved extension, the system flags the centre to the commission."""

    def __init__(self, centre, *, today=None):
        super().__init__(None, today=today)
        self.centre = centre

    def check(self):
        edge = CENTRE_MACHINE.edge(self.centre.status, "flag_lapse")
        end = rules.effective_end(self.centre.construction_end, self.centre.extended_end)
        if not rules.has_lapsed(end, self.today):
            raise ActionRefused(f"筹建期限至{fmt(end)}，尚未届满。")
        return edge

    def perform(self):
        edge = CENTRE_MACHINE.edge(self.centre.status, "flag_lapse")
        end = rules.effective_end(self.centre.construction_end, self.centre.extended_end)
        extended = self.centre.extended_end is not None
        reason = (
            f"延期届满日{fmt(end)}已过，仍未申请验收。"
            if extended
            else f"筹建期限{fmt(end)}届满，既未申请验收，也未获准延期验收。"
        )
        record_transition(self.centre, edge, None, reason)
        notify(
            kind="construction_lapsed",
            recipients=commission_staff(),
            event_key=f"lapsed-{self.centre.pk}-{end.isoformat()}",
            context={"centre": self.centre, "end": end, "reason": reason},
            target=self.centre,
            link="/commission/construction/",
        )
        return self.centre


def flag_lapses(today) -> list:
    """R-23: every centre whose period has ended without application or extension. Idempotent."""
    from services.centres.models import Centre

    flagged = []
    for centre in Centre.objects.filter(status__in=[CentreStatus.CONSTRUCTING, CentreStatus.EXTENDED]):
        action = FlagLapse(centre, today=today)
        if action.allowed():
            flagged.append(action.run())
    return flagged


class RevokeConstruction(Action):
    """R-23, R-22: a commission leader confirms the revocation of the construction qualification."""

    def __init__(self, user, centre, *, reason: str, today=None):
        super().__init__(user, today=today)
        self.centre, self.reason = centre, (reason or "").strip()

    def check(self):
        CENTRE_MACHINE.check(self.centre.status, "revoke_construction", self.user)
        if not self.reason:
            raise ActionRefused("撤销筹建资格须说明理由。")

    def perform(self):
        edge = CENTRE_MACHINE.check(self.centre.status, "revoke_construction", self.user)
        self.centre.revoked_on = self.today
        record_transition(self.centre, edge, self.user, self.reason)
        notify(
            kind="construction_revoked",
            recipients=unit_members(self.centre),
            event_key=f"construction-revoked-{self.centre.pk}",
            context={"centre": self.centre, "reason": self.reason},
            target=self.centre,
            link=f"/service-hall/construction/{self.centre.pk}/",
        )
        return self.centre
