"""The experts the commission's case page offers for an application's panel (R-11), with their workload.

The workload counts panels and acceptance groups, so the candidates come from services.workspaces, which
reads every service and sits above applications: it provides them when its app is ready
(services.workspaces.apps), and applications imports nothing above it.
"""

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


class Candidates(Protocol):
    INACTIVE_REASON: str  # why an expert out of the pool cannot be chosen

    def panel_candidates(self, application) -> list:
        """The experts of the application's key fields not on its panel, each with why it cannot serve."""

    def empty_reason(self, application) -> str:
        """Why no expert is offered."""


_provided: list[Candidates] = []


def provide(candidates: Candidates) -> None:
    _provided[:] = [candidates]


def candidates() -> Candidates:
    if not _provided:
        raise ImproperlyConfigured("工作台模块（services.workspaces）未安装，无法列出候选专家。")
    return _provided[0]
