"""Who may see acceptance cases: the commission all; the bureau of the centre's district (read-only); the
centre's unit members; experts of the assessment group (guardian object permission, given on appointment);
nobody else."""

from django.db import models
from django.db.models import Q

from accounts.roles import is_commission
from services.construction.querysets import NOTHING, centre_q

VIEW_PERMISSION = "acceptance.view_acceptanceapplication"


def application_q(user, prefix: str = "") -> Q:
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    if is_commission(user):
        return Q()  # (Q() | x would drop the empty Q and narrow to x)
    condition = centre_q(user, prefix=f"{prefix}centre__")
    from guardian.shortcuts import get_objects_for_user

    from services.acceptance.models import AcceptanceApplication

    assigned = get_objects_for_user(
        user, VIEW_PERMISSION, klass=AcceptanceApplication, accept_global_perms=False, with_superuser=False
    )
    return condition | Q(**{f"{prefix}pk__in": assigned.values("pk")})


class AcceptanceApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(application_q(user))

    def for_district(self, district):
        return self.filter(centre__district=district)


class AcceptancePartQuerySet(models.QuerySet):
    """Records that belong to an acceptance application: visible with it."""

    def visible_to(self, user):
        return self.filter(application_q(user, prefix="application__"))
