"""Who is told about a supervision event (R-41)."""

from accounts.constants import Role
from accounts.models import User


def bureau_staff(centre):
    return list(
        User.objects.filter(
            is_active=True, bureau_id=centre.district_id, groups__name=Role.BUREAU_OFFICER
        ).distinct()
    )


def commission_staff():
    return list(
        User.objects.filter(
            is_active=True, groups__name__in=[Role.COMMISSION_OFFICER, Role.COMMISSION_LEADER]
        ).distinct()
    )


def commission_leaders():
    return list(User.objects.filter(is_active=True, groups__name=Role.COMMISSION_LEADER).distinct())


def centre_members(centre):
    return [m.user for m in centre.organisation.members.select_related("user") if m.user.is_active]
