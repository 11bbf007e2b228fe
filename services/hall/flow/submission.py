"""Submitting a flow: the declaration, the service's own action, and the applicant's receipt, in one
transaction. A second submission of the same draft is refused and sends nothing (the receipt's key is the
record's: one receipt per record, R-41)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.constants import Role
from accounts.roles import has_role, organisation_id
from services.casework.actions import ActionRefused, CaseAction, NotPermitted, WrongState
from services.construction.recipients import unit_members
from services.deadlines.clock import beijing_today
from services.files.models import CaseFile
from services.hall.flow import drafts
from services.hall.flow.promises import promise
from services.hall.flow.spec import Flow
from services.hall.models import DraftStatus, ServiceDraft
from services.notifications.service import notify

DECLARATION_TEXT = "本单位承诺：所填信息和所附材料真实、准确、完整，如有虚假，本单位愿承担相应责任。"
DECLARATION_REQUIRED = "请勾选声明，确认所填信息和所附材料真实、准确、完整。"


def preflight(action) -> None:
    """Ask the service's action everything short of doing it: check(), then its input checks.

    Supervision's actions collect field-keyed messages in `errors` (raised together); the others refuse
    in check() or validate() directly."""
    action.check()
    if hasattr(action, "errors"):
        action.errors = {}
        action.validate()
        if action.errors:
            raise ValidationError(action.errors)
    else:
        action.validate()


class SubmitDraft(CaseAction):
    """The applicant submits what the draft holds, with the declaration."""

    def __init__(self, flow: Flow, draft: ServiceDraft, subject, *, declaration_accepted: bool, today=None):
        self.flow, self.draft, self.subject = flow, draft, subject
        self.declaration_accepted = declaration_accepted
        self.today = today or beijing_today()

    def check(self, user):
        if not has_role(user, Role.APPLICANT) or organisation_id(user) != self.draft.organisation_id:
            raise NotPermitted("只有本单位的申请单位用户可以提交。")
        if self.draft.status != DraftStatus.OPEN:
            raise WrongState("本事项已经提交，不能重复提交。", state=self.draft.get_status_display())
        if not self.declaration_accepted:
            raise ActionRefused(DECLARATION_REQUIRED)

    def perform(self):
        draft = ServiceDraft.objects.select_for_update().get(pk=self.draft.pk)
        if draft.status != DraftStatus.OPEN:  # a second, concurrent submission
            raise WrongState("本事项已经提交，不能重复提交。", state=draft.get_status_display())
        form = drafts.whole_form(self.flow, self.subject, self.today, draft.answers)
        if not form.is_valid():
            raise ValidationError({name: [str(e) for e in errors] for name, errors in form.errors.items()})
        record = self.flow.action(
            self.user, self.subject, form.cleaned_data, drafts.reopened(draft)
        ).execute()
        now = timezone.now()
        draft.status, draft.submitted_at = DraftStatus.SUBMITTED, now
        draft.declared_by, draft.declaration_text = self.user, DECLARATION_TEXT
        draft.record_type, draft.record_id = ContentType.objects.get_for_model(record), record.pk
        draft.save()
        CaseFile.for_object(draft).delete()  # the record holds its own copies now; the bytes are purged later
        self.draft = draft
        send_receipt(self.flow, draft, record, self.subject)
        return record


def send_receipt(flow: Flow, draft: ServiceDraft, record, subject) -> None:
    """回执: to the unit's members, in the inbox and by e-mail, once per record."""
    centre = flow.centre_of(subject)
    record_type = ContentType.objects.get_for_model(record)
    notify(
        kind="hall_receipt",
        recipients=unit_members(centre),
        event_key=f"hall:{record_type.app_label}.{record_type.model}:{record.pk}:receipt",
        context={
            "flow": flow,
            "centre": centre,
            "number": flow.number(record),
            "submitted_at": draft.submitted_at,
            "promise": promise(flow),
            "facts": flow.facts(record),
        },
        target=record,
        link=flow.case_url(record),
    )
