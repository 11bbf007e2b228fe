"""Who may see construction cases (R-20, R-22, R-23).

The rule for the case records: the commission sees all; the bureau of the centre's district sees its
district's cases read-only; members of the centre's unit see their own; nobody else (the system
administrator included: case content is not theirs to read). The centre itself is seen by
`Centre.objects.visible_to` (R-32). Both are the one rule of accounts.centre_access.
"""

from django.db import models

from accounts.centre_access import centre_records_visible_to


def centres_visible_to(user):
    from services.centres.models import Centre

    return Centre.objects.visible_to(user).select_related("district", "organisation")


def sees_centre_records(user, centre) -> bool:
    """Does the user see the centre's records (the centre as the subject of casework), not only its register
    entry? Not the system administrator, a partner unit or an expert the centre is shared with (0070)."""
    from services.centres.models import Centre

    return centre_case_visible_to(Centre.objects.filter(pk=centre.pk), user, prefix="").exists()


def centre_case_visible_to(queryset, user, prefix: str = "centre__", object_perm: str | None = None):
    return centre_records_visible_to(
        queryset, user, centre=prefix.removesuffix("__"), object_perm=object_perm
    )


class CentreCaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        return centre_case_visible_to(self, user)

    def for_district(self, district):
        return self.filter(centre__district=district)
