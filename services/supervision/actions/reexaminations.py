"""The five-yearly re-examination (R-34)."""

from datetime import date

from accounts.constants import Role
from accounts.roles import has_role, is_commission
from services.casework.refusals import NotPermitted, WrongState
from services.deadlines import rules as deadlines
from services.notifications.service import notify
from services.supervision import recipients
from services.supervision.actions.base import Action, expert_conflict, validate_deadline
from services.supervision.actions.rectifications import issue_rectification, propose_revocation
from services.supervision.constants import RectificationStatus, ReexaminationOutcome, ReexaminationStatus
from services.supervision.models import Reexamination


# R-34 ------------------------------------------------------------------------------------------------------
class ScheduleReexamination(Action):
    """R-34: the commission schedules the five-yearly re-examination; the due date comes from the engine."""

    def check(self):
        if not is_commission(self.user):
            raise NotPermitted("复查由市市场监管委安排。")

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
            elif expert_conflict(expert, centre):
                self.error("experts", f"{expert}：{expert_conflict(expert, centre)}")

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
            raise NotPermitted("复查结论由市市场监管委记录。")
        reexamination = self.data["reexamination"]
        if reexamination.status not in (ReexaminationStatus.SCHEDULED, ReexaminationStatus.RECTIFYING):
            raise WrongState("该复查已办结。", state=reexamination.get_status_display())

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
            validate_deadline(self, "deadline")
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
            issue_rectification(
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
                propose_revocation(open_one)
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
