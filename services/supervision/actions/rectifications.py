"""Rectification requests and their follow-up (R-32, R-33, R-34), and the proposal to revoke."""

from accounts.roles import is_commission
from services.casework.refusals import NotPermitted, WrongState
from services.notifications.service import notify
from services.supervision import permissions, recipients
from services.supervision.actions.base import Action, validate_deadline
from services.supervision.constants import (
    FollowUpOutcome,
    InspectionKind,
    InspectionStatus,
    RectificationStatus,
    ReexaminationStatus,
    RevocationArticle,
)
from services.supervision.models import FollowUp, Rectification


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
            raise NotPermitted("您无权对本次检查下达整改通知。")
        if inspection.status != InspectionStatus.COMPLETED:
            raise WrongState("检查尚未完成，不能下达整改通知。", state=inspection.get_status_display())

    def validate(self):
        self.require_established(self.data["inspection"].centre)
        self.require_text("requirements", "请填写整改要求。")
        validate_deadline(self, "deadline")

    def perform(self):
        inspection = self.data["inspection"]
        return issue_rectification(self, centre=inspection.centre, inspection=inspection, reexamination=None)


def issue_rectification(action: Action, *, centre, inspection, reexamination) -> Rectification:
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
            raise WrongState("该整改通知已办结。", state=rectification.get_status_display())
        supervisor = permissions.may_follow_up(self.user, rectification)
        member = permissions.is_centre_member(self.user, rectification.centre)
        if not (supervisor or member):
            raise NotPermitted("您无权记录该整改的跟踪情况。")
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
            propose_revocation(rectification)
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


def propose_revocation(rectification: Rectification) -> None:
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
