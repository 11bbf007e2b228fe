"""Who may see score sheets and review reports (R-12, R-13)."""

from django.db import models

from accounts import roles
from accounts.constants import Role


def _is_staff_reader(user) -> bool:
    return roles.is_commission(user) or roles.has_role(user, Role.SYSADMIN)


class ScoreSheetQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Commission: all. An expert: their own sheets, and the other sheets of a panel only once their
        own sheet there is submitted (R-12). Nobody else (applicants and bureaus see the report's result)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if _is_staff_reader(user):
            return self
        if not roles.has_role(user, Role.EXPERT):
            return self.none()
        from services.reviews.constants import SheetStatus

        submitted_panels = self.model.objects.filter(expert=user, status=SheetStatus.SUBMITTED).values(
            "panel_id"
        )
        return self.filter(models.Q(expert=user) | models.Q(panel_id__in=submitted_panels))


class ReviewReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Commission: all; the members of the panel: theirs. The applicant sees the decision, not the report."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if _is_staff_reader(user):
            return self
        if not roles.has_role(user, Role.EXPERT):
            return self.none()
        return self.filter(panel__members__expert=user).distinct()


class PanelQuerySet(models.QuerySet):
    def visible_to(self, user):
        from services.applications.models import Application

        return self.filter(application__in=Application.objects.visible_to(user).values("pk"))
