"""Who may see what: the building block of every ``visible_to(user)`` and the per-object check ``can``.

Pure queries over roles, districts, units and django-guardian object permissions. Nothing here writes: the
audited grants and revocations are in :mod:`accounts.permissions`, which imports this module, never the
other way round (models → querysets → visibility stays free of the audit trail).
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from accounts.constants import Role
from accounts.roles import bureau_district_id, has_role, organisation_id


def with_object_perm(user, perm: str, queryset: QuerySet) -> QuerySet:
    """The objects of ``queryset`` on which ``user`` holds ``perm`` as an object permission (guardian)."""
    from guardian.shortcuts import get_objects_for_user

    return get_objects_for_user(
        user, perm, klass=queryset, accept_global_perms=False, with_superuser=False, use_groups=True
    )


def visible_to(
    queryset: QuerySet,
    user,
    *,
    sees_all: Iterable[str] = (Role.COMMISSION_OFFICER, Role.COMMISSION_LEADER, Role.SYSADMIN),
    district_field: str | None = None,
    organisation_fields: Iterable[str] = (),
    object_perm: str | None = None,
    assigned_field: str | None = None,
) -> QuerySet:
    """Filter ``queryset`` to what ``user`` may see; each app's ``visible_to`` is one call of this.

    - anonymous: nothing (the public sees published content through CMS pages, not these querysets);
    - a role in ``sees_all`` (the commission and the system administrator by default): everything;
    - a bureau officer: rows whose ``district_field`` is their bureau's district (their tenant, R-32);
    - an applicant member: rows whose ``organisation_fields`` point at their unit;
    - anyone: rows on which they hold ``object_perm`` as a guardian object permission (assigned experts),
      and rows whose ``assigned_field`` (a many-to-many of users) names them.
    Everyone else (the auditor, CMS editors) sees nothing.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if has_role(user, *sees_all):
        return queryset
    condition = Q(pk__in=[])
    district_id = bureau_district_id(user)
    if district_field and district_id is not None:
        condition |= Q(**{district_field: district_id})
    unit_id = organisation_id(user)
    if unit_id is not None and has_role(user, Role.APPLICANT):
        for field in organisation_fields:
            condition |= Q(**{field: unit_id})
    if object_perm:
        condition |= Q(pk__in=with_object_perm(user, object_perm, queryset.model.objects.all()).values("pk"))
    if assigned_field:
        condition |= Q(**{assigned_field: user.pk})
    return queryset.filter(condition).distinct()


def can(user, perm: str, obj) -> bool:
    """May ``user`` do ``perm`` ("app_label.codename") to ``obj``?

    Yes with the model permission (their role's kind of action) on a row their ``visible_to`` includes,
    or with the object permission on that very row (guardian).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    manager = type(obj)._default_manager
    if user.has_perm(perm) and hasattr(manager, "visible_to"):
        if manager.visible_to(user).filter(pk=obj.pk).exists():
            return True
    from guardian.core import ObjectPermissionChecker

    return ObjectPermissionChecker(user).has_perm(perm.split(".", 1)[1], obj)
