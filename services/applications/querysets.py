"""Who may see which application. Every list, detail, file and document starts here."""

from django.apps import apps
from django.db import models

from accounts.permissions import visible_to, with_object_perm

VIEW_PERMISSION = "applications.view_application"


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Applicant members: their unit's; commission (and sysadmin): all; bureau: its district's (read-only,
        R-32); experts: the cases they are assigned to (guardian object permission, R-12); others: none."""
        return visible_to(
            self,
            user,
            district_field="district_id",
            organisation_fields=("organisation_id",),
            object_perm=VIEW_PERMISSION,
        )

    def open(self):
        from services.applications.constants import OPEN_STATUSES

        return self.filter(status__in=OPEN_STATUSES)


def assigned_application_ids(user):
    """Ids of the applications an expert holds the object permission for (granted on assignment)."""
    application_model = apps.get_model("applications", "Application")  # the models import this module
    return with_object_perm(user, VIEW_PERMISSION, application_model.objects.all()).values("pk")
