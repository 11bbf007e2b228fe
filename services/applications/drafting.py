"""The draft stage of an application: what is still missing before it can be submitted (R-02, R-03, R-04),
who may edit it, and starting one. The application's actions (services.applications.actions) use these,
and re-export them under their old names."""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from accounts import roles
from accounts.constants import Role
from services.applications import progress
from services.applications.constants import (
    EDITABLE_STATUSES,
    ApplicationStatus,
    Condition,
)
from services.applications.models import (
    Application,
    ConditionDeclaration,
)
from services.casework.models import CaseEvent
from services.casework.refusals import NotPermitted, WrongState
from services.casework.transitions import TransitionRefused


def missing_items(application) -> list[str]:
    """Everything that stops this application from being submitted (R-02, R-03, R-04)."""
    return [problem.message for problem in progress.missing(application)]


def ensure_applicant_of(application, user) -> None:
    """R-03: only a member of the lead builder acts for the application."""
    if not roles.has_role(user, Role.APPLICANT) or roles.organisation_id(user) != application.organisation_id:
        raise NotPermitted("只有主要建设方（申请单位）的用户可以办理此事项。")


def ensure_editable(application, user) -> None:
    ensure_applicant_of(application, user)
    if application.status not in EDITABLE_STATUSES:
        raise WrongState(
            f"申请当前状态为“{application.status_label}”，不能修改。", state=application.status_label
        )


def start_application(user) -> Application:
    """A unit's new draft. A unit has at most one open application (action check and DB constraint)."""
    if not roles.has_role(user, Role.APPLICANT) or roles.organisation_id(user) is None:
        raise NotPermitted("只有已登记申请单位的用户可以新建筹建申请。")
    organisation = user.membership.organisation
    try:
        with transaction.atomic():
            if Application.objects.filter(organisation=organisation).open().exists():
                raise TransitionRefused("本单位已有一件未办结的筹建申请，不能再新建。")
            application = Application.objects.create(
                organisation=organisation,
                district_id=organisation.district_id,  # the unit's district decides the bureau
                created_by=user,
            )
            ConditionDeclaration.objects.bulk_create(
                ConditionDeclaration(application=application, code=code) for code in Condition.values
            )
            CaseEvent.objects.create(
                content_type=ContentType.objects.get_for_model(application),
                object_id=application.pk,
                action="create",
                from_status="",
                to_status=ApplicationStatus.DRAFT,
                actor=user,
                actor_role=Role.APPLICANT,
                public_wording="申报书草稿已创建",
            )
    except IntegrityError as exc:  # a concurrent request created one first
        raise TransitionRefused("本单位已有一件未办结的筹建申请，不能再新建。") from exc
    return application


def is_editable_by(application, user) -> bool:
    try:
        ensure_editable(application, user)
    except TransitionRefused:
        return False
    return True
