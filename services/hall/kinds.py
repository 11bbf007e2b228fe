"""The cases that the public 办件进度查询 finds: one registration per applicant service (issue 12, item 7).

Each kind says where its cases are (the model and its number field, found by the number's prefix,
services.casework.numbering), how to reach the applicant unit's 统一社会信用代码 (an ORM path), the public
status, and the milestones of its public timeline: the steps its service records on the case itself
rather than as the case's own events (services.casework.wording.public_timeline adds those). Wording here
is public: it names no person, no reason and no content of a report.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.utils import timezone

from services.casework import numbering
from services.deadlines.clock import BEIJING
from services.reference.applicant_services import Service

RECEIVED = "已接收"


@dataclass(frozen=True)
class ProgressKind:
    service: Service
    model: str  # "app_label.ModelName"
    prefix: str
    credit_code: str  # ORM path from the case to its unit's credit code
    status: Callable[[object], str]
    milestones: Callable[[object], list[tuple[date | None, str]]] = field(default=lambda case: [])
    number_field: str = "case_number"

    def find(self, number: str, credit_code: str):
        """The case with this number whose unit has this credit code, or None (the same for both misses)."""
        model = apps.get_model(self.model)
        lookup = {self.number_field: number, self.credit_code: credit_code}
        return model.objects.filter(**lookup).first()


REGISTRY: dict[str, ProgressKind] = {}


def register(kind: ProgressKind) -> None:
    if kind.prefix in REGISTRY:
        raise ValueError(f"{kind.prefix} is registered twice")
    REGISTRY[kind.prefix] = kind


def kind_of(number: str) -> ProgressKind | None:
    prefix = numbering.prefix_of(number)
    return REGISTRY.get(prefix) if prefix else None


def _day(moment) -> date | None:
    return timezone.localtime(moment, BEIJING).date() if moment else None


def _display(case) -> str:
    return case.get_status_display()


def _acceptance(case):
    return [(case.submitted_on, "验收申请已提交，等待市市场监管委组织验收考核")]


def _extension(case):
    steps = [(case.submitted_on, "延期验收申请已提交，等待市市场监管委审核")]
    decided = {"approved": "市市场监管委已同意延期验收", "refused": "市市场监管委未同意延期验收"}
    if case.status in decided:
        steps.append((case.decided_on, decided[case.status]))
    return steps


def _rectification(case):
    follow_ups = {
        "reported": "整改情况已报送，等待核查",
        "in_progress": "已跟踪检查，继续整改",
        "completed": "经核查，整改完成",
        "failed": "经核查，整改不合格",
    }
    steps = [(case.issued_on, "已下达整改通知，请按期整改并报送整改情况")]
    steps += [
        (f.recorded_on, follow_ups[f.outcome]) for f in case.follow_ups.all() if f.outcome in follow_ups
    ]
    return steps


register(
    ProgressKind(
        Service.CONSTRUCTION,
        "applications.Application",
        numbering.CONSTRUCTION,
        "organisation__credit_code",
        status=lambda case: case.status_label,
    )
)
register(
    ProgressKind(
        Service.ACCEPTANCE,
        "acceptance.AcceptanceApplication",
        numbering.ACCEPTANCE,
        "centre__organisation__credit_code",
        status=_display,
        milestones=_acceptance,
    )
)
register(
    ProgressKind(
        Service.EXTENSION,
        "construction.ExtensionRequest",
        numbering.EXTENSION,
        "centre__organisation__credit_code",
        status=_display,
        milestones=_extension,
    )
)
register(
    ProgressKind(
        Service.MAJOR_SITUATION,
        "construction.MajorSituationReport",
        numbering.MAJOR_SITUATION,
        "centre__organisation__credit_code",
        status=lambda case: RECEIVED,
        milestones=lambda case: [(_day(case.submitted_at), "重大情况报告已报送，市市场监管委已接收")],
    )
)
register(
    ProgressKind(
        Service.RECTIFICATION,
        "supervision.Rectification",
        numbering.RECTIFICATION,
        "centre__organisation__credit_code",
        status=_display,
        milestones=_rectification,
    )
)
register(
    ProgressKind(
        Service.ANNUAL_REPORT,
        "supervision.AnnualReport",
        numbering.ANNUAL_REPORT,
        "centre__organisation__credit_code",
        status=lambda case: RECEIVED,
        milestones=lambda case: [(case.submitted_on, f"{case.year}年度工作总结报告已报送，已接收")],
    )
)
register(
    ProgressKind(
        Service.CHANGE_REPORT,
        "supervision.ChangeReport",
        numbering.CHANGE_REPORT,
        "centre__organisation__credit_code",
        status=lambda case: RECEIVED,
        milestones=lambda case: [(_day(case.submitted_at), "重大变化报告已报送，已接收")],
    )
)
