"""One action per supervision use case (R-30 … R-35).

Each action: `check()` asks whether this user may act (ActionRefused, a Chinese message), `validate()` checks
the input (ValidationError keyed by field, Chinese messages), and `execute()` does both, then changes the
data, writes the event record where a status changes (R-40) and notifies (R-41) inside one transaction.
Views, the API and tasks only parse input, call an action and show its result.

The actions live by kind in this package (base, reports, inspections, rectifications, reexaminations,
revocation); every one stays importable from here.
"""

from services.casework.refusals import ActionRefused
from services.supervision.actions.base import NOT_ESTABLISHED, Action
from services.supervision.actions.inspections import (
    PlanUnannouncedInspection,
    RecordInspection,
    RecordUnannouncedFindings,
)
from services.supervision.actions.rectifications import (
    RecordFollowUp,
    RequestRectification,
    issue_rectification,
    propose_revocation,
)
from services.supervision.actions.reexaminations import RecordReexaminationOutcome, ScheduleReexamination
from services.supervision.actions.reports import SubmitAnnualReport, SubmitChangeReport
from services.supervision.actions.revocation import Revoke

# the helpers under the names they had in the single module
_propose_revocation, _issue_rectification = propose_revocation, issue_rectification

__all__ = [
    "NOT_ESTABLISHED",
    "Action",
    "ActionRefused",
    "PlanUnannouncedInspection",
    "RecordFollowUp",
    "RecordInspection",
    "RecordReexaminationOutcome",
    "RecordUnannouncedFindings",
    "RequestRectification",
    "Revoke",
    "ScheduleReexamination",
    "SubmitAnnualReport",
    "SubmitChangeReport",
]
