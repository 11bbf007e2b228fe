"""Who may see which application. Every list, detail, file and document starts here."""

from django.db import models

from accounts import roles
from accounts.constants import Role


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Applicant members: their unit's; commission: all; bureau: its district's (read-only);
        experts: the cases they are assigned to (guardian object permission, R-12); others: none."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if roles.is_commission(user) or roles.has_role(user, Role.SYSADMIN):
            return self
        query = models.Q(pk__in=[])
        org_id = roles.organisation_id(user)
        if org_id is not None and roles.has_role(user, Role.APPLICANT):
            query |= models.Q(organisation_id=org_id)
        district_id = roles.bureau_district_id(user)
        if district_id is not None:
            query |= models.Q(district_id=district_id)
        if roles.has_role(user, Role.EXPERT):
            query |= models.Q(pk__in=assigned_application_ids(user))
        return self.filter(query)

    def open(self):
        from services.applications.constants import OPEN_STATUSES

        return self.filter(status__in=OPEN_STATUSES)


def assigned_application_ids(user):
    """Ids of the applications an expert holds the object permission for (granted on assignment)."""
    from guardian.shortcuts import get_objects_for_user

    from services.applications.models import Application

    return get_objects_for_user(
        user,
        "applications.view_application",
        klass=Application.objects.all(),
        accept_global_perms=False,
        with_superuser=False,
    ).values("pk")
