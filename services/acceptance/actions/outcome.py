"""After the conclusion: rectification and reassessment (R-25, R-26), cancellation, establishment (R-27)."""

from accounts.constants import Role
from accounts.roles import has_role
from services.acceptance.actions.base import (
    move_centre,
    rectification_due,
    tell_commission,
    tell_unit,
)
from services.acceptance.constants import AcceptanceStatus
from services.acceptance.models import (
    RectificationNotice,
    RectificationReport,
)
from services.acceptance.publication import publish_centre_page
from services.acceptance.transitions import ACCEPTANCE_MACHINE
from services.casework.events import record_transition
from services.casework.refusals import NotPermitted
from services.centres.constants import CentreStatus
from services.construction.actions import check_files
from services.construction.base import Action, ActionRefused, fmt, require_unit_member
from services.deadlines import rules
from services.files.service import store


class ReportRectification(Action):
    """R-25, R-26: the unit reports its rectification result by the deadline; the case goes to the next
    assessment round."""

    def __init__(self, user, application, *, body, files=(), today=None):
        super().__init__(user, today=today)
        self.application, self.body, self.files = application, (body or "").strip(), files

    def deadline(self):
        return rectification_due(self.application)

    def check(self):
        if not has_role(self.user, Role.APPLICANT):
            raise NotPermitted("只有建设单位用户可以报告整改结果。")
        require_unit_member(self.user, self.application.centre)
        ACCEPTANCE_MACHINE.check(self.application.status, "report_rectification", self.user)
        deadline = self.deadline()
        if rules.is_overdue(deadline, self.today):
            raise ActionRefused(f"整改期限为{fmt(deadline)}，已逾期，请等待市市场监管委组织考核。")
        if not self.body:
            raise ActionRefused("请填写整改情况。")
        check_files(self.files)

    def perform(self):
        application = self.application
        after_round = 1 if application.status == AcceptanceStatus.RECTIFYING else 2
        report = RectificationReport.objects.create(
            application=application,
            after_round=after_round,
            body=self.body,
            submitted_by=self.user,
            submitted_on=self.today,
        )
        for uploaded in self.files:
            store(uploaded, owner=report, purpose="rectification_report", user=self.user)
        edge = ACCEPTANCE_MACHINE.check(application.status, "report_rectification", self.user)
        record_transition(application, edge, self.user, "报告整改结果")
        move_centre(application.centre, "start_assessment", self.user, "整改后考核")
        tell_commission(application, "acceptance_rectification_reported", f"after{after_round}")
        return report


class StartReassessment(Action):
    """R-25, R-26 (design): when the deadline has passed without a report, the commission assesses anyway."""

    def __init__(self, user, application, *, today=None):
        super().__init__(user, today=today)
        self.application = application

    def check(self):
        ACCEPTANCE_MACHINE.check(self.application.status, "start_reassessment", self.user)
        deadline = rectification_due(self.application)
        if not rules.is_overdue(deadline, self.today):
            raise ActionRefused(f"整改期限至{fmt(deadline)}，期限内请等待建设单位报告整改结果。")

    def perform(self):
        edge = ACCEPTANCE_MACHINE.check(self.application.status, "start_reassessment", self.user)
        record_transition(self.application, edge, self.user, "整改期限届满，组织考核")
        move_centre(self.application.centre, "start_assessment", self.user, "整改期限届满，组织考核")
        return self.application


class IssueNotice(Action):
    """R-26: on 不合格 the commission issues a rectification notice with a deadline of at most one year."""

    def __init__(self, user, application, *, deadline, requirements, today=None):
        super().__init__(user, today=today)
        self.application, self.deadline, self.requirements = (
            application,
            deadline,
            (requirements or "").strip(),
        )

    def check(self):
        ACCEPTANCE_MACHINE.check(self.application.status, "issue_notice", self.user)
        latest = rules.rectification_notice_deadline_latest(self.today)
        if self.deadline is None or not rules.rectification_notice_deadline_valid(self.today, self.deadline):
            raise ActionRefused(f"整改期限须晚于今天，且不超过一年（最迟{fmt(latest)}）。")
        if not self.requirements:
            raise ActionRefused("请填写整改要求。")

    def perform(self):
        count = RectificationNotice.objects.filter(issued_on__year=self.today.year).count() + 1
        notice = RectificationNotice.objects.create(
            application=self.application,
            number=f"津市监验整〔{self.today.year}〕{count}号",
            issued_on=self.today,
            deadline=self.deadline,
            requirements=self.requirements,
            issued_by=self.user,
        )
        edge = ACCEPTANCE_MACHINE.check(self.application.status, "issue_notice", self.user)
        record_transition(self.application, edge, self.user, f"下达整改通知书{notice.number}")
        tell_unit(self.application, "acceptance_rectification_notice", "notice", notice=notice)
        return notice


class CancelConstruction(Action):
    """R-26: after a failed rectification, a commission leader cancels the construction qualification."""

    def __init__(self, user, application, *, reason, today=None):
        super().__init__(user, today=today)
        self.application, self.reason = application, (reason or "").strip()

    def check(self):
        ACCEPTANCE_MACHINE.check(self.application.status, "cancel_construction", self.user)
        if not self.reason:
            raise ActionRefused("取消筹建资格须说明理由。")

    def perform(self):
        edge = ACCEPTANCE_MACHINE.check(self.application.status, "cancel_construction", self.user)
        record_transition(self.application, edge, self.user, self.reason)
        centre = self.application.centre
        centre.revoked_on = self.today
        move_centre(centre, "cancel_construction", self.user, self.reason)
        tell_unit(self.application, "acceptance_cancelled", "cancelled", reason=self.reason)
        return self.application


class Establish(Action):
    """R-27: on pass a commission leader agrees to establish the centre; its public page is published."""

    def __init__(self, user, application, *, today=None):
        super().__init__(user, today=today)
        self.application = application

    def check(self):
        ACCEPTANCE_MACHINE.check(self.application.status, "establish", self.user)
        if self.application.centre.status != CentreStatus.ASSESSING:
            raise ActionRefused("中心状态与验收结论不一致，不能同意成立。")

    def perform(self):
        application, centre = self.application, self.application.centre
        edge = ACCEPTANCE_MACHINE.check(application.status, "establish", self.user)
        record_transition(application, edge, self.user, "验收合格，同意成立")
        centre.established_on = self.today
        move_centre(centre, "establish", self.user, "验收合格，同意成立")
        self.page = publish_centre_page(centre, self.user)
        tell_unit(application, "acceptance_established", "established")
        return application
