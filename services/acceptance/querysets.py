"""Who may see acceptance cases: the commission all; the bureau of the centre's district (read-only); the
centre's unit members; experts of the assessment group (guardian object permission, given on appointment);
nobody else."""

from django.db import models

from services.construction.querysets import centre_case_visible_to

VIEW_PERMISSION = "acceptance.view_acceptanceapplication"


class AcceptanceApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return centre_case_visible_to(self, user, object_perm=VIEW_PERMISSION)

    def for_district(self, district):
        return self.filter(centre__district=district)


class AcceptancePartQuerySet(models.QuerySet):
    """Records that belong to an acceptance application: visible with it."""

    def visible_to(self, user):
        applications = self.model._meta.get_field("application").related_model.objects
        return self.filter(application__in=applications.visible_to(user).values("pk"))
