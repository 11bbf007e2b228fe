"""Who may see construction cases (R-20, R-22, R-23).

The rule: the commission sees all; the bureau of the centre's district sees its district's cases read-only;
members of the centre's unit see their own; nobody else. `centre_q` is shared with the acceptance app.
Once `Centre.objects.visible_to` exists (accounts helper), `centres_visible_to` should defer to it.
"""

from django.db import models
from django.db.models import Q

from accounts.roles import bureau_district_id, is_commission, organisation_id

NOTHING = Q(pk__in=[])


def centre_q(user, prefix: str = "centre__") -> Q:
    """The centres (at `prefix`) this user may see, as a Q for any model that points at a centre."""
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    if is_commission(user):
        return Q()
    condition = NOTHING
    district_id = bureau_district_id(user)
    if district_id is not None:
        condition |= Q(**{f"{prefix}district_id": district_id})
    unit_id = organisation_id(user)
    if unit_id is not None:
        condition |= Q(**{f"{prefix}organisation_id": unit_id})
    return condition


def centres_visible_to(user):
    from services.centres.models import Centre

    return Centre.objects.filter(centre_q(user, prefix="")).select_related("district", "organisation")


class CentreCaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(centre_q(user))

    def for_district(self, district):
        return self.filter(centre__district=district)
