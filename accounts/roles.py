"""Who a user is, in the portal's terms. Every queryset's visible_to(user) asks these questions."""

from accounts.constants import ROLES_REQUIRING_OTP, Role


def role_names(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached.add(Role.SYSADMIN)
        user._portal_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(role_names(user) & {str(r) for r in roles})


def is_commission(user) -> bool:
    return has_role(user, Role.COMMISSION_OFFICER, Role.COMMISSION_LEADER)


def bureau_district_id(user) -> int | None:
    """The district a bureau officer serves (their tenant), or None."""
    if has_role(user, Role.BUREAU_OFFICER):
        return user.bureau_id
    return None


def organisation_id(user) -> int | None:
    membership = getattr(user, "membership", None) if getattr(user, "is_authenticated", False) else None
    return membership.organisation_id if membership else None


def requires_otp(user) -> bool:
    """R-43: staff of the commission and bureaus and all experts need a second factor."""
    return bool(role_names(user) & {str(r) for r in ROLES_REQUIRING_OTP}) or bool(
        getattr(user, "is_staff", False)
    )
