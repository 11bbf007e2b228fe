"""What the service hall and the commission console share: the case's timeline and documents."""

from services.applications.actions import missing_items
from services.applications.constants import Section
from services.applications.documents import application_context, available
from services.casework.models import CaseEvent


def timeline(application) -> list[dict]:
    """R-40: every step with date, actor role and public wording, for the applicant."""
    from accounts.constants import Role

    labels = dict(Role.choices)
    return [
        {
            "at": event.created_at,
            "role": labels.get(
                event.actor_role, "系统" if event.actor_role == "system" else event.actor_role
            ),
            "wording": event.public_wording,
            "status": event.to_status,
        }
        for event in CaseEvent.for_object(application)
    ]


def case_context(application) -> dict:
    return {
        **application_context(application),
        "timeline": timeline(application),
        "events": list(CaseEvent.for_object(application)),
        "corrections": list(application.corrections.all()),
        "missing": missing_items(application),
        "documents": available(application),
        "sections": Section.choices,
    }
