"""Who is told about what (R-41): the people behind each party of an application."""

from accounts.constants import Role
from accounts.models import User


def commission_staff():
    return User.objects.filter(
        is_active=True, groups__name__in=[Role.COMMISSION_OFFICER, Role.COMMISSION_LEADER]
    ).distinct()


def commission_leaders():
    return User.objects.filter(is_active=True, groups__name=Role.COMMISSION_LEADER).distinct()


def applicant_members(application):
    return User.objects.filter(is_active=True, membership__organisation_id=application.organisation_id)


def district_bureau(application):
    return User.objects.filter(
        is_active=True, groups__name=Role.BUREAU_OFFICER, bureau_id=application.district_id
    )
