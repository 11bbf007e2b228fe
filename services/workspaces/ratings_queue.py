"""The 差评 follow-up queue of the workspaces (委工作台): registered into services.workspaces.queues when the
workspaces app is ready (RATINGS_FOLLOW_UP), so the workspace shows it with its deadlines, days left and overdue rows.

A 差评 waiting for its 回访 is due 1 working day after it came in; once visited, the 整改 feedback is due 15
working days after it came in (rules.visit_due, rules.rectify_due). Where the holiday arrangement of the
year is not yet entered, the row has no deadline and says why."""

from django.urls import reverse

from services.ratings import rules
from services.ratings.actions import OPEN_STATUSES
from services.ratings.constants import FollowUpStatus
from services.ratings.workdays import CalendarNotAvailable, project_table

KEY = "ratings"
LABEL = "待跟进的差评"
DESCRIPTION = "1个工作日内回访，15个工作日内完成整改并反馈申请人（好差评）"
STAGES = tuple((value, label) for value, label in FollowUpStatus.choices if value in OPEN_STATUSES)
# Ratings are handled by the commission only (querysets.BadRatingCaseQuerySet.visible_to): the bureau's
# tenant view does not show this queue.
SCOPES = ("commission",)


def deadline_of(status: str, opened_on, table=None):
    """The deadline that runs at this step, and its label: 回访 first, then the 整改 feedback."""
    if status == FollowUpStatus.AWAITING_VISIT:
        return rules.visit_due(opened_on, table), "回访期限"
    return rules.rectify_due(opened_on, table), "整改反馈期限"


def follow_ups(user, today):
    """The open 差评 the user may see (the commission: all of them), each with the deadline of its step."""
    from services.ratings.models import BadRatingCase
    from services.workspaces.queues import Item

    cases = (
        BadRatingCase.objects.visible_to(user)
        .filter(status__in=OPEN_STATUSES)
        .select_related("rating__invitation__organisation__district")
    )
    table = project_table()  # the project's holiday years, read once for every row
    for case in cases:
        invitation = case.rating.invitation
        organisation = invitation.organisation
        status_label = case.get_status_display()
        try:
            deadline, label = deadline_of(case.status, case.opened_on, table)
        except CalendarNotAvailable as error:
            deadline, label, status_label = None, "", f"{status_label}（{error}）"
        yield Item(
            title=str(invitation),
            reference=organisation.name,
            district_id=organisation.district_id,
            district_name=organisation.district.name,
            status_label=status_label,
            url=reverse("ratings:case", args=[case.pk]),
            deadline=deadline,
            deadline_label=label,
            stage=case.status,
        )


def register() -> None:
    from services.workspaces.queues import Queue, register

    register(Queue(KEY, LABEL, DESCRIPTION, follow_ups, stages=STAGES, scopes=SCOPES))
