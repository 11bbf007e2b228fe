"""Who sees a centre and its records (R-32): the one rule, decided once (docs/decisions/0070).

Every ``visible_to(user)`` of a centre or of a record about a centre is one call of this module:
``Centre.objects.visible_to`` (services.centres), the construction and acceptance cases, and every
supervision record. The permission matrix (tests/permissions/) checks each of them against the same sets.

| who                         | the centre (its register entry)        | its records                          |
|-----------------------------|----------------------------------------|--------------------------------------|
| commission officer, leader  | every centre                           | every record                         |
| system administrator        | every centre                           | none (separation of duties)          |
| bureau officer              | the centres of their district          | the records of their district        |
| applicant member            | their unit's centre and its partners'  | their unit's centre's (lead builder) |
| expert                      | centres shared with them (guardian)    | records they are assigned to         |
| auditor, CMS editor, public | none                                   | none                                 |

Records a kind keeps from some of these (a planned unannounced inspection, R-33) narrow this further in
their own queryset, never widen it.
"""

from django.db.models import QuerySet

from accounts.constants import Role
from accounts.permissions import visible_to

SEES_EVERY_RECORD = (Role.COMMISSION_OFFICER, Role.COMMISSION_LEADER)
SEES_EVERY_CENTRE = (*SEES_EVERY_RECORD, Role.SYSADMIN)
CENTRE_VIEW_PERMISSION = "centres.view_centre"


def centres_visible_to(queryset: QuerySet, user) -> QuerySet:
    """The centres (rows of services.centres' Centre) this user may see."""
    return visible_to(
        queryset,
        user,
        sees_all=SEES_EVERY_CENTRE,
        district_field="district_id",
        organisation_fields=("organisation_id", "partners"),
        object_perm=CENTRE_VIEW_PERMISSION,
    )


def centre_records_visible_to(
    queryset: QuerySet,
    user,
    *,
    centre: str = "centre",
    object_perm: str | None = None,
    assigned_field: str | None = None,
) -> QuerySet:
    """The records about a centre this user may see; ``centre`` is the path from a record to its centre
    ("" when the rows are centres themselves, seen as the subject of casework)."""
    prefix = f"{centre}__" if centre else ""
    return visible_to(
        queryset,
        user,
        sees_all=SEES_EVERY_RECORD,
        district_field=f"{prefix}district_id",
        organisation_fields=(f"{prefix}organisation_id",),
        object_perm=object_perm,
        assigned_field=assigned_field,
    )
