"""A file may be downloaded by whoever may see its owner: the owner model's visible_to(user) decides.

Except files held before their case exists (docs/decisions/0112): a service that keeps the files of an
unsubmitted form on another owner (the acceptance form's, on the centre) registers their purpose prefix
with `hold_until_submitted`, and only the people who may edit that form may download them; the owner's
visible_to does not apply, because a draft the applicant has not submitted is not yet the government's to
see (R-32). Once submitted, the files move to the case and follow the case's rule.
"""

from collections.abc import Callable

_HELD: dict[str, Callable] = {}  # purpose prefix → may_edit(user, owner) -> bool


def hold_until_submitted(prefix: str, may_edit: Callable) -> None:
    """Files whose purpose starts with `prefix` are seen only by those `may_edit(user, owner)` admits."""
    _HELD[prefix] = may_edit


def held_rule(purpose: str) -> Callable | None:
    return next((rule for prefix, rule in _HELD.items() if purpose.startswith(prefix)), None)


def can_download(user, case_file) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    model = case_file.content_type.model_class()
    manager = getattr(model, "objects", None)
    if manager is None or not hasattr(manager, "visible_to"):
        return False
    rule = held_rule(case_file.purpose)
    if rule is not None:
        owner = manager.filter(pk=case_file.object_id).first()
        return owner is not None and bool(rule(user, owner))
    return manager.visible_to(user).filter(pk=case_file.object_id).exists()
