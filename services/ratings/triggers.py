"""When a case reaches an end, its applicant unit is invited to rate it, once (issue 12, item 8).

The ends, by model: an application approved, rejected or withdrawn; an acceptance case established or
cancelled; an extension request decided; a supervision rectification accepted as completed; a report
(major situation, annual, major change) received, which ends that service. Watched with post_save, so the
services' actions stay as they are; the invitation is unique per case and its notification has one event
key, so a second save, a retry or a rerun writes nothing new.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save

from services.notifications.service import notify
from services.reference.applicant_services import Service


@dataclass(frozen=True)
class End:
    model: str
    service: Service
    statuses: frozenset[str] | None  # None: the case ends when it is created (a report received)
    unit: str  # attribute path to the applicant unit's id

    def ended(self, instance, created: bool) -> bool:
        if self.statuses is None:
            return created
        return instance.status in self.statuses


ENDS = (
    End(
        "applications.Application",
        Service.CONSTRUCTION,
        frozenset({"approved", "rejected", "withdrawn"}),
        "organisation_id",
    ),
    End(
        "acceptance.AcceptanceApplication",
        Service.ACCEPTANCE,
        frozenset({"established", "cancelled"}),
        "centre.organisation_id",
    ),
    End(
        "construction.ExtensionRequest",
        Service.EXTENSION,
        frozenset({"approved", "refused"}),
        "centre.organisation_id",
    ),
    End(
        "supervision.Rectification", Service.RECTIFICATION, frozenset({"completed"}), "centre.organisation_id"
    ),
    End("construction.MajorSituationReport", Service.MAJOR_SITUATION, None, "centre.organisation_id"),
    End("supervision.AnnualReport", Service.ANNUAL_REPORT, None, "centre.organisation_id"),
    End("supervision.ChangeReport", Service.CHANGE_REPORT, None, "centre.organisation_id"),
)


def _attr(obj, path: str):
    for name in path.split("."):
        obj = getattr(obj, name)
    return obj


def case_label(instance) -> str:
    return getattr(instance, "case_number", "") or str(instance)


def invite(instance, end: End):
    """Write the invitation and its notification, unless the case already has one."""
    from services.ratings.actions import unit_members
    from services.ratings.models import RatingInvitation

    content_type = ContentType.objects.get_for_model(instance)
    if RatingInvitation.objects.filter(content_type=content_type, object_id=instance.pk).exists():
        return None
    status = instance.get_status_display() if end.statuses is not None else "已接收"
    invitation = RatingInvitation.objects.create(
        content_type=content_type,
        object_id=instance.pk,
        service=end.service,
        case_label=case_label(instance)[:200],
        organisation_id=_attr(instance, end.unit),
        ended_status=status,
    )
    notify(
        kind="rating.invitation",
        recipients=unit_members(invitation.organisation_id),
        event_key=f"rating:invitation:{invitation.pk}",
        context={"case": str(invitation), "status": status},
        target=invitation,
        link=invitation.get_absolute_url(),
    )
    return invitation


def connect():
    for end in ENDS:
        model = apps.get_model(end.model)

        def handler(sender, instance, created, raw=False, _end=end, **kwargs):
            if not raw and _end.ended(instance, created):
                invite(instance, _end)

        post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"ratings-invite-{end.model}")
