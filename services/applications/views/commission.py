"""The commission console (/commission/applications/): the queue, the case page and the actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.constants import Role
from accounts.models import User
from services.applications import actions, panel_candidates, review_stage, rules
from services.applications.constants import AWAITING_COMMISSION, ApplicationStatus
from services.applications.documents import document_response
from services.applications.forms import ApproveForm, RejectForm, ReturnForm, StartReviewForm
from services.applications.models import Application
from services.applications.views.common import case_context
from services.casework.transitions import TransitionRefused
from services.deadlines.clock import beijing_today
from services.reference.models import District, KeyField


def commission_only(user):
    if not (roles.is_commission(user) or roles.has_role(user, Role.SYSADMIN)):
        raise PermissionDenied("仅市市场监管委人员可以使用办理台。")


def queue_filter(queryset, params, today):
    status = params.get("status")
    if status in ApplicationStatus.values:
        queryset = queryset.filter(status=status)
    if params.get("district"):
        queryset = queryset.filter(district_id=params["district"])
    if params.get("field"):
        queryset = queryset.filter(key_fields__pk=params["field"])
    if params.get("overdue"):
        from datetime import datetime, time, timedelta

        cutoff = today - timedelta(days=rules.HANDLING_DAYS)
        start_of_next = timezone.make_aware(datetime.combine(cutoff, time.min))
        queryset = queryset.filter(status__in=AWAITING_COMMISSION, submitted_at__lt=start_of_next)
    return queryset.distinct()


@login_required
def queue(request):
    commission_only(request.user)
    today = beijing_today()
    base = Application.objects.visible_to(request.user).exclude(status=ApplicationStatus.DRAFT)
    applications = queue_filter(base, request.GET, today).select_related("organisation", "district")
    counts = dict(base.values_list("status").annotate(n=Count("pk")))
    rows = []
    for application in applications:
        submitted_on = application.submitted_at and timezone.localtime(application.submitted_at).date()
        rows.append(
            {
                "application": application,
                "overdue": application.status in AWAITING_COMMISSION
                and rules.is_overdue(submitted_on, today),
            }
        )
    return render(
        request,
        "applications/commission/queue.html",
        {
            "rows": rows,
            "counts": [
                (value, label, counts.get(value, 0))
                for value, label in ApplicationStatus.choices
                if value != ApplicationStatus.DRAFT
            ],
            "statuses": ApplicationStatus.choices,
            "districts": District.objects.all(),
            "fields": KeyField.objects.all(),
            "params": request.GET,
        },
    )


def get_case(request, pk):
    commission_only(request.user)
    return get_object_or_404(Application.objects.visible_to(request.user), pk=pk)


@login_required
def detail(request, pk):
    application = get_case(request, pk)
    offered = panel_candidates.candidates()
    review = review_stage.stage().console_context(application, request.user)
    panel = review.get("panel")
    return render(
        request,
        "applications/commission/detail.html",
        {
            **case_context(application),
            **review,
            "candidates": offered.panel_candidates(application) if panel else [],
            "empty_reason": offered.empty_reason(application) if panel else "",
            "available": [
                e.action for e in actions.APPLICATION_MACHINE.available(application.status, request.user)
            ],
            "return_form": ReturnForm(),
            "review_form": StartReviewForm(),
            "approve_form": ApproveForm(),
            "reject_form": RejectForm(),
        },
    )


FORMS = {
    "return_for_correction": ReturnForm,
    "start_review": StartReviewForm,
    "approve": ApproveForm,
    "reject": RejectForm,
}


@login_required
@require_POST
def act(request, pk, action):
    application = get_case(request, pk)
    if action not in FORMS:
        raise PermissionDenied("没有这一操作。")
    form = FORMS[action](request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("commission_applications:detail", pk=pk)
    try:
        actions.ACTIONS[action](application, **form.cleaned_data).execute(request.user)
    except TransitionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已{actions.APPLICATION_MACHINE.action_labels[action]}。")
    return redirect("commission_applications:detail", pk=pk)


@login_required
@require_POST
def add_member(request, pk):
    application = get_case(request, pk)
    raw = request.POST.get("expert") or ""
    expert = User.objects.filter(pk=raw).select_related("expert").first() if raw.isdigit() else None
    if expert is None:
        messages.error(request, "请从候选专家名单中选择一名专家。")
        return redirect("commission_applications:detail", pk=pk)
    if hasattr(expert, "expert") and not expert.expert.is_available:
        messages.error(request, f"未能加入专家组：{expert}，{panel_candidates.candidates().INACTIVE_REASON}")
        return redirect("commission_applications:detail", pk=pk)
    try:
        review_stage.stage().add_panel_member(
            application,
            request.user,
            expert=expert,
            is_leader=bool(request.POST.get("is_leader")),
            declared_conflict=bool(request.POST.get("declared_conflict")),
            declaration=request.POST.get("declaration", ""),
        )
    except TransitionRefused as exc:
        messages.error(request, f"未能加入专家组：{exc}")
    else:
        messages.success(request, f"已将{expert}加入专家组。")
    return redirect("commission_applications:detail", pk=pk)


@login_required
def document(request, pk, kind):
    return document_response(request, get_case(request, pk), kind)
