"""Case records in words (R-40): the one function that turns a CaseEvent into what staff read.

"提交申报：草稿 → 已提交", by whom (name and role) and when. Case pages, the exports and the API's display
fields all call `describe()`, so the wording is the same everywhere. Each state machine brings its own
labels (services/*/transitions.py); this module only looks the right one up.
"""

from dataclasses import dataclass
from datetime import date, datetime

from services.deadlines.formatting import cn_date

EXTRA_ACTION_LABELS = {"create": "创建申报书"}


# model label ("app_label.modelname") → the state machine whose labels word its events. Each service
# registers its own at start-up (its AppConfig.ready), so casework imports no service above it.
MACHINES: dict = {}


def register_machine(model_label: str, machine) -> None:
    MACHINES[model_label] = machine


def _machines() -> dict:
    return MACHINES


@dataclass(frozen=True)
class EventLine:
    at: datetime
    action: str
    from_status: str
    to_status: str
    actor: str
    role: str
    reason: str
    public_wording: str

    @property
    def text(self) -> str:
        """“提交申报：草稿 → 已提交” (or “创建申报书：草稿” when there was no status before)."""
        if self.from_status:
            return f"{self.action}：{self.from_status} → {self.to_status}"
        return f"{self.action}：{self.to_status}"

    @property
    def who(self) -> str:
        return f"{self.actor}（{self.role}）" if self.role and self.role != self.actor else self.actor

    @property
    def when(self) -> str:
        return cn_date(self.at, with_time=True)

    @property
    def sentence(self) -> str:
        """One line for exports: when, who, what, why."""
        parts = [self.when, self.who, self.text]
        if self.reason:
            parts.append(f"说明：{self.reason}")
        return " ".join(parts)


def role_label(code: str) -> str:
    from accounts.constants import Role

    if code == "system":
        return "系统"
    return dict(Role.choices).get(code, code)


def describe(event) -> EventLine:
    machine = _machines().get(event.content_type.app_label + "." + event.content_type.model)
    labels = machine.labels if machine else {}
    actions = {**EXTRA_ACTION_LABELS, **(machine.action_labels if machine else {})}
    actor = str(event.actor) if event.actor_id else ("系统" if event.actor_role in ("system", "") else "")
    return EventLine(
        at=event.created_at,
        action=actions.get(event.action, event.action),
        from_status=labels.get(event.from_status, event.from_status),
        to_status=labels.get(event.to_status, event.to_status),
        actor=actor or role_label(event.actor_role),
        role=role_label(event.actor_role) if event.actor_role else "",
        reason=event.reason,
        public_wording=event.public_wording,
    )


def events_with_lines(obj) -> list[tuple]:
    from services.casework.models import CaseEvent

    return [(e, describe(e)) for e in CaseEvent.for_object(obj).select_related("content_type")]


def lines_for(obj) -> list[EventLine]:
    return [line for _event, line in events_with_lines(obj)]


@dataclass(frozen=True)
class PublicStep:
    """One line of a case's public timeline (办件进度查询): a Beijing date and the public wording."""

    day: date
    wording: str


def public_timeline(obj, milestones=()) -> list[PublicStep]:
    """What anyone may read of a case's progress: the `public_wording` of its own events (R-40), with
    the kind's own milestones — (date, wording) pairs for the steps its service records elsewhere, such as
    a report received or a decision dated on the record — in date order. Never a name, a role or a reason."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from services.casework.models import CaseEvent
    from services.deadlines.clock import BEIJING

    steps = [PublicStep(day, wording) for day, wording in milestones if day and wording]
    steps += [
        PublicStep(timezone.localtime(event.created_at, BEIJING).date(), event.public_wording)
        for event in CaseEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).exclude(public_wording="")
    ]
    return sorted(steps, key=lambda step: step.day)  # stable: milestones first on the same day
