"""Panel and assessment-group forming (R-11, R-24): who is offered, with their current workload, and why
each one who cannot serve cannot. Experts already on the panel are not offered at all."""

from dataclasses import dataclass

from services.casework.conflicts import conflict_reason

INACTIVE_REASON = "该专家已停用（不在库），不能选派。"


def why_not(*, available: bool, employer_id, unit_ids: set[int], declared_conflict: bool) -> str | None:
    """R-11: the reason this expert cannot serve on this case, or None. Plain rules, no ORM."""
    if not available:
        return INACTIVE_REASON
    return conflict_reason(employer_id=employer_id, unit_ids=unit_ids, declared_conflict=declared_conflict)


@dataclass
class Candidate:
    expert: object
    fields: list[str]
    workload: int
    reason: str | None

    @property
    def can_serve(self) -> bool:
        return self.reason is None


def workloads(expert_ids) -> dict[int, int]:
    """Open assignments per expert: panels of applications under review, open acceptance groups."""
    from collections import Counter

    from services.acceptance.constants import AcceptanceStatus
    from services.acceptance.models import AssessmentMember
    from services.applications.constants import ApplicationStatus
    from services.reviews.models import PanelMember

    counts = Counter(
        PanelMember.objects.filter(
            expert_id__in=expert_ids, panel__application__status=ApplicationStatus.UNDER_REVIEW
        ).values_list("expert_id", flat=True)
    )
    closed = [AcceptanceStatus.ESTABLISHED, AcceptanceStatus.CANCELLED]
    counts.update(
        AssessmentMember.objects.filter(expert_id__in=expert_ids)
        .exclude(application__status__in=closed)
        .values_list("expert_id", flat=True)
    )
    return dict(counts)


def panel_candidates(application) -> list[Candidate]:
    """R-11: experts of the application's key fields, minus the panel's members, eligible ones first."""
    from accounts.constants import Role
    from accounts.models import User
    from services.reviews.models import PanelMember, PanelRecusal

    field_ids = list(application.key_fields.values_list("pk", flat=True))
    experts = User.objects.filter(groups__name=Role.EXPERT, expert__isnull=False, is_active=True)
    if field_ids:
        experts = experts.filter(expert__key_fields__in=field_ids)
    on_panel = PanelMember.objects.filter(panel__application=application).values("expert_id")
    experts = list(
        experts.exclude(pk__in=on_panel)
        .select_related("expert")
        .prefetch_related("expert__key_fields")
        .distinct()
    )
    declared = set(
        PanelRecusal.objects.filter(application=application, declared_conflict=True).values_list(
            "expert_id", flat=True
        )
    )
    loads = workloads([e.pk for e in experts])
    unit_ids = application.conflict_unit_ids()
    rows = [
        Candidate(
            expert=e,
            fields=[f.name for f in e.expert.key_fields.all()],
            workload=loads.get(e.pk, 0),
            reason=why_not(
                available=e.expert.is_available,
                employer_id=e.expert.employer_id,
                unit_ids=unit_ids,
                declared_conflict=e.pk in declared,
            ),
        )
        for e in experts
    ]
    return sorted(rows, key=lambda c: (not c.can_serve, c.workload, str(c.expert)))


def empty_reason(application) -> str:
    names = "、".join(application.key_fields.values_list("name", flat=True)) or "任何"
    return f"专家库中没有可选派的“{names}”领域专家（已在专家组中的专家不再列出）。"
