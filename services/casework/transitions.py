"""The machinery behind every state machine of the portal.

Each service declares one table of edges (`transitions.py` in its app): from which status, by which action,
to which status, taken by which roles, with the public wording the applicant sees. Actions ask the table
before they change anything; a test walks every allowed edge and tries every forbidden one.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from accounts.roles import role_names
from services.casework.refusals import ActionRefused, NotPermitted, WrongState

# An action that the table does not allow now, or not to this user: the one refusal under its older name.
TransitionRefused = ActionRefused


@dataclass(frozen=True)
class Edge:
    source: str
    action: str
    target: str
    roles: frozenset[str]
    public_wording: str = ""


class StateMachine:
    def __init__(
        self, name: str, edges: Iterable[Edge], labels: dict[str, str], action_labels: dict[str, str]
    ):
        self.name = name
        self.edges = tuple(edges)
        self.labels = labels
        self.action_labels = action_labels
        self._by_key = {}
        for edge in self.edges:
            key = (edge.source, edge.action)
            if key in self._by_key:
                raise ValueError(f"{name}: duplicate edge {key}")
            self._by_key[key] = edge

    @property
    def allowed(self) -> dict[str, set[str]]:
        """ALLOWED = {status: {next statuses}}."""
        table: dict[str, set[str]] = {}
        for edge in self.edges:
            table.setdefault(edge.source, set()).add(edge.target)
        return table

    def actions_from(self, status: str) -> list[Edge]:
        return [edge for edge in self.edges if edge.source == status]

    def edge(self, status: str, action: str) -> Edge:
        edge = self._by_key.get((status, action))
        if edge is None:
            label = self.labels.get(status, status)
            raise WrongState(
                f"当前状态为“{label}”，不能执行“{self.action_labels.get(action, action)}”。", state=label
            )
        return edge

    def check(self, status: str, action: str, user) -> Edge:
        """The edge for this action from this status, if this user's roles may take it; else refused."""
        edge = self.edge(status, action)
        if not (role_names(user) & edge.roles):
            raise NotPermitted(f"您没有权限执行“{self.action_labels.get(action, action)}”。")
        return edge

    def available(self, status: str, user) -> list[Edge]:
        roles = role_names(user)
        return [edge for edge in self.actions_from(status) if roles & edge.roles]
