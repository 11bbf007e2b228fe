"""好差评 actions (issue 12, item 8): rate a case, record the 回访, give the 整改 feedback, add the 追评.

Each checks (rules.py, the transition table) before it writes, writes in one transaction, records the
audit trail (accounts.audit) and the case event, and notifies on commit through services.notifications.
"""

from django.urls import reverse
from django.utils import timezone

from accounts import audit
from accounts.constants import AuditAction, Role
from accounts.roles import has_role, organisation_id
from services.casework.actions import PersonAction as Action
from services.casework.events import record_opening, record_transition
from services.casework.refusals import ActionRefused
from services.construction.recipients import commission_staff
from services.notifications.service import notify
from services.ratings import rules
from services.ratings.constants import INDICATORS, FollowUpStatus
from services.ratings.models import AdditionalRating, BadRatingCase, Rating
from services.ratings.transitions import BAD_RATING_MACHINE


class RatingRefused(ActionRefused):
    """Refused, with a message per field where the input is at fault."""

    def __init__(self, message: str, errors: dict[str, str] | None = None):
        super().__init__(message)
        self.errors = errors or {}


def unit_members(organisation_id_):
    from accounts.models import User

    return User.objects.filter(is_active=True, membership__organisation_id=organisation_id_)


class SubmitRating(Action):
    def __init__(self, user, invitation, *, levels: dict, comment: str = "", reason: str = "", today=None):
        super().__init__(user, today=today)
        self.invitation = invitation
        self.levels = {name: _int(levels.get(name)) for name, _ in INDICATORS}
        self.comment, self.reason = (comment or "").strip(), (reason or "").strip()

    def refusal(self) -> str | None:
        return rules.rating_refusal(
            is_applicant=has_role(self.user, Role.APPLICANT),
            user_unit=organisation_id(self.user),
            case_unit=self.invitation.organisation_id,
            already_rated=Rating.objects.filter(invitation=self.invitation).exists(),
        )

    def check(self):
        refusal = self.refusal()
        if refusal:
            raise RatingRefused(refusal)
        errors = rules.rating_errors(self.levels, self.comment, self.reason)
        if errors:
            raise RatingRefused("评价未提交，请按提示修改。", errors)

    def perform(self):
        bad = rules.is_bad(self.levels["overall"])
        rating = Rating.objects.create(
            invitation=self.invitation,
            rated_by=self.user,
            comment=self.comment,
            reason=self.reason if bad else "",
            is_bad=bad,
            **self.levels,
        )
        audit.record(self.user, AuditAction.RATING_SUBMITTED, obj=rating, **self.levels, is_bad=bad)
        if bad:
            case = BadRatingCase.objects.create(rating=rating, opened_on=self.today)
            record_opening(
                case, "receive", self.user, Role.APPLICANT, "已收到差评，等待回访", reason=self.reason
            )
            notify(
                kind="rating.bad_received",
                recipients=commission_staff(),
                event_key=f"rating:bad:{case.pk}",
                context={
                    "case": str(self.invitation),
                    "reason": self.reason,
                    "level": rating.get_overall_display(),
                },
                target=case,
                link=reverse("ratings:case", args=[case.pk]),
            )
        return rating


class FollowUpStep(Action):
    """回访 (visit) or 整改反馈 (give_feedback) by the commission, with the text it records."""

    def __init__(self, user, case, action: str, *, text: str, today=None):
        super().__init__(user, today=today)
        self.case, self.action, self.text = case, action, (text or "").strip()

    def check(self):
        self.edge = BAD_RATING_MACHINE.check(self.case.status, self.action, self.user)
        if not self.text:
            what = "回访情况" if self.action == "visit" else "整改情况反馈"
            raise RatingRefused(f"请填写{what}。", {"text": f"请填写{what}。"})
        if len(self.text) > 2000:
            raise RatingRefused("内容不能超过2000字。", {"text": "内容不能超过2000字。"})

    def perform(self):
        now = timezone.now()
        if self.action == "visit":
            self.case.visit_note, self.case.visited_at = self.text, now
        else:
            self.case.feedback, self.case.feedback_at = self.text, now
        event = record_transition(self.case, self.edge, self.user, reason=self.text)
        audit.record(self.user, AuditAction.RATING_FOLLOWED_UP, obj=self.case, step=self.action)
        if self.action == "give_feedback":
            invitation = self.case.rating.invitation
            notify(
                kind="rating.feedback",
                recipients=unit_members(invitation.organisation_id),
                event_key=f"rating:feedback:{self.case.pk}:{event.pk}",
                context={"case": str(invitation), "feedback": self.text},
                target=invitation,
                link=invitation.get_absolute_url(),
            )
        return self.case


class AddAdditionalRating(Action):
    """追评: one, by the applicant unit, after the feedback."""

    def __init__(self, user, case, *, level, comment: str = "", today=None):
        super().__init__(user, today=today)
        self.case, self.level, self.comment = case, _int(level), (comment or "").strip()

    def check(self):
        refusal = rules.additional_refusal(
            is_rater_unit=has_role(self.user, Role.APPLICANT)
            and organisation_id(self.user) == self.case.rating.invitation.organisation_id,
            status=self.case.status,
            already_added=AdditionalRating.objects.filter(case=self.case).exists(),
        )
        if refusal:
            raise RatingRefused(refusal)
        self.edge = BAD_RATING_MACHINE.check(self.case.status, "add_rating", self.user)
        errors = rules.additional_errors(self.level, self.comment)
        if errors:
            raise RatingRefused("追评未提交，请按提示修改。", errors)

    def perform(self):
        additional = AdditionalRating.objects.create(
            case=self.case, rated_by=self.user, level=self.level, comment=self.comment
        )
        record_transition(self.case, self.edge, self.user, reason=self.comment)
        audit.record(self.user, AuditAction.RATING_ADDED, obj=additional, level=self.level)
        return additional


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


OPEN_STATUSES = (FollowUpStatus.AWAITING_VISIT, FollowUpStatus.RECTIFYING)
