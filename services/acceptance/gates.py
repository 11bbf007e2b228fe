"""Who may take each acceptance action at all (pages and API ask before the action runs): a refusal for
want of a role or of membership is a 403; the action's own rule refusals stay 400. See
services.casework.gates."""

from django.core.exceptions import PermissionDenied

from services.acceptance import actions
from services.acceptance.transitions import ACCEPTANCE_MACHINE
from services.casework import gates
from services.casework.transitions import TransitionRefused

# the page's and the API's action names → the transition-table actions they take
TABLE_ACTIONS = {
    "appoint": ("appoint_group",),
    "conclude": ("conclude_pass", "conclude_below"),
    "reassess": ("start_reassessment",),
    "notice": ("issue_notice",),
    "cancel": ("cancel_construction",),
    "establish": ("establish",),
}
ALIASES = {"stages": "stage", "rectification": "rectify"}


def require_allowed(user, application, name: str) -> None:
    name = ALIASES.get(name, name)
    if name in ("stage", "scores"):
        try:
            actions.require_assessor(user, application)  # the commission or the group's leader
        except TransitionRefused as exc:
            raise PermissionDenied(str(exc)) from exc
    elif name == "rectify":
        gates.require_unit_member(user, application.centre, "报告整改结果")
    elif name in TABLE_ACTIONS:
        table_actions = TABLE_ACTIONS[name]
        gates.require_roles(
            user,
            gates.edge_roles(ACCEPTANCE_MACHINE, *table_actions),
            ACCEPTANCE_MACHINE.action_labels[table_actions[0]],
        )
