from django.db import models


class CentreQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Centres a user may see (R-32): the commission and system administrator all; a bureau officer those
        in their district; an applicant member those their unit builds or partners in; an expert those shared
        with them (guardian ``centres.view_centre``); the auditor and anonymous users none."""
        from accounts.permissions import visible_to

        return visible_to(
            self,
            user,
            district_field="district_id",
            organisation_fields=("organisation_id", "partners"),
            object_perm="centres.view_centre",
        )

    def for_district(self, district):
        return self.filter(district=district)
