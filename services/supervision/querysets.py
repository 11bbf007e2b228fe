"""visible_to(user) for every supervision model (R-32): the one rule of who sees a centre's records,
accounts.centre_access, with the narrowing supervision adds:

- the commission (officers and leaders): everything;
- a district bureau: the centres of its own district only;
- the centre's unit members: their own centre's reports, rectifications and finished inspections;
- experts: the inspections and re-examinations they are assigned to;
- a planned unannounced inspection is known only to the commission and its expert group (R-33);
- everyone else (the system administrator included, docs/decisions/0070): nothing.
"""

from django.db import models

from accounts.centre_access import centre_records_visible_to
from accounts.roles import is_commission


class CentreScopedQuerySet(models.QuerySet):
    centre_path = "centre"
    assigned_field: str | None = None

    def visible_to(self, user):
        return centre_records_visible_to(
            self, user, centre=self.centre_path, assigned_field=self.assigned_field
        )

    def for_district(self, district):
        return self.filter(**{f"{self.centre_path}__district": district})


class FollowUpQuerySet(CentreScopedQuerySet):
    centre_path = "rectification__centre"


class InspectionQuerySet(CentreScopedQuerySet):
    """Inspections and re-examinations: assigned experts see theirs; a planned unannounced inspection is
    hidden from the centre and the bureau (R-33)."""

    assigned_field = "experts"

    def visible_to(self, user):
        seen = super().visible_to(user)
        if is_commission(user):
            return seen
        assigned = (
            self.filter(experts=user.pk).values("pk") if getattr(user, "is_authenticated", False) else []
        )
        return seen.exclude(models.Q(status="planned") & ~models.Q(pk__in=assigned))


def centres_visible_to(user):
    """The centres whose supervision a user may see: the same rule, with the centres as the records."""
    from services.centres.models import Centre

    return centre_records_visible_to(Centre.objects.all(), user, centre="")
