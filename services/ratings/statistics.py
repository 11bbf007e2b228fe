"""Satisfaction figures: per service, the count per level of the 整体满意度 and the 满意率 (rules.py)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from services.ratings import rules
from services.ratings.constants import Level
from services.reference.applicant_services import Service


@dataclass(frozen=True)
class Figures:
    service: str
    label: str
    counts: dict[int, int]  # level → count, every level present
    bad: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def rate(self) -> Decimal | None:
        return rules.satisfaction_rate(self.counts)

    @property
    def rows(self) -> list[tuple[str, int]]:
        return [(label, self.counts[level]) for level, label in Level.choices]


def by_service(ratings) -> list[Figures]:
    """Figures for every service (also those without ratings), from a queryset of ratings."""
    counts: dict[str, dict[int, int]] = defaultdict(lambda: dict.fromkeys(Level.values, 0))
    for row in ratings.values("invitation__service", "overall").annotate(n=Count("id")):
        counts[row["invitation__service"]][row["overall"]] = row["n"]
    return [
        Figures(
            service.value,
            service.label,
            dict(counts[service.value]),
            sum(n for level, n in counts[service.value].items() if rules.is_bad(level)),
        )
        for service in Service
    ]


def for_service(ratings, service: str) -> Figures:
    return next(f for f in by_service(ratings.filter(invitation__service=service)) if f.service == service)


HEADER = ["办理事项", "评价总数", *Level.labels, "差评数", "满意率（%）"]


def table(figures: list[Figures]) -> list[list]:
    return [
        [
            f.label,
            f.total,
            *(f.counts[level] for level in Level.values),
            f.bad,
            f.rate if f.rate is not None else "",
        ]
        for f in figures
    ]
