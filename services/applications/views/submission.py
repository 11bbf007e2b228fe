"""核对信息 and submission, and the confirmation pages of the irreversible steps
(withdrawal, taking back a partner or a file). Each parses input, calls an action and renders its result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from services.applications import actions, editing, progress
from services.applications.constants import ApplicationStatus, Section
from services.applications.forms import SubmitForm, WithdrawForm
from services.applications.views.common import case_context
from services.applications.views.service_hall import get_own
from services.casework.transitions import TransitionRefused
from services.files.models import CaseFile


@login_required
def submit(request, pk):
    """核对信息: every answer and file with 修改 links, then the declaration and the one submit button."""
    application = get_own(request, pk)
    if not actions.is_editable_by(application, request.user):
        return redirect("service_hall:detail", pk=pk)
    action_class = actions.Resubmit if application.status == ApplicationStatus.RETURNED else actions.Submit
    form = SubmitForm(request.POST if request.method == "POST" else None)
    problems = progress.missing(application)
    if request.method == "POST" and form.is_valid():
        try:
            action_class(application, declaration_accepted=True).execute(request.user)
        except TransitionRefused as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("service_hall:confirmation", pk=pk)
    return render(
        request,
        "applications/service_hall/submit.html",
        {
            **case_context(application),
            "form": form,
            "problem_links": progress.problem_links(application, problems),
            "section_url": {value: progress.section_url(application, value) for value in Section.values},
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def withdraw(request, pk):
    """撤回申请 asks for confirmation first (GET: the confirmation page; POST: the withdrawal)."""
    application = get_own(request, pk)
    action = actions.Withdraw(application)
    try:
        action.check(request.user)
    except TransitionRefused as exc:
        messages.error(request, str(exc))
        return redirect("service_hall:detail", pk=pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.Withdraw(application, reason=form.cleaned_data["reason"]).execute(request.user)
        except TransitionRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"办件 {application.case_number} 已撤回。")
            return redirect("service_hall:detail", pk=pk)
    return render(
        request,
        "applications/service_hall/confirm.html",
        {
            "application": application,
            "form": form,
            "title": f"确定撤回筹建申请 {application.case_number}？",
            "warning": "撤回后本办件即告办结，不能恢复；如需再次申请，须重新填写申报书。",
            "button": "确认撤回",
            "back": reverse("service_hall:detail", args=[pk]),
        },
        status=400 if request.method == "POST" else 200,
    )


def _confirm_removal(request, application, *, title, warning, remove, back):
    if not actions.is_editable_by(application, request.user):
        messages.error(request, f"申请当前状态为“{application.status_label}”，不能修改。")
        return redirect("service_hall:detail", pk=application.pk)
    if request.method == "POST":
        try:
            remove()
        except (TransitionRefused, ValueError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已删除。")
        return redirect(back)
    return render(
        request,
        "applications/service_hall/confirm.html",
        {"application": application, "title": title, "warning": warning, "button": "确认删除", "back": back},
    )


@login_required
def remove_partner(request, pk, partner_pk):
    application = get_own(request, pk)
    partner = get_object_or_404(application.partners, pk=partner_pk)
    return _confirm_removal(
        request,
        application,
        title=f"确定删除联合建设单位“{partner.name}”？",
        warning="删除后如需恢复，须重新填写该单位的信息。",
        remove=lambda: editing.remove_partner(application, request.user, partner.pk),
        back=progress.section_url(application, Section.PARTNERS),
    )


@login_required
def remove_file(request, pk, public_id):
    application = get_own(request, pk)
    case_file = CaseFile.for_object(application).filter(public_id=public_id).first()
    if case_file is None:
        raise Http404("没有这个文件。")
    section = Section.ATTACHMENTS if case_file.purpose == "attachment" else Section.CONDITIONS
    return _confirm_removal(
        request,
        application,
        title=f"确定删除“{case_file.display_name}”？",
        warning="删除后如需恢复，须重新上传该文件。",
        remove=lambda: editing.remove_file(application, request.user, public_id),
        back=progress.section_url(application, section),
    )
