from django.db import models

from accounts.visibility import visible_to


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Applicant units a user may see: the commission all, a bureau those of its district, a member
        their own unit, anyone a unit shared with them by object permission (e.g. an assigned expert)."""
        return visible_to(
            self,
            user,
            district_field="district_id",
            organisation_fields=("pk",),
            object_perm="accounts.view_organisation",
        )

    def for_district(self, district):
        return self.filter(district=district)

    def verified(self):
        return self.filter(verified_at__isnull=False)
