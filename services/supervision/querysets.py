"""visible_to(user) for every supervision model: the one place that says who sees what (R-32).

- the commission (officers and leaders): everything;
- a district bureau: the centres of its own district only;
- the centre's unit members: their own centre's reports, rectifications and finished inspections;
- experts: the inspections and re-examinations they are assigned to;
- everyone else: nothing.
"""

from django.db import models

from accounts.constants import Role
from accounts.roles import bureau_district_id, has_role, is_commission, organisation_id


def _member_org(user):
    return organisation_id(user) if has_role(user, Role.APPLICANT) else None


class CentreScopedQuerySet(models.QuerySet):
    centre_path = "centre"

    def visible_to(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if is_commission(user):
            return self.all()
        district = bureau_district_id(user)
        if district is not None:
            return self.filter(**{f"{self.centre_path}__district_id": district})
        org = _member_org(user)
        if org is not None:
            return self.filter(**{f"{self.centre_path}__organisation_id": org})
        return self.none()

    def for_district(self, district):
        return self.filter(**{f"{self.centre_path}__district": district})


class FollowUpQuerySet(CentreScopedQuerySet):
    centre_path = "rectification__centre"


class InspectionQuerySet(CentreScopedQuerySet):
    """Inspections and re-examinations: a planned unannounced inspection is known only to the commission
    and its expert group (R-33); assigned experts see theirs."""

    def visible_to(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if is_commission(user):
            return self.all()
        if bureau_district_id(user) is not None or _member_org(user) is not None:
            return super().visible_to(user).exclude(status="planned")
        if has_role(user, Role.EXPERT):
            return self.filter(experts=user).distinct()
        return self.none()


def centres_visible_to(user):
    """The centres a user may supervise or see in supervision: all for the commission, a bureau's district."""
    from services.centres.models import Centre

    if not getattr(user, "is_authenticated", False):
        return Centre.objects.none()
    if is_commission(user):
        return Centre.objects.all()
    district = bureau_district_id(user)
    if district is not None:
        return Centre.objects.filter(district_id=district)
    org = _member_org(user)
    if org is not None:
        return Centre.objects.filter(organisation_id=org)
    return Centre.objects.none()
