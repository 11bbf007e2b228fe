"""The service hall's pages that read more than one service: 我的办件 (every case of the unit), the case
page with what is asked of the applicant (which may be on its acceptance case), and the confirmation page
with the guide's time limit (a CMS page). The 申报书's own pages stay in services.applications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from accounts import roles
from accounts.constants import Role
from services.applications import actions, progress
from services.applications.constants import AWAITING_COMMISSION
from services.applications.documents import KINDS
from services.applications.views.common import case_context
from services.applications.views.service_hall import get_own
from services.casework.transitions import TransitionRefused
from services.hall.asked import asked_of_applicant
from services.hall.guide import handling_promise
from services.hall.unit_cases import cases_of_unit


@login_required
def index(request):
    """我的办件: every case of the unit, and the start of a new 筹建申请."""
    if request.method == "POST":
        try:
            application = actions.start_application(request.user)
        except TransitionRefused as exc:
            messages.error(request, str(exc))
            return redirect("service_hall:index")
        messages.success(request, f"已创建筹建申请草稿，办件编号 {application.case_number}。")
        return redirect("service_hall:detail", pk=application.pk)
    membership = getattr(request.user, "membership", None)
    return render(
        request,
        "applications/service_hall/index.html",
        {
            "cases": cases_of_unit(request.user),
            "organisation": membership.organisation if membership else None,
            "may_start": roles.has_role(request.user, Role.APPLICANT) and membership is not None,
        },
    )


@login_required
def detail(request, pk):
    """The case page: what is asked of the applicant first, then the task list, timeline and documents."""
    application = get_own(request, pk)
    editable = actions.is_editable_by(application, request.user)
    problems = progress.missing(application) if editable else []
    return render(
        request,
        "applications/service_hall/detail.html",
        {
            **case_context(application),
            "editable": editable,
            "asked": asked_of_applicant(application),
            "tasks": progress.task_list(application, problems) if editable else [],
            "complete": editable and not problems,
            "document_names": KINDS,
            "may_withdraw": _may(actions.Withdraw(application), request.user),
        },
    )


def _may(action, user) -> bool:
    try:
        action.check(user)
    except TransitionRefused:
        return False
    return True


@login_required
def confirmation(request, pk):
    """提交成功: the 办件编号, what happens next and by when, where to follow the case."""
    application = get_own(request, pk)
    if application.status not in AWAITING_COMMISSION:
        return redirect("service_hall:detail", pk=pk)
    return render(
        request,
        "applications/service_hall/confirmation.html",
        {"application": application, "promise": handling_promise(application)},
    )
