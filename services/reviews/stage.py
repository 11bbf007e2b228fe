"""The review stage that services.applications asks for (services.applications.review_stage)."""

from django.core.exceptions import ValidationError

from services.reviews.actions import AddPanelMember, eligible_experts
from services.reviews.constants import ReportStatus
from services.reviews.models import Panel, ReviewReport, ScoreSheet, ScoringTemplateVersion


def scoring_templates():
    return ScoringTemplateVersion.objects.filter(is_active=True).select_related("template")


def scoring_template(choice):
    if isinstance(choice, int | str) and choice:
        choice = ScoringTemplateVersion.objects.filter(pk=choice, is_active=True).first()
    if choice is None:
        choice = ScoringTemplateVersion.objects.filter(is_active=True).order_by("-created_at").first()
    return choice


def template_problem(version) -> str | None:
    try:
        version.check_total()
    except ValidationError as exc:
        return exc.messages[0]
    return None


def open_panel(application, version, user) -> None:
    Panel.objects.get_or_create(
        application=application, defaults={"template_version": version, "created_by": user}
    )


def submitted_report(application):
    return ReviewReport.objects.filter(panel__application=application, status=ReportStatus.SUBMITTED).first()


def console_context(application, user) -> dict:
    panel = Panel.objects.filter(application=application).first()
    return {
        "panel": panel,
        "members": list(panel.members.select_related("expert__expert")) if panel else [],
        "recusals": list(application.recusals.select_related("expert")),
        "sheets": list(ScoreSheet.objects.visible_to(user).filter(panel=panel)) if panel else [],
        "report": ReviewReport.objects.filter(panel=panel).first() if panel else None,
        "experts": eligible_experts(application) if panel else [],
    }


def add_panel_member(application, user, **params):
    return AddPanelMember(application, **params).execute(user)
