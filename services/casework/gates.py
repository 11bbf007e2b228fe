"""Who may take an action at all, asked by pages and API endpoints before they run the action.

A refusal for want of a role, or of membership of the centre's unit, is a 403 (PermissionDenied, which
Django and DRF both answer with 403); a refusal by a rule of the measures (a date, a status, missing input)
stays the action's own TransitionRefused and a 400. The roles come from the transition tables, so the gate
and the action agree.
"""

from django.core.exceptions import PermissionDenied

from accounts.roles import organisation_id, role_names


def edge_roles(machine, *actions: str) -> frozenset[str]:
    """Every role that may take one of these actions from some status of the machine."""
    roles: set[str] = set()
    for edge in machine.edges:
        if edge.action in actions:
            roles |= set(edge.roles)
    return frozenset(roles)


def require_roles(user, roles, what: str) -> None:
    if not (role_names(user) & {str(r) for r in roles}):
        raise PermissionDenied(f"您没有权限{what}。")


def is_unit_member(user, centre) -> bool:
    """The user belongs to the centre's own unit (the 建设单位)."""
    return organisation_id(user) == centre.organisation_id


def require_unit_member(user, centre, what: str) -> None:
    if not is_unit_member(user, centre):
        raise PermissionDenied(f"只有该中心建设单位的用户可以{what}。")
