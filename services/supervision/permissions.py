"""Who may do what in supervision (R-32 … R-35). Views, the API and actions all ask these questions."""

from accounts.constants import Role
from accounts.roles import bureau_district_id, has_role, is_commission, organisation_id


def is_leader(user) -> bool:
    return has_role(user, Role.COMMISSION_LEADER)


def supervises(user, centre) -> bool:
    """R-32: the commission supervises every centre, a bureau only the centres of its own district."""
    if is_commission(user):
        return True
    district = bureau_district_id(user)
    return district is not None and district == centre.district_id


def is_bureau_of(user, centre) -> bool:
    district = bureau_district_id(user)
    return district is not None and district == centre.district_id


def is_centre_member(user, centre) -> bool:
    """A member of the unit that runs the centre, acting as applicant (R-30, R-31)."""
    return has_role(user, Role.APPLICANT) and organisation_id(user) == centre.organisation_id


def is_assigned_expert(user, obj) -> bool:
    return has_role(user, Role.EXPERT) and obj.experts.filter(pk=user.pk).exists()


def may_follow_up(user, rectification) -> bool:
    """The issuer's side records checks: the commission for its own (R-33, R-34), else the district bureau."""
    if rectification.by_commission:
        return is_commission(user)
    return supervises(user, rectification.centre)
