"""Who sees which rating (issue 12, item 8): the commission all of them; an applicant its unit's; nobody
else. Every list and detail starts here."""

from django.db import models

from accounts.constants import Role
from accounts.roles import has_role, is_commission, organisation_id


def _unit_of(user) -> int | None:
    if not getattr(user, "is_authenticated", False) or not has_role(user, Role.APPLICANT):
        return None
    return organisation_id(user)


def _scoped(queryset, user, unit_field: str):
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if is_commission(user):
        return queryset
    unit = _unit_of(user)
    return queryset.filter(**{unit_field: unit}) if unit is not None else queryset.none()


def invitations_visible_to(self, user):
    return _scoped(self, user, "organisation_id")


def ratings_visible_to(self, user):
    return _scoped(self, user, "invitation__organisation_id")


class BadRatingCaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        return _scoped(self, user, "rating__invitation__organisation_id")
