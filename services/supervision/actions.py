"""One action per supervision use case (R-30 … R-35).

Each action: `check()` asks whether this user may act (ActionRefused, a Chinese message), `validate()` checks
the input (ValidationError keyed by field, Chinese messages), and `execute()` does both, then changes the
data, writes the event record where a status changes (R-40) and notifies (R-41) inside one transaction.
Views, the API and tasks only parse input, call an action and show its result.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.constants import Role
from accounts.roles import has_role, is_commission
from services.casework.events import record_transition
from services.casework.transitions import TransitionRefused
from services.centres.constants import CentreStatus
from services.centres.transitions import CENTRE_MACHINE
from services.deadlines import clock
from services.deadlines import rules as deadlines
from services.deadlines.formatting import cn_date
from services.files.service import FileRefused, check_upload, store
from services.notifications.service import notify
from services.supervision import permissions, publication, recipients, rules
from services.supervision.constants import (
    ChangeCategory,
    Conclusion,
    FollowUpOutcome,
    InspectionKind,
    InspectionStatus,
    RectificationStatus,
    ReexaminationOutcome,
    ReexaminationStatus,
    RevocationArticle,
)
from services.supervision.models import (
    AnnualReport,
    ChangeReport,
    FollowUp,
    Inspection,
    Rectification,
    Reexamination,
    Revocation,
)


class ActionRefused(Exception):
    """This user may not take this action on this object. The message is for people."""


NOT_ESTABLISHED = "该中心当前状态为“{status}”，不是已成立的计量数据中心，不能办理此项监督业务。"


class Action:
    """check(), validate(), execute(): the shape of every supervision use case."""

    def __init__(self, user, *, today: date | None = None, files=(), **data):
        self.user = user
        self.today = today or clock.beijing_today()
        self.files = list(files or [])
        self.data = data
        self.errors: dict[str, list[str]] = {}

    def error(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def check(self) -> None:  # pragma: no cover - every action overrides it
        raise NotImplementedError

    def validate(self) -> None:
        pass

    def _validate_all(self) -> None:
        self.errors = {}
        self.validate()
        for upload in self.files:
            try:
                check_upload(upload)
            except FileRefused as exc:
                self.error("files", f"{upload.name}：{exc}")
        if self.errors:
            raise ValidationError(self.errors)

    def require_text(self, field: str, message: str) -> str:
        value = (self.data.get(field) or "").strip()
        if not value:
            self.error(field, message)
        return value

    def require_established(self, centre) -> None:
        if centre is not None and centre.status != CentreStatus.ESTABLISHED:
            self.error("centre", NOT_ESTABLISHED.format(status=centre.get_status_display()))

    def store_files(self, owner, purpose: str) -> None:
        for upload in self.files:
            store(upload, owner=owner, purpose=purpose, user=self.user)

    def execute(self):
        if not getattr(self.user, "is_authenticated", False):
            raise ActionRefused("请先登录。")
        self.check()
        self._validate_all()
        with transaction.atomic():
            return self.perform()

    def perform(self):  # pragma: no cover
        raise NotImplementedError


# R-30 ------------------------------------------------------------------------------------------------------
class SubmitAnnualReport(Action):
    """R-30: the centre's unit submits its annual work summary; outside November it is accepted as late."""

    def check(self):
        centre = self.data.get("centre")
        if centre is None or not permissions.is_centre_member(self.user, centre):
            raise ActionRefused("只有计量数据中心所在单位的用户可以报送年度工作总结报告。")

    def validate(self):
        centre = self.data["centre"]
        self.require_established(centre)
        year = self.data.get("year")
        self.require_text("summary", "请填写年度工作总结。")
        if not isinstance(year, int):
            self.error("year", "请填写报告年度。")
        elif centre.established_on and not rules.annual_report_year_allowed(
            centre.established_on, year, self.today
        ):
            self.error("year", f"{year}年度无需报送：报告年度须在中心成立当年至今年之间。")
        elif AnnualReport.objects.filter(centre=centre, year=year).exists():
            self.error("year", f"{year}年度的工作总结报告已经报送，不能重复报送。")

    def perform(self):
        centre, year = self.data["centre"], self.data["year"]
        report = AnnualReport.objects.create(
            centre=centre,
            year=year,
            summary=self.data["summary"].strip(),
            services_provided=(self.data.get("services_provided") or "").strip(),
            submitted_on=self.today,
            late=rules.annual_report_is_late(year, self.today),
            submitted_by=self.user,
        )
        self.store_files(report, "annual_report")
        notify(
            kind="supervision.annual_report_submitted",
            recipients=recipients.bureau_staff(centre) + recipients.commission_staff(),
            event_key=f"supervision:annual-report:{report.pk}:submitted",
            context={"report": report, "centre": centre},
            target=report,
            link=f"/supervision/annual-reports/{report.pk}/",
        )
        return report


# R-31 ------------------------------------------------------------------------------------------------------
class SubmitChangeReport(Action):
    """R-31: a major change (organisation, capability, infrastructure); the bureau and commission are told."""

    def check(self):
        centre = self.data.get("centre")
        if centre is None or not permissions.is_centre_member(self.user, centre):
            raise ActionRefused("只有计量数据中心所在单位的用户可以报告重大变更。")

    def validate(self):
        self.require_established(self.data["centre"])
        if self.data.get("category") not in ChangeCategory.values:
            self.error("category", "请选择变更事项：组织机构或性质、技术服务能力或主要基础设施。")
        self.require_text("description", "请填写变更说明。")
        if not isinstance(self.data.get("effective_on"), date):
            self.error("effective_on", "请填写变更生效日期。")

    def perform(self):
        centre = self.data["centre"]
        report = ChangeReport.objects.create(
            centre=centre,
            category=self.data["category"],
            description=self.data["description"].strip(),
            effective_on=self.data["effective_on"],
            submitted_by=self.user,
        )
        self.store_files(report, "change_report")
        notify(
            kind="supervision.change_reported",
            recipients=recipients.bureau_staff(centre) + recipients.commission_staff(),
            event_key=f"supervision:change-report:{report.pk}",
            context={"report": report, "centre": centre},
            target=report,
            link=f"/supervision/change-reports/{report.pk}/",
        )
        return report


# R-32 ------------------------------------------------------------------------------------------------------
class RecordInspection(Action):
    """R-32: the district bureau records a daily inspection of a centre in its own district."""

    def check(self):
        if not has_role(self.user, Role.BUREAU_OFFICER):
            raise ActionRefused("日常监督检查由中心所在区的市场监管局记录。")
        centre = self.data.get("centre")
        if centre is not None and not permissions.is_bureau_of(self.user, centre):
            raise ActionRefused("只能检查本区的计量数据中心。")

    def validate(self):
        centre = self.data.get("centre")
        if centre is None:
            self.error("centre", "请选择被检查的计量数据中心：检查发现必须对应一个中心。")
        self.require_established(centre)
        inspected_on = self.data.get("inspected_on")
        if not isinstance(inspected_on, date):
            self.error("inspected_on", "请填写检查日期。")
        elif inspected_on > self.today:
            self.error("inspected_on", "检查日期不能晚于今天。")
        self.require_text("inspectors", "请填写检查人员。")
        self.require_text("items_checked", "请填写检查事项。")
        self.require_text("findings", "请填写检查发现。")
        if self.data.get("conclusion") not in Conclusion.values:
            self.error("conclusion", "请选择检查结论。")

    def perform(self):
        centre = self.data["centre"]
        inspection = Inspection.objects.create(
            centre=centre,
            kind=InspectionKind.DAILY,
            status=InspectionStatus.COMPLETED,
            inspected_on=self.data["inspected_on"],
            inspectors=self.data["inspectors"].strip(),
            items_checked=self.data["items_checked"].strip(),
            findings=self.data["findings"].strip(),
            conclusion=self.data["conclusion"],
            recorded_by=self.user,
        )
        self.store_files(inspection, "inspection")
        notify(
            kind="supervision.inspection_recorded",
            recipients=recipients.centre_members(centre),
            event_key=f"supervision:inspection:{inspection.pk}:recorded",
            context={"inspection": inspection, "centre": centre},
            target=inspection,
            link=f"/supervision/inspections/{inspection.pk}/",
        )
        return inspection


# R-33 ------------------------------------------------------------------------------------------------------
class PlanUnannouncedInspection(Action):
    """R-33: the commission sends an expert group, unannounced, to a centre."""

    def check(self):
        if not is_commission(self.user):
            raise ActionRefused("不定期监督抽查由市市场监管委组织。")

    def validate(self):
        centre = self.data.get("centre")
        if centre is None:
            self.error("centre", "请选择被抽查的计量数据中心。")
        self.require_established(centre)
        inspected_on = self.data.get("inspected_on")
        if not isinstance(inspected_on, date):
            self.error("inspected_on", "请填写抽查日期。")
        experts = list(self.data.get("experts") or [])
        if not experts:
            self.error("experts", "请选择专家组成员。")
        for expert in experts:
            if not has_role(expert, Role.EXPERT):
                self.error("experts", f"{expert}不是评审专家。")
            elif centre is not None and _expert_conflict(expert, centre):
                self.error("experts", f"{expert}：{_expert_conflict(expert, centre)}")

    def perform(self):
        centre = self.data["centre"]
        inspection = Inspection.objects.create(
            centre=centre,
            kind=InspectionKind.UNANNOUNCED,
            status=InspectionStatus.PLANNED,
            inspected_on=self.data["inspected_on"],
            items_checked="、".join(_unannounced_aspects()),
            recorded_by=self.user,
        )
        inspection.experts.set(self.data["experts"])
        notify(
            kind="supervision.unannounced_assigned",
            recipients=list(self.data["experts"]),
            event_key=f"supervision:inspection:{inspection.pk}:assigned",
            context={"inspection": inspection, "centre": centre},
            target=inspection,
            link=f"/supervision/inspections/{inspection.pk}/",
        )
        return inspection


def _unannounced_aspects():
    from services.supervision.constants import UNANNOUNCED_ASPECTS

    return UNANNOUNCED_ASPECTS


def _expert_conflict(expert, centre) -> str | None:
    from accounts.models import ExpertProfile
    from services.casework.conflicts import conflict_reason

    profile = ExpertProfile.objects.filter(user=expert).first()
    units = {centre.organisation_id, *centre.partners.values_list("pk", flat=True)}
    return conflict_reason(
        employer_id=getattr(profile, "employer_id", None), unit_ids=units, declared_conflict=False
    )


class RecordUnannouncedFindings(Action):
    """R-33: the expert group (or the commission for it) records the findings of an unannounced inspection."""

    def check(self):
        inspection = self.data["inspection"]
        if inspection.kind != InspectionKind.UNANNOUNCED:
            raise ActionRefused("只有不定期监督抽查由专家组记录检查发现。")
        if not (is_commission(self.user) or permissions.is_assigned_expert(self.user, inspection)):
            raise ActionRefused("只有本次抽查的专家组成员或市市场监管委可以记录检查发现。")
        if inspection.status != InspectionStatus.PLANNED:
            raise ActionRefused("本次抽查已记录检查发现。")

    def validate(self):
        self.require_text("findings", "请填写检查发现（运行情况、服务能力提升情况、服务产业发展情况）。")
        if self.data.get("conclusion") not in Conclusion.values:
            self.error("conclusion", "请选择检查结论。")

    def perform(self):
        inspection = self.data["inspection"]
        inspection.findings = self.data["findings"].strip()
        inspection.conclusion = self.data["conclusion"]
        if (self.data.get("inspectors") or "").strip():
            inspection.inspectors = self.data["inspectors"].strip()
        else:
            inspection.inspectors = "、".join(str(e) for e in inspection.experts.all())
        inspection.status = InspectionStatus.COMPLETED
        inspection.save()
        self.store_files(inspection, "inspection")
        centre = inspection.centre
        notify(
            kind="supervision.inspection_recorded",
            recipients=recipients.centre_members(centre)
            + recipients.bureau_staff(centre)
            + recipients.commission_staff(),
            event_key=f"supervision:inspection:{inspection.pk}:recorded",
            context={"inspection": inspection, "centre": centre},
            target=inspection,
            link=f"/supervision/inspections/{inspection.pk}/",
        )
        return inspection


# Rectification (R-32, R-33, R-34) --------------------------------------------------------------------------
class RequestRectification(Action):
    """A rectification request with a deadline: the bureau for its daily inspections, the commission for
    unannounced inspections (R-33)."""

    def check(self):
        inspection = self.data["inspection"]
        if inspection.kind == InspectionKind.UNANNOUNCED:
            allowed = is_commission(self.user)
        else:
            allowed = permissions.is_bureau_of(self.user, inspection.centre) or is_commission(self.user)
        if not allowed:
            raise ActionRefused("您无权对本次检查下达整改通知。")
        if inspection.status != InspectionStatus.COMPLETED:
            raise ActionRefused("检查尚未完成，不能下达整改通知。")

    def validate(self):
        self.require_established(self.data["inspection"].centre)
        self.require_text("requirements", "请填写整改要求。")
        _validate_deadline(self, "deadline")

    def perform(self):
        inspection = self.data["inspection"]
        return _issue_rectification(self, centre=inspection.centre, inspection=inspection, reexamination=None)


def _validate_deadline(action: Action, field: str) -> None:
    deadline = action.data.get(field)
    if not isinstance(deadline, date):
        action.error(field, "请填写整改期限。")
    elif not rules.rectification_deadline_valid(deadline, action.today):
        action.error(field, f"整改期限不能早于今天（{cn_date(action.today)}）。")


def _issue_rectification(action: Action, *, centre, inspection, reexamination) -> Rectification:
    rectification = Rectification.objects.create(
        centre=centre,
        inspection=inspection,
        reexamination=reexamination,
        requirements=action.data["requirements"].strip(),
        deadline=action.data["deadline"],
        issued_on=action.today,
        issued_by=action.user,
    )
    notify(
        kind="supervision.rectification_requested",
        recipients=recipients.centre_members(centre) + recipients.bureau_staff(centre),
        event_key=f"supervision:rectification:{rectification.pk}:requested",
        context={"rectification": rectification, "centre": centre},
        target=rectification,
        link=f"/supervision/rectifications/{rectification.pk}/",
    )
    return rectification


class RecordFollowUp(Action):
    """R-32: a follow-up record. The centre reports what it did; the issuer's side checks it and closes the
    rectification as completed or failed. A failed rectification of the commission's (R-33, R-34) is put to
    the commission leaders as a proposal to revoke."""

    def check(self):
        rectification = self.data["rectification"]
        if not rectification.is_open:
            raise ActionRefused("该整改通知已办结。")
        supervisor = permissions.may_follow_up(self.user, rectification)
        member = permissions.is_centre_member(self.user, rectification.centre)
        if not (supervisor or member):
            raise ActionRefused("您无权记录该整改的跟踪情况。")
        self.as_supervisor = supervisor

    def validate(self):
        outcome = self.data.get("outcome")
        if outcome not in FollowUpOutcome.values:
            self.error("outcome", "请选择跟踪结果。")
        elif not self.as_supervisor and outcome != FollowUpOutcome.REPORTED:
            self.error("outcome", "中心只能报送整改情况，整改是否完成由监督部门认定。")
        elif self.as_supervisor and outcome == FollowUpOutcome.REPORTED:
            self.error("outcome", "“报送整改情况”由中心填写。")
        self.require_text("note", "请填写跟踪情况。")

    def perform(self):
        rectification = self.data["rectification"]
        outcome = self.data["outcome"]
        follow_up = FollowUp.objects.create(
            rectification=rectification,
            outcome=outcome,
            note=self.data["note"].strip(),
            recorded_on=self.today,
            recorded_by=self.user,
        )
        self.store_files(follow_up, "follow_up")
        rectification.status = {
            FollowUpOutcome.REPORTED: RectificationStatus.REPORTED,
            FollowUpOutcome.IN_PROGRESS: RectificationStatus.OPEN,
            FollowUpOutcome.COMPLETED: RectificationStatus.COMPLETED,
            FollowUpOutcome.FAILED: RectificationStatus.FAILED,
        }[outcome]
        if outcome in (FollowUpOutcome.COMPLETED, FollowUpOutcome.FAILED):
            rectification.closed_on = self.today
        centre = rectification.centre
        if outcome == FollowUpOutcome.FAILED and rectification.by_commission:
            rectification.revocation_proposed = True
            _propose_revocation(rectification)
        rectification.save()
        if rectification.reexamination_id and outcome == FollowUpOutcome.COMPLETED:
            reexamination = rectification.reexamination
            reexamination.status = ReexaminationStatus.PASSED
            reexamination.decided_on = self.today
            reexamination.save()
        others = recipients.bureau_staff(centre) if outcome == FollowUpOutcome.REPORTED else []
        if outcome == FollowUpOutcome.REPORTED and rectification.by_commission:
            others += recipients.commission_staff()
        notify(
            kind="supervision.follow_up_recorded",
            recipients=recipients.centre_members(centre) + others,
            event_key=f"supervision:follow-up:{follow_up.pk}",
            context={"follow_up": follow_up, "rectification": rectification, "centre": centre},
            target=rectification,
            link=f"/supervision/rectifications/{rectification.pk}/",
        )
        return follow_up


def _propose_revocation(rectification: Rectification) -> None:
    """R-33, R-34: failing rectification leads to revocation: the leaders are asked to decide."""
    article = RevocationArticle.ARTICLE_23 if rectification.reexamination_id else RevocationArticle.ARTICLE_22
    notify(
        kind="supervision.revocation_proposed",
        recipients=recipients.commission_leaders(),
        event_key=f"supervision:rectification:{rectification.pk}:revocation-proposed",
        context={
            "rectification": rectification,
            "centre": rectification.centre,
            "article": RevocationArticle(article).label,
        },
        target=rectification.centre,
        link=f"/commission/supervision/centres/{rectification.centre_id}/revoke/",
    )


# R-34 ------------------------------------------------------------------------------------------------------
class ScheduleReexamination(Action):
    """R-34: the commission schedules the five-yearly re-examination; the due date comes from the engine."""

    def check(self):
        if not is_commission(self.user):
            raise ActionRefused("复查由市市场监管委安排。")

    def validate(self):
        centre = self.data.get("centre")
        if centre is None:
            self.error("centre", "请选择复查的计量数据中心。")
            return
        self.require_established(centre)
        scheduled_on = self.data.get("scheduled_on")
        if not isinstance(scheduled_on, date):
            self.error("scheduled_on", "请填写复查日期。")
        elif scheduled_on < self.today:
            self.error("scheduled_on", "复查日期不能早于今天。")
        if centre.reexaminations.filter(
            status__in=[ReexaminationStatus.SCHEDULED, ReexaminationStatus.RECTIFYING]
        ).exists():
            self.error("centre", "该中心已有尚未办结的复查。")
        for expert in self.data.get("experts") or []:
            if not has_role(expert, Role.EXPERT):
                self.error("experts", f"{expert}不是评审专家。")
            elif _expert_conflict(expert, centre):
                self.error("experts", f"{expert}：{_expert_conflict(expert, centre)}")

    def perform(self):
        centre = self.data["centre"]
        round_number = centre.reexaminations.count() + 1
        reexamination = Reexamination.objects.create(
            centre=centre,
            round_number=round_number,
            due_on=deadlines.reexamination_due(centre.established_on, round_number),
            scheduled_on=self.data["scheduled_on"],
            scheduled_by=self.user,
        )
        reexamination.experts.set(self.data.get("experts") or [])
        notify(
            kind="supervision.reexamination_scheduled",
            recipients=recipients.centre_members(centre)
            + recipients.bureau_staff(centre)
            + list(self.data.get("experts") or []),
            event_key=f"supervision:reexamination:{reexamination.pk}:scheduled",
            context={"reexamination": reexamination, "centre": centre},
            target=reexamination,
            link=f"/supervision/reexaminations/{reexamination.pk}/",
        )
        return reexamination


class RecordReexaminationOutcome(Action):
    """R-34: passed; or rectify by a deadline; or, after rectification, failed (a proposal to revoke)."""

    def check(self):
        if not is_commission(self.user):
            raise ActionRefused("复查结论由市市场监管委记录。")
        reexamination = self.data["reexamination"]
        if reexamination.status not in (ReexaminationStatus.SCHEDULED, ReexaminationStatus.RECTIFYING):
            raise ActionRefused("该复查已办结。")

    def validate(self):
        reexamination = self.data["reexamination"]
        outcome = self.data.get("outcome")
        self.require_text("notes", "请填写复查意见。")
        if outcome not in ReexaminationOutcome.values:
            self.error("outcome", "请选择复查结论。")
        elif outcome == ReexaminationOutcome.RECTIFY:
            if reexamination.status == ReexaminationStatus.RECTIFYING:
                self.error("outcome", "该中心已在整改中：整改后请记录“复查通过”或“整改后复查仍不通过”。")
            self.require_text("requirements", "请填写整改要求。")
            _validate_deadline(self, "deadline")
        elif (
            outcome == ReexaminationOutcome.FAILED and reexamination.status != ReexaminationStatus.RECTIFYING
        ):
            self.error("outcome", "复查不通过的，应先限期整改；整改后仍不通过方可提请撤销（第二十三条）。")

    def perform(self):
        reexamination = self.data["reexamination"]
        outcome = self.data["outcome"]
        reexamination.outcome_notes = self.data["notes"].strip()
        if outcome == ReexaminationOutcome.PASSED:
            reexamination.status = ReexaminationStatus.PASSED
            reexamination.decided_on = self.today
            for open_one in reexamination.rectifications.filter(
                status__in=[RectificationStatus.OPEN, RectificationStatus.REPORTED]
            ):
                open_one.status, open_one.closed_on = RectificationStatus.COMPLETED, self.today
                open_one.save()
        elif outcome == ReexaminationOutcome.RECTIFY:
            reexamination.status = ReexaminationStatus.RECTIFYING
            reexamination.save()
            _issue_rectification(
                self, centre=reexamination.centre, inspection=None, reexamination=reexamination
            )
        else:
            reexamination.status = ReexaminationStatus.FAILED
            reexamination.decided_on = self.today
            for open_one in reexamination.rectifications.all():
                if open_one.is_open:
                    open_one.status, open_one.closed_on = RectificationStatus.FAILED, self.today
                open_one.revocation_proposed = True
                open_one.save()
                _propose_revocation(open_one)
        reexamination.save()
        notify(
            kind="supervision.reexamination_decided",
            recipients=recipients.centre_members(reexamination.centre)
            + recipients.bureau_staff(reexamination.centre),
            event_key=f"supervision:reexamination:{reexamination.pk}:{reexamination.status}",
            context={"reexamination": reexamination, "centre": reexamination.centre},
            target=reexamination,
            link=f"/supervision/reexaminations/{reexamination.pk}/",
        )
        return reexamination


# R-35 ------------------------------------------------------------------------------------------------------
class Revoke(Action):
    """R-35: a commission leader revokes an established centre, citing the article and the reasons.

    The centre's status moves along CENTRE_MACHINE (established -revoke-> revoked) with its event record;
    its public profile page says it was revoked; nothing of its history is deleted.
    """

    def check(self):
        centre = self.data["centre"]
        try:
            self.edge = CENTRE_MACHINE.check(centre.status, "revoke", self.user)
        except TransitionRefused as exc:
            raise ActionRefused(str(exc)) from exc

    def validate(self):
        if self.data.get("article") not in RevocationArticle.values:
            self.error("article", "请选择撤销所依据的条款（第二十条、第二十二条、第二十三条或第十三条）。")
        self.require_text("reasons", "请填写撤销理由。")

    def perform(self):
        centre = self.data["centre"]
        article = RevocationArticle(self.data["article"])
        reasons = self.data["reasons"].strip()
        centre.revoked_on = self.today
        event = record_transition(centre, self.edge, self.user, reason=f"依据{article.label}：{reasons}")
        revocation = Revocation.objects.create(
            centre=centre,
            article=article,
            reasons=reasons,
            decided_on=self.today,
            decided_by=self.user,
            event=event,
        )
        publication.mark_revoked(centre)
        notify(
            kind="supervision.centre_revoked",
            recipients=recipients.centre_members(centre)
            + recipients.bureau_staff(centre)
            + recipients.commission_staff(),
            event_key=f"supervision:centre:{centre.pk}:revoked",
            context={"revocation": revocation, "centre": centre},
            target=centre,
            link=f"/supervision/centres/{centre.pk}/",
        )
        return revocation
