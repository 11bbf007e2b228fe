"""The shape of every supervision action: services.casework.actions.CaseAction with supervision's input
(`Action(user, today=…, files=[…], **data)`), field-keyed validation and the helpers the kinds share."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from services.casework.actions import CaseAction
from services.casework.refusals import NotPermitted
from services.centres.constants import CentreStatus
from services.deadlines import clock
from services.deadlines.formatting import cn_date
from services.files.service import FileRefused, check_upload, store
from services.supervision import rules

NOT_ESTABLISHED = "该中心当前状态为“{status}”，不是已成立的计量数据中心，不能办理此项监督业务。"


class Action(CaseAction):
    """check(), validate(), perform() (services.casework.actions.CaseAction), with supervision's input:
    ``Action(user, today=…, files=[…], **data)``."""

    def __init__(self, user, *, today: date | None = None, files=(), **data):
        self.user = user
        self.today = today or clock.beijing_today()
        self.files = list(files or [])
        self.data = data
        self.errors: dict[str, list[str]] = {}

    def error(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

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

    def execute(self, user=None):
        if user is not None:
            self.user = user
        if not getattr(self.user, "is_authenticated", False):
            raise NotPermitted("请先登录。")
        self.check()
        self._validate_all()
        with transaction.atomic():
            return self.perform()


def validate_deadline(action: Action, field: str) -> None:
    deadline = action.data.get(field)
    if not isinstance(deadline, date):
        action.error(field, "请填写整改期限。")
    elif not rules.rectification_deadline_valid(deadline, action.today):
        action.error(field, f"整改期限不能早于今天（{cn_date(action.today)}）。")


def expert_conflict(expert, centre) -> str | None:
    from accounts.models import ExpertProfile
    from services.casework.conflicts import conflict_reason

    profile = ExpertProfile.objects.filter(user=expert).first()
    units = {centre.organisation_id, *centre.partners.values_list("pk", flat=True)}
    return conflict_reason(
        employer_id=getattr(profile, "employer_id", None), unit_ids=units, declared_conflict=False
    )
