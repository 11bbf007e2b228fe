"""What each supervision action leaves beside the record it creates: the person who acted, the notification
of its event (R-41, keyed by the action's event key) and, for a revocation, the case event (R-40). A record
written straight into its table has none of these, so `without_their_action()` names it.

Used by the demo tests (tests/portal/test_demo_story.py, tests/services/supervision/test_reminders_demo.py).
"""

from services.casework.models import CaseEvent
from services.notifications.models import Notification
from services.supervision.models import (
    AnnualReport,
    ChangeReport,
    FollowUp,
    Inspection,
    Rectification,
    Reexamination,
    Revocation,
)

# model -> (the field naming who acted, the event key its action notifies under)
TRAIL = {
    AnnualReport: ("submitted_by", "supervision:annual-report:{pk}:submitted"),
    ChangeReport: ("submitted_by", "supervision:change-report:{pk}"),
    # a daily inspection is notified as recorded, an unannounced one as assigned to its experts
    Inspection: ("recorded_by", "supervision:inspection:{pk}:(recorded|assigned)"),
    Rectification: ("issued_by", "supervision:rectification:{pk}:requested"),
    FollowUp: ("recorded_by", "supervision:follow-up:{pk}"),
    Reexamination: ("scheduled_by", "supervision:reexamination:{pk}:scheduled"),
    Revocation: ("decided_by", "supervision:centre:{centre_id}:revoked"),
}


def counts() -> dict:
    return {model: model.objects.count() for model in TRAIL}


def without_their_action() -> list[str]:
    """Every supervision record that lacks its action's actor, notification or (a revocation) case event."""
    missing = []
    for model, (actor_field, key) in TRAIL.items():
        for record in model.objects.all():
            what = []
            if getattr(record, f"{actor_field}_id") is None:
                what.append(actor_field)
            pattern = "^" + key.format(pk=record.pk, centre_id=getattr(record, "centre_id", "")) + ":"
            if not Notification.objects.filter(idempotency_key__regex=pattern).exists():
                what.append("notification")
            if model is Revocation and not (
                record.event_id and CaseEvent.objects.filter(pk=record.event_id, action="revoke").exists()
            ):
                what.append("case event")
            if what:
                missing.append(f"{model._meta.verbose_name} {record.pk}（{record}）: {', '.join(what)}")
    return missing
