"""Who is told about a construction or acceptance event (R-41)."""

from accounts.constants import Role
from accounts.models import User


def commission_staff():
    return User.objects.filter(
        is_active=True, groups__name__in=[Role.COMMISSION_OFFICER, Role.COMMISSION_LEADER]
    ).distinct()


def unit_members(centre):
    return User.objects.filter(is_active=True, membership__organisation_id=centre.organisation_id)
