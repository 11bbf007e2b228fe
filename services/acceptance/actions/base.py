"""What acceptance actions share: the three materials, moving the centre along its machine, telling the
unit and the commission, the assessor check, the current round, the rectification due date."""

from accounts.constants import Role
from accounts.roles import has_role, is_commission
from services.acceptance.constants import ROUND_OF_STATUS, AcceptanceStatus
from services.casework.events import record_transition
from services.casework.refusals import NotPermitted, WrongState
from services.centres.transitions import CENTRE_MACHINE
from services.construction.recipients import commission_staff, unit_members
from services.notifications.service import notify

MATERIALS = {
    "written_application": "书面验收申请",
    "summary_report": "筹建工作总结报告",
    "follow_up_plan": "后续建设规划",
}


def move_centre(centre, action: str, actor, reason: str = ""):
    """The centre's coarse status follows the acceptance case (the acceptance table checked the role)."""
    edge = CENTRE_MACHINE.edge(centre.status, action)
    return record_transition(centre, edge, actor, reason)


def tell_unit(application, kind: str, key: str, **context):
    notify(
        kind=kind,
        recipients=unit_members(application.centre),
        event_key=f"{kind}-{application.pk}-{key}",
        context={"application": application, "centre": application.centre, **context},
        target=application,
        link=f"/service-hall/construction/{application.centre_id}/",
    )


def tell_commission(application, kind: str, key: str, **context):
    notify(
        kind=kind,
        recipients=commission_staff(),
        event_key=f"{kind}-{application.pk}-{key}",
        context={"application": application, "centre": application.centre, **context},
        target=application,
        link=f"/acceptance/{application.pk}/",
    )


def require_assessor(user, application) -> None:
    """Stages and scores are recorded by the commission or the group's leader (组长负责制)."""
    if is_commission(user):
        return
    if application.members.filter(expert=user, is_leader=True).exists() and has_role(user, Role.EXPERT):
        return
    raise NotPermitted("只有市市场监管委或考核组组长可以记录考核情况。")


def current_round(application) -> int:
    round_number = ROUND_OF_STATUS.get(application.status)
    if round_number is None:
        raise WrongState(
            f"当前状态为“{application.get_status_display()}”，不在现场考核中。",
            state=application.get_status_display(),
        )
    return round_number


def rectification_due(application):
    """The current rectification deadline: the notice's (R-26) or the 3-month one (R-25)."""
    if application.status == AcceptanceStatus.NOTICE_ISSUED:
        return application.rectification_notice.deadline
    return application.rectification_deadline
