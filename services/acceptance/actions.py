"""Acceptance actions (R-21, R-24 … R-27). Each: check() then execute() in one transaction, via run()."""

from guardian.shortcuts import assign_perm

from accounts.constants import Role
from accounts.roles import has_role, is_commission
from services.acceptance import rules as acceptance_rules
from services.acceptance.constants import ROUND_OF_STATUS, AcceptanceStatus, StageKind
from services.acceptance.models import (
    AcceptanceApplication,
    AcceptanceTemplate,
    AssessmentMember,
    AssessmentStage,
    RectificationNotice,
    RectificationReport,
    ScoreEntry,
    ScoreSheet,
)
from services.acceptance.publication import publish_centre_page
from services.acceptance.querysets import VIEW_PERMISSION
from services.acceptance.transitions import ACCEPTANCE_MACHINE
from services.casework.conflicts import conflict_reason
from services.casework.events import record_transition
from services.casework.refusals import NotPermitted, WrongState
from services.centres.constants import CentreStatus
from services.centres.transitions import CENTRE_MACHINE
from services.construction.actions import check_files
from services.construction.base import Action, ActionRefused, fmt, require_unit_member
from services.construction.recipients import commission_staff, unit_members
from services.deadlines import rules
from services.files.service import store
from services.notifications.service import notify

MATERIALS = {
    "written_application": "书面验收申请",
    "summary_report": "筹建工作总结报告",
    "follow_up_plan": "后续建设规划",
}


def move_centre(centre, action: str, actor, reason: str = ""):
    """The centre's coarse status follows the acceptance case (the acceptance table checked the role)."""
    edge = CENTRE_MACHINE.edge(centre.status, action)
    return record_transition(centre, edge, actor, reason)


def tell_unit(application, kind: str, key: str, **context):
    notify(
        kind=kind,
        recipients=unit_members(application.centre),
        event_key=f"{kind}-{application.pk}-{key}",
        context={"application": application, "centre": application.centre, **context},
        target=application,
        link=f"/service-hall/construction/{application.centre_id}/",
    )


def tell_commission(application, kind: str, key: str, **context):
    notify(
        kind=kind,
        recipients=commission_staff(),
        event_key=f"{kind}-{application.pk}-{key}",
        context={"application": application, "centre": application.centre, **context},
        target=application,
        link=f"/acceptance/{application.pk}/",
    )


class ApplyForAcceptance(Action):
    """R-21: written application, construction summary report and follow-up plan (text and files), no later
    than 3 months before the end (after an approved extension: by the extended end, R-22)."""

    def __init__(self, user, centre, *, texts: dict, files: dict | None = None, today=None):
        super().__init__(user, today=today)
        self.centre = centre
        self.texts = {key: (texts.get(key) or "").strip() for key in MATERIALS}
        self.files = files or {}

    def check(self):
        if not has_role(self.user, Role.APPLICANT):
            raise NotPermitted("只有建设单位用户可以申请验收。")
        require_unit_member(self.user, self.centre)
        if AcceptanceApplication.objects.filter(centre=self.centre).exists():
            raise ActionRefused("本中心已提交验收申请。")
        CENTRE_MACHINE.check(self.centre.status, "apply_acceptance", self.user)
        last_day = rules.last_day_to_apply_acceptance(self.centre.construction_end, self.centre.extended_end)
        if rules.is_overdue(last_day, self.today):
            if self.centre.extended_end:
                raise ActionRefused(f"验收申请须在延期届满日{fmt(last_day)}前提交，已逾期。")
            raise ActionRefused(f"验收申请须在筹建期限届满3个月前提交，最后申请日为{fmt(last_day)}，已逾期。")
        missing = [label for key, label in MATERIALS.items() if not self.texts[key]]
        if missing:
            raise ActionRefused("请填写：" + "、".join(missing) + "。")
        unknown = set(self.files) - set(MATERIALS)
        if unknown:
            raise ActionRefused("未知的材料类型。")
        for uploads in self.files.values():
            check_files(uploads)

    def perform(self):
        application = AcceptanceApplication.objects.create(
            centre=self.centre, submitted_by=self.user, submitted_on=self.today, **self.texts
        )
        for purpose, uploads in self.files.items():
            for uploaded in uploads:
                store(uploaded, owner=application, purpose=purpose, user=self.user)
        edge = CENTRE_MACHINE.check(self.centre.status, "apply_acceptance", self.user)
        record_transition(self.centre, edge, self.user, "提交验收申请")
        tell_commission(application, "acceptance_applied", "applied")
        return application


class AppointGroup(Action):
    """R-24: the commission appoints an assessment group of experts with exactly one leader; experts of the
    unit or a partner, or who declare a conflict, are refused (R-11's rule)."""

    def __init__(self, user, application, *, experts, leader, declared_conflicts=(), today=None):
        super().__init__(user, today=today)
        self.application, self.experts, self.leader = application, list(experts), leader
        self.declared = {getattr(e, "pk", e) for e in declared_conflicts}

    def check(self):
        ACCEPTANCE_MACHINE.check(self.application.status, "appoint_group", self.user)
        if not self.experts:
            raise ActionRefused("考核组至少需要一名专家。")
        if len({e.pk for e in self.experts}) != len(self.experts):
            raise ActionRefused("同一专家不能重复列入考核组。")
        if self.leader is None or self.leader.pk not in {e.pk for e in self.experts}:
            raise ActionRefused("须从考核组成员中指定一名组长。")
        if AcceptanceTemplate.current() is None:
            raise ActionRefused("尚无可用的验收考核模板。")
        centre = self.application.centre
        unit_ids = {centre.organisation_id, *centre.partners.values_list("pk", flat=True)}
        for expert in self.experts:
            profile = getattr(expert, "expert", None)
            if not has_role(expert, Role.EXPERT) or profile is None:
                raise ActionRefused(f"“{expert.full_name or expert.username}”不是专家库中的专家。")
            reason = conflict_reason(
                employer_id=profile.employer_id,
                unit_ids=unit_ids,
                declared_conflict=expert.pk in self.declared,
            )
            if reason:
                raise ActionRefused(f"“{expert.full_name or expert.username}”：{reason}")

    def perform(self):
        application = self.application
        for expert in self.experts:
            AssessmentMember.objects.create(
                application=application,
                expert=expert,
                is_leader=expert.pk == self.leader.pk,
                appointed_on=self.today,
            )
            assign_perm(VIEW_PERMISSION, expert, application)
        application.template = AcceptanceTemplate.current()
        edge = ACCEPTANCE_MACHINE.check(application.status, "appoint_group", self.user)
        record_transition(application, edge, self.user, "组建考核组")
        move_centre(application.centre, "start_assessment", self.user, "组织验收考核")
        notify(
            kind="acceptance_group_appointed",
            recipients=[*self.experts, *unit_members(application.centre)],
            event_key=f"acceptance-group-{application.pk}",
            context={"application": application, "centre": application.centre, "leader": self.leader},
            target=application,
            link=f"/acceptance/{application.pk}/",
        )
        return application


def require_assessor(user, application) -> None:
    """Stages and scores are recorded by the commission or the group's leader (组长负责制)."""
    if is_commission(user):
        return
    if application.members.filter(expert=user, is_leader=True).exists() and has_role(user, Role.EXPERT):
        return
    raise NotPermitted("只有市市场监管委或考核组组长可以记录考核情况。")


def current_round(application) -> int:
    round_number = ROUND_OF_STATUS.get(application.status)
    if round_number is None:
        raise WrongState(
            f"当前状态为“{application.get_status_display()}”，不在现场考核中。",
            state=application.get_status_display(),
        )
    return round_number


class RecordStage(Action):
    """R-24: stages in order (first meeting, on-site verification, optional deliberation, final meeting),
    dates never going backwards; the final meeting records the unit's opinion and needs the round's score."""

    def __init__(self, user, application, *, kind, held_on, attendees, minutes, unit_opinion="", today=None):
        super().__init__(user, today=today)
        self.application, self.kind, self.held_on = application, kind, held_on
        self.attendees, self.minutes = (attendees or "").strip(), (minutes or "").strip()
        self.unit_opinion = (unit_opinion or "").strip()

    def check(self):
        require_assessor(self.user, self.application)
        self.round = current_round(self.application)
        stages = list(self.application.stages.all())
        recorded = {s.kind: s.held_on for s in stages if s.round_number == self.round}
        latest = max((s.held_on for s in stages), default=None)
        problem = acceptance_rules.stage_problem(recorded, self.kind, self.held_on, latest, self.today)
        if problem:
            raise ActionRefused(problem)
        if not self.attendees or not self.minutes:
            raise ActionRefused("请填写参加人员和会议纪要（核查记录）。")
        if self.kind == StageKind.FINAL_MEETING:
            if not self.application.score_sheets.filter(round_number=self.round).exists():
                raise ActionRefused("末次会议通报考核情况，须先录入本轮考核评分。")
            if not self.unit_opinion:
                raise ActionRefused("末次会议须记录被考核单位的意见。")
        elif self.unit_opinion:
            raise ActionRefused("被考核单位意见在末次会议记录。")

    def perform(self):
        return AssessmentStage.objects.create(
            application=self.application,
            round_number=self.round,
            kind=self.kind,
            held_on=self.held_on,
            attendees=self.attendees,
            minutes=self.minutes,
            unit_opinion=self.unit_opinion,
            recorded_by=self.user,
        )


class RecordScores(Action):
    """R-25: the group's score for this round against the case's template version, after on-site
    verification and before the final meeting. Every item 0 … its maximum, total 0 … 100."""

    def __init__(self, user, application, *, points: dict, today=None):
        super().__init__(user, today=today)
        self.application, self.points = application, {int(k): v for k, v in points.items()}

    def check(self):
        require_assessor(self.user, self.application)
        self.round = current_round(self.application)
        done = set(self.application.stages.filter(round_number=self.round).values_list("kind", flat=True))
        if StageKind.ONSITE not in done:
            raise ActionRefused("须先完成现场核查，再录入评分。")
        if (
            StageKind.FINAL_MEETING in done
            or self.application.score_sheets.filter(round_number=self.round).exists()
        ):
            raise ActionRefused("本轮评分已录入，不能修改。")
        self.items = list(self.application.template.items.all())
        problems, self.total = acceptance_rules.score_sheet_problems(
            [(i.pk, i.name, i.max_points) for i in self.items], self.points
        )
        if problems:
            raise ActionRefused(" ".join(problems))

    def perform(self):
        sheet = ScoreSheet.objects.create(
            application=self.application,
            round_number=self.round,
            template=self.application.template,
            total=self.total,
            recorded_by=self.user,
            recorded_on=self.today,
        )
        ScoreEntry.objects.bulk_create(
            [
                ScoreEntry(sheet=sheet, item=i, points=acceptance_rules.parse_points(self.points[i.pk]))
                for i in self.items
            ]
        )
        return sheet


class Conclude(Action):
    """R-25, R-26: after the final meeting, the round's score decides: ≥ 80 pass; below 80 → rectification
    within 3 months (round 1), fail (round 2), or failed rectification (round 3)."""

    def __init__(self, user, application, *, today=None):
        super().__init__(user, today=today)
        self.application = application

    def check(self):
        if not is_commission(self.user):
            raise NotPermitted("只有市市场监管委可以确定考核结论。")
        self.round = current_round(self.application)
        self.sheet = self.application.score_sheets.filter(round_number=self.round).first()
        self.final = self.application.stages.filter(
            round_number=self.round, kind=StageKind.FINAL_MEETING
        ).first()
        if self.sheet is None or self.final is None:
            raise ActionRefused("须先录入评分并召开末次会议，再确定考核结论。")
        self.passed = rules.passes(self.sheet.total)
        action = "conclude_pass" if self.passed else "conclude_below"
        self.edge = ACCEPTANCE_MACHINE.check(self.application.status, action, self.user)

    def perform(self):
        application, sheet = self.application, self.sheet
        sheet.passed = self.passed
        sheet.save(update_fields=["passed"])
        reason = f"第{self.round}轮考核得分{sheet.total}分"
        if not self.passed and self.round == 1:
            application.rectification_deadline = rules.rectification_deadline(self.final.held_on)
            reason += f"，限期整改至{fmt(application.rectification_deadline)}"
        if not self.passed and self.round in (1, 2):
            move_centre(application.centre, "require_rectification", self.user, reason)
        if self.passed or self.round == 3:
            application.decided_on = self.today
        record_transition(application, self.edge, self.user, reason)
        tell_unit(application, "acceptance_outcome", f"round{self.round}", sheet=sheet)
        return application


def rectification_due(application):
    """The current rectification deadline: the notice's (R-26) or the 3-month one (R-25)."""
    if application.status == AcceptanceStatus.NOTICE_ISSUED:
        return application.rectification_notice.deadline
    return application.rectification_deadline


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
