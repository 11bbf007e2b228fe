"""The review stage (R-11 … R-14) as the application's actions, forms and console see it.

services.reviews depends on services.applications (a panel reviews an application), so applications does
not import reviews: what it needs from the review stage is named here, and services.reviews provides it
when its app is ready (services.reviews.stage, registered in ReviewsConfig.ready). The dependency points
one way; import-linter checks it (pyproject.toml, `make lint`).
"""

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


class ReviewStage(Protocol):
    def scoring_templates(self):
        """The active scoring template versions, for the commission's choice (a queryset)."""

    def scoring_template(self, choice):
        """The active version chosen (an instance, a pk or None: the newest active one), or None."""

    def template_problem(self, version) -> str | None:
        """Why this version cannot be used for a review (its points do not total 100), or None."""

    def open_panel(self, application, version, user) -> None:
        """Set up the application's panel with this scoring template (R-11)."""

    def submitted_report(self, application):
        """The panel's submitted review report (R-13), or None."""

    def console_context(self, application, user) -> dict:
        """What the commission's case page shows of the review: panel, members, recusals, sheets, report."""

    def add_panel_member(self, application, user, **params):
        """Put an expert on the panel (R-11); refusals as the action raises them."""


_provided: list[ReviewStage] = []


def provide(stage: ReviewStage) -> None:
    _provided[:] = [stage]


def stage() -> ReviewStage:
    if not _provided:
        raise ImproperlyConfigured("专家评审模块（services.reviews）未安装，无法办理评审环节。")
    return _provided[0]
