"""What the service hall and the commission console share: the case's timeline and documents."""

from services.applications.actions import missing_items
from services.applications.constants import Section
from services.applications.documents import KINDS, application_context, available
from services.casework.wording import events_with_lines, lines_for


def timeline(application) -> list[dict]:
    """R-40: every step with date, actor role, public wording and the step in words, for the applicant."""
    return [
        {
            "at": line.at,
            "role": line.role or line.actor,
            "wording": line.public_wording,
            "status": event.to_status,
            "action": line.action,
            "text": line.text,
        }
        for event, line in events_with_lines(application)
    ]


def case_context(application) -> dict:
    return {
        **application_context(application),
        "timeline": timeline(application),
        "events": lines_for(application),
        "corrections": list(application.corrections.all()),
        "missing": missing_items(application),
        "documents": available(application),
        "document_links": [(kind, KINDS[kind]) for kind in available(application)],
        "sections": Section.choices,
    }
