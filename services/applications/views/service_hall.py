"""The service hall (/service-hall/): the applicant unit's applications, section forms, submission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.constants import Role
from services.applications import actions, editing
from services.applications.constants import Section
from services.applications.documents import document_response
from services.applications.forms import SECTION_FORMS, SubmitForm, WithdrawForm
from services.applications.models import Application
from services.applications.views.common import case_context
from services.casework.transitions import TransitionRefused


def own_applications(user):
    """The applicant's unit's applications (starting from visible_to)."""
    if not roles.has_role(user, Role.APPLICANT) or roles.organisation_id(user) is None:
        return Application.objects.none()
    return Application.objects.visible_to(user).filter(organisation_id=roles.organisation_id(user))


def get_own(request, pk) -> Application:
    return get_object_or_404(own_applications(request.user), pk=pk)


@login_required
def index(request):
    if request.method == "POST":
        try:
            application = actions.start_application(request.user)
        except TransitionRefused as exc:
            messages.error(request, str(exc))
            return redirect("service_hall:index")
        messages.success(request, f"已创建筹建申请草稿，办件编号 {application.case_number}。")
        return redirect("service_hall:section", pk=application.pk, section=Section.BASIC)
    applications = own_applications(request.user).select_related("district")
    membership = getattr(request.user, "membership", None)
    return render(
        request,
        "applications/service_hall/index.html",
        {
            "applications": applications,
            "organisation": membership.organisation if membership else None,
            "may_start": roles.has_role(request.user, Role.APPLICANT) and membership is not None,
        },
    )


@login_required
def detail(request, pk):
    application = get_own(request, pk)
    return render(
        request,
        "applications/service_hall/detail.html",
        {
            **case_context(application),
            "editable": actions.is_editable_by(application, request.user),
            "withdraw_form": WithdrawForm(),
        },
    )


@login_required
def section(request, pk, section):
    application = get_own(request, pk)
    if section not in Section.values:
        raise Http404("没有这一部分。")
    form_class = SECTION_FORMS[section]
    editable = actions.is_editable_by(application, request.user)
    kwargs = {"instance": application} if hasattr(form_class, "_meta") else {"application": application}
    if section == Section.ATTACHMENTS:
        kwargs = {}
    if request.method == "POST":
        if not editable:
            messages.error(request, f"申请当前状态为“{application.status_label}”，不能修改。")
            return redirect("service_hall:detail", pk=pk)
        if "remove_partner" in request.POST and section == Section.PARTNERS:
            editing.remove_partner(application, request.user, int(request.POST["remove_partner"]))
            return redirect("service_hall:section", pk=pk, section=section)
        if "remove_file" in request.POST:
            try:
                editing.remove_file(application, request.user, request.POST["remove_file"])
            except (TransitionRefused, ValueError) as exc:
                messages.error(request, str(exc))
            return redirect("service_hall:section", pk=pk, section=section)
        form = form_class(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            try:
                editing.save_section(application, request.user, section, form)
            except TransitionRefused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "已保存。")
                return redirect("service_hall:section", pk=pk, section=section)
        status = 400
    else:
        form = form_class(**kwargs)
        status = 200
    return render(
        request,
        "applications/service_hall/section.html",
        {
            **case_context(application),
            "form": form,
            "section": section,
            "section_label": Section(section).label,
            "editable": editable,
        },
        status=status,
    )


@login_required
def submit(request, pk):
    application = get_own(request, pk)
    action_class = actions.Resubmit if application.status == "returned" else actions.Submit
    form = SubmitForm(request.POST if request.method == "POST" else None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            action_class(application, declaration_accepted=True).execute(request.user)
        except TransitionRefused as exc:
            error = str(exc)
        else:
            messages.success(request, "申报书已提交。")
            return redirect("service_hall:detail", pk=pk)
    return render(
        request,
        "applications/service_hall/submit.html",
        {**case_context(application), "form": form, "error": error},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def withdraw(request, pk):
    application = get_own(request, pk)
    form = WithdrawForm(request.POST)
    form.is_valid()
    try:
        actions.Withdraw(application, reason=form.cleaned_data.get("reason", "")).execute(request.user)
    except TransitionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "申请已撤回。")
    return redirect("service_hall:detail", pk=pk)


@login_required
def document(request, pk, kind):
    return document_response(request, get_own(request, pk), kind)
