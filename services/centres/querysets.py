from django.db import models


class CentreQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Centres a user may see (R-32): the commission and system administrator all; a bureau officer those
        in their district; an applicant member those their unit builds or partners in; an expert those shared
        with them (guardian ``centres.view_centre``); the auditor and anonymous users none. The one rule:
        accounts.centre_access."""
        from accounts.centre_access import centres_visible_to

        return centres_visible_to(self, user)

    def for_district(self, district):
        return self.filter(district=district)
