"""The use cases of an application (R-02 … R-14). The service hall, the commission console, the Django
admin and the API all call these: `Action(application, **params).check(user)` says whether (and why not),
`.execute(user)` does it in one transaction, writes the event (R-40) and the notifications (R-41)."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from services.applications import recipients, review_stage, rules
from services.applications.constants import (
    DECLARATION_TEXT,
)
from services.applications.drafting import (
    ensure_applicant_of,
    ensure_editable,
    is_editable_by,
    missing_items,
    start_application,
)
from services.applications.models import (
    Application,
    CorrectionRequest,
)
from services.applications.transitions import APPLICATION_MACHINE
from services.casework.actions import CaseAction
from services.casework.refusals import NotPermitted
from services.casework.transitions import TransitionRefused
from services.centres.naming import require_free_name
from services.deadlines import rules as deadlines
from services.deadlines.clock import beijing_today
from services.deadlines.formatting import cn_date
from services.notifications.service import notify

__all__ = [
    "Approve",
    "Reject",
    "ReturnForCorrection",
    "Resubmit",
    "StartReview",
    "Submit",
    "TransitionRefused",
    "Withdraw",
    "ensure_applicant_of",
    "ensure_editable",
    "is_editable_by",
    "missing_items",
    "start_application",
]


def applicant_link(application) -> str:
    return reverse("service_hall:detail", args=[application.pk])


def commission_link(application) -> str:
    return reverse("commission_applications:detail", args=[application.pk])


class ApplicationAction(CaseAction):
    """An application's use case: ``Action(application, **params).check(user)`` / ``.execute(user)``."""

    action = ""
    notification_kind = ""

    def __init__(self, application: Application, **params):
        self.application = application
        self.params = params

    def check(self, user):
        """The edge this action takes, or a refusal with a Chinese reason."""
        if not Application.objects.visible_to(user).filter(pk=self.application.pk).exists():
            raise NotPermitted("申请不存在或您无权办理。")
        edge = APPLICATION_MACHINE.check(self.application.status, self.action, user)
        self.check_more(user)
        return edge

    def check_more(self, user) -> None:
        """Preconditions of this action beyond the table."""

    def perform(self, user) -> None:
        """Changes of this action besides the status."""

    def reason(self) -> str:
        return ""

    def execute(self, user=None) -> Application:
        user = user or self.user
        with transaction.atomic():
            self.application = Application.objects.select_for_update().get(pk=self.application.pk)
            edge = self.check(user)
            self.perform(user)
            self.event = self.record(self.application, edge, self.reason())
            self.send_notifications()
        return self.application

    def send_notifications(self) -> None:
        pass

    def _notify(self, kind, people, link, **context):
        notify(
            kind=kind,
            recipients=people,
            event_key=f"application:{self.application.pk}:event:{self.event.pk}",
            context={"application": self.application, "event": self.event, **context},
            target=self.application,
            link=link,
        )


class Submit(ApplicationAction):
    """R-02, R-03: the lead builder's user submits with the legal declaration."""

    action = "submit"

    def check_more(self, user):
        ensure_applicant_of(self.application, user)
        if not self.application.organisation.is_verified:
            raise TransitionRefused("申请单位尚未通过核验，暂不能提交申报。")
        if not self.params.get("declaration_accepted"):
            raise TransitionRefused("提交前须勾选并确认申报声明（R-03）。")
        problems = missing_items(self.application)
        if problems:
            raise TransitionRefused("申报书尚不完整：" + "；".join(problems))

    def perform(self, user):
        now = timezone.now()
        app = self.application
        app.declared_by, app.declared_at, app.declaration_text = user, now, DECLARATION_TEXT
        app.submitted_at = now
        app.first_submitted_at = app.first_submitted_at or now

    def reason(self):
        return f"申报声明：{DECLARATION_TEXT}"

    def send_notifications(self):
        self._notify(
            "application_submitted", recipients.commission_staff(), commission_link(self.application)
        )
        # the applicant's receipt (回执), once per submission: its own key beside the commission's
        notify(
            kind="application_receipt",
            recipients=recipients.applicant_members(self.application),
            event_key=f"application:{self.application.pk}:event:{self.event.pk}:receipt",
            context={
                "application": self.application,
                "event": self.event,
                "acceptance_by": rules.handling_deadline(beijing_today()),
            },
            target=self.application,
            link=applicant_link(self.application),
        )


class Resubmit(Submit):
    """R-10: after correction; the history keeps every round."""

    action = "resubmit"

    def perform(self, user):
        super().perform(user)
        self.application.corrections.filter(answered_at__isnull=True).update(answered_at=timezone.now())


class ReturnForCorrection(ApplicationAction):
    """R-10: everything missing, listed at once."""

    action = "return_for_correction"

    def items(self) -> list[str]:
        raw = self.params.get("items") or []
        if isinstance(raw, str):
            raw = raw.splitlines()
        return [line.strip() for line in raw if line and line.strip()]

    def check_more(self, user):
        if not self.items():
            raise TransitionRefused("退回补正须一次性列明全部需补正的事项（R-10）。")

    def perform(self, user):
        rounds = self.application.corrections.count()
        self.correction = CorrectionRequest.objects.create(
            application=self.application, round_number=rounds + 1, items=self.items(), requested_by=user
        )

    def reason(self):
        return "需补正事项：" + "；".join(self.items())

    def send_notifications(self):
        self._notify(
            "application_returned",
            recipients.applicant_members(self.application),
            applicant_link(self.application),
            items=self.items(),
        )


class StartReview(ApplicationAction):
    """R-11: the commission accepts the application for review and sets up the panel with a template."""

    action = "start_review"

    def template_version(self):
        return review_stage.stage().scoring_template(self.params.get("template_version"))

    def check_more(self, user):
        version = self.template_version()
        if version is None:
            raise TransitionRefused("尚无可用的评分模板，请先在后台维护评分模板。")
        problem = review_stage.stage().template_problem(version)
        if problem:
            raise TransitionRefused(problem)

    def perform(self, user):
        review_stage.stage().open_panel(self.application, self.template_version(), user)

    def send_notifications(self):
        self._notify(
            "application_under_review",
            recipients.applicant_members(self.application),
            applicant_link(self.application),
        )


class Withdraw(ApplicationAction):
    action = "withdraw"

    def check_more(self, user):
        ensure_applicant_of(self.application, user)

    def reason(self):
        return self.params.get("reason", "") or ""

    def send_notifications(self):
        if self.application.submitted_at:
            self._notify(
                "application_withdrawn", recipients.commission_staff(), commission_link(self.application)
            )


def submitted_report(application):
    """The panel's submitted review report (R-13), or None."""
    return review_stage.stage().submitted_report(application)


class Decide(ApplicationAction):
    def check_more(self, user):
        if submitted_report(self.application) is None:
            raise TransitionRefused("专家组组长尚未提交评审报告，不能作出决定（R-14）。")


class Approve(Decide):
    """R-14: approval creates the centre (constructing) with its task book and reply letter."""

    action = "approve"

    def approved_on(self) -> date:
        return self.params.get("approved_on") or beijing_today()

    def construction_end(self) -> date:
        return self.params.get("construction_end") or deadlines.construction_end_latest(self.approved_on())

    def check_more(self, user):
        super().check_more(user)
        if not (self.params.get("targets") or "").strip() or not (self.params.get("tasks") or "").strip():
            raise TransitionRefused("批准筹建须填写筹建任务书的建设目标和主要任务。")
        if not deadlines.construction_end_valid(self.approved_on(), self.construction_end()):
            latest = deadlines.construction_end_latest(self.approved_on())
            raise TransitionRefused(
                f"筹建期限须晚于批准日期，且不晚于批准之日起3年（{cn_date(latest)}）（R-14）。"
            )
        require_free_name(self.application.centre_name)  # one live centre per name

    def perform(self, user):
        from services.centres.models import Centre, TaskBook

        app = self.application
        approved_on, end = self.approved_on(), self.construction_end()
        centre = Centre.objects.create(
            name=app.centre_name,
            organisation=app.organisation,
            district=app.district,
            approved_on=approved_on,
            construction_end=end,
        )
        centre.key_fields.set(app.key_fields.all())
        centre.partners.set([p.organisation_id for p in app.partners.all() if p.organisation_id])
        letter = (self.params.get("reply_letter") or "").strip() or default_reply_letter(
            app, approved_on, end
        )
        TaskBook.objects.create(
            centre=centre,
            number=f"{app.case_number}-RWS",
            targets=self.params["targets"].strip(),
            tasks=self.params["tasks"].strip(),
            period_start=approved_on,
            period_end=end,
            issued_on=approved_on,
            reply_letter=letter,
        )
        app.centre = centre
        app.decided_at, app.decided_by = timezone.now(), user

    def send_notifications(self):
        self._notify(
            "application_approved",
            [*recipients.applicant_members(self.application), *recipients.district_bureau(self.application)],
            applicant_link(self.application),
        )


def default_reply_letter(application, approved_on: date, end: date) -> str:
    return (
        f"{application.organisation.name}：\n"
        f"你单位报送的《{application.centre_name}筹建申请》（办件编号{application.case_number}）收悉。"
        f"经材料审查、实地核查和专家评审，同意你单位筹建{application.centre_name}，"
        "筹建期限和验收申请的时限见下文及筹建任务书。"
    )


class Reject(Decide):
    """R-14: rejection records reasons that the applicant sees."""

    action = "reject"

    def reasons(self) -> str:
        return (self.params.get("reasons") or "").strip()

    def check_more(self, user):
        super().check_more(user)
        if not self.reasons():
            raise TransitionRefused("不予批准须写明理由（R-14）。")

    def perform(self, user):
        self.application.rejection_reasons = self.reasons()
        self.application.decided_at, self.application.decided_by = timezone.now(), user

    def reason(self):
        return self.reasons()

    def send_notifications(self):
        self._notify(
            "application_rejected",
            recipients.applicant_members(self.application),
            applicant_link(self.application),
        )


ACTIONS = {
    cls.action: cls for cls in (Submit, Resubmit, ReturnForCorrection, StartReview, Withdraw, Approve, Reject)
}
