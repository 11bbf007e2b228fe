"""Writing the event record of a state change (R-40). Called by actions inside their transaction."""

from django.contrib.contenttypes.models import ContentType

from accounts.roles import role_names
from services.casework.models import CaseEvent
from services.casework.transitions import Edge


def _write(obj, action: str, from_status: str, to_status: str, actor, actor_role: str, reason: str,
           public_wording: str) -> CaseEvent:  # fmt: skip
    return CaseEvent.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_role=actor_role,
        reason=reason,
        public_wording=public_wording,
    )


def record_transition(obj, edge: Edge, actor, reason: str = "", status_field: str = "status") -> CaseEvent:
    """Move obj along edge, save it, and write the event. The caller holds the transaction."""
    from_status = getattr(obj, status_field)
    setattr(obj, status_field, edge.target)
    obj.save()
    roles = sorted(role_names(actor) & edge.roles) if actor is not None else []
    role = roles[0] if roles else ("system" if actor is None else "")
    return _write(obj, edge.action, from_status, edge.target, actor, role, reason, edge.public_wording)


def record_opening(obj, action: str, actor, actor_role: str, public_wording: str, reason: str = "",
                   status_field: str = "status") -> CaseEvent:  # fmt: skip
    """The first event of a new case (it has no state before): who opened it, and its first status."""
    return _write(obj, action, "", getattr(obj, status_field), actor, actor_role, reason, public_wording)
