"""Object permissions (django-guardian): audited grants and revocations.

Roles are Django groups with model permissions (``setup_roles``); individual cases and files are shared with
individual people through guardian object permissions — an expert gets ``view_…`` on what they are assigned.
Grant and revoke only through :func:`grant` and :func:`revoke`, so that every change is in the audit trail
(R-43).
"""

from accounts import audit
from accounts.constants import AuditAction

# Who may see what lives in accounts.visibility; these names stay importable from here for callers.
from accounts.visibility import can, visible_to, with_object_perm

__all__ = ["can", "grant", "revoke", "visible_to", "with_object_perm"]


def grant(user, perm: str, obj, *, by=None, request=None) -> None:
    """Give ``user`` the object permission ``perm`` ("app_label.codename") on ``obj``; audited."""
    from guardian.shortcuts import assign_perm

    assign_perm(perm, user, obj)
    _forget_cached_perms(user)
    audit.record(
        request or by,
        AuditAction.PERMISSION_GRANTED,
        obj=obj,
        permission=perm,
        grantee=user.get_username(),
        grantee_id=user.pk,
    )


def revoke(user, perm: str, obj, *, by=None, request=None) -> None:
    """Take the object permission ``perm`` on ``obj`` away from ``user``; audited."""
    from guardian.shortcuts import remove_perm

    remove_perm(perm, user, obj)
    _forget_cached_perms(user)
    audit.record(
        request or by,
        AuditAction.PERMISSION_REVOKED,
        obj=obj,
        permission=perm,
        grantee=user.get_username(),
        grantee_id=user.pk,
    )


def _forget_cached_perms(user) -> None:
    for attr in ("_perm_cache", "_user_perm_cache", "_group_perm_cache", "_guardian_perms_cache"):
        if hasattr(user, attr):
            delattr(user, attr)
