"""Acceptance pages: the builder's application and rectification report, the case page with the
commission's and group leader's actions, and the two PDFs. Rules live in the actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.roles import organisation_id
from services.acceptance import actions, gates, uploads
from services.acceptance.documents import acceptance_report_pdf, rectification_notice_pdf
from services.acceptance.forms import (
    AcceptanceApplicationForm,
    AppointGroupForm,
    NoticeForm,
    RectificationReportForm,
    StageForm,
)
from services.acceptance.models import AcceptanceApplication, RectificationNotice
from services.acceptance.transitions import ACCEPTANCE_MACHINE
from services.casework import gates as role_gates
from services.casework.transitions import TransitionRefused
from services.casework.wording import lines_for
from services.construction.forms import ReasonForm
from services.construction.querysets import centres_visible_to
from services.documents.pdf import DocumentIncomplete, pdf_response, refused_response
from services.files.models import CaseFile


def _case(request, pk):
    return get_object_or_404(
        AcceptanceApplication.objects.visible_to(request.user).select_related("centre", "template"), pk=pk
    )


def _detail_context(request, application, **extra):
    template_items = list(application.template.items.all()) if application.template else []
    return {
        "application": application,
        "centre": application.centre,
        "files": CaseFile.for_object(application),
        "members": application.members.select_related("expert"),
        "stages": application.stages.all(),
        "sheets": application.score_sheets.prefetch_related("entries__item"),
        "reports": application.rectification_reports.all(),
        "notice": RectificationNotice.objects.filter(application=application).first(),
        "events": lines_for(application),
        "staff_view": organisation_id(request.user) is None,
        "available": ACCEPTANCE_MACHINE.available(application.status, request.user),
        "can_record": _can_record(request.user, application),
        "template_items": template_items,
        "appoint_form": AppointGroupForm(),
        "stage_form": StageForm(),
        "notice_form": NoticeForm(),
        "reason_form": ReasonForm(),
        **extra,
    }


def _can_record(user, application) -> bool:
    try:
        actions.require_assessor(user, application)
        actions.current_round(application)
    except TransitionRefused:
        return False
    return True


@login_required
def detail(request, pk):
    application = _case(request, pk)
    return render(request, "acceptance/detail.html", _detail_context(request, application))


@login_required
@require_POST
def apply(request, centre_pk):
    """R-21: the acceptance application with its three materials."""
    centre = centres_visible_to(request.user).filter(pk=centre_pk).first()
    if centre is None:
        raise Http404("中心不存在或您无权查看。")
    role_gates.require_unit_member(request.user, centre, "申请验收")
    uploads.release(centre, request.POST.getlist("remove_held"))
    form = AcceptanceApplicationForm(request.POST, request.FILES)
    form.is_valid()
    accepted = uploads.screen(form, actions.MATERIALS)  # a refused file is an error beside its field
    titles = uploads.titles(form, actions.MATERIALS)
    if form.errors:
        return _refused_acceptance(request, centre, form, accepted, titles)
    try:
        application = actions.ApplyForAcceptance(
            request.user, centre, texts=form.texts(), files=accepted, titles=titles
        ).run()
    except TransitionRefused as error:
        form.add_error(None, str(error))
        return _refused_acceptance(request, centre, form, accepted, titles)
    messages.success(request, "验收申请已提交。")
    return redirect("acceptance:detail", pk=application.pk)


def _refused_acceptance(request, centre, form, accepted, titles):
    """Issue 12, item 4: what was typed comes back, and the files that passed their check are kept (held
    on the centre until submission) and listed; only the refused files are named and must be chosen again."""
    uploads.hold(centre, request.user, accepted, titles)
    context = {"centre": centre, "form": form, "title": "提交验收申请", "held": uploads.held(centre)}
    context["held_files"] = [
        (label, f) for m, label in actions.MATERIALS.items() for f in context["held"].get(m, [])
    ]
    return render(request, "acceptance/form.html", context, status=400)


@login_required
@require_POST
def rectify(request, pk):
    """R-25, R-26: the unit reports its rectification result."""
    application = _case(request, pk)
    gates.require_allowed(request.user, application, "rectify")
    form = RectificationReportForm(request.POST, request.FILES)
    context = {"centre": application.centre, "form": form, "title": "报告整改结果"}
    if not form.is_valid():
        return render(request, "acceptance/form.html", context, status=400)
    try:
        actions.ReportRectification(request.user, application, **form.cleaned_data).run()
    except TransitionRefused as error:
        form.add_error(None, str(error))
        return render(request, "acceptance/form.html", context, status=400)
    messages.success(request, "整改结果已报告。")
    return redirect("acceptance:detail", pk=application.pk)


def _build(name, request, application):
    """Parse the POST of one case action into the action object, or return (None, form with errors)."""
    post = request.POST
    if name == "appoint":
        form = AppointGroupForm(post)
        if not form.is_valid():
            return None, form
        data = form.cleaned_data
        return actions.AppointGroup(
            request.user,
            application,
            experts=list(data["experts"]),
            leader=data["leader"],
            declared_conflicts=list(data["declared_conflicts"]),
        ), form
    if name == "stage":
        form = StageForm(post)
        return (
            (actions.RecordStage(request.user, application, **form.cleaned_data), form)
            if form.is_valid()
            else (
                None,
                form,
            )
        )
    if name == "scores":
        points = {k.removeprefix("item_"): v for k, v in post.items() if k.startswith("item_")}
        return actions.RecordScores(request.user, application, points=points), None
    if name == "conclude":
        return actions.Conclude(request.user, application), None
    if name == "reassess":
        return actions.StartReassessment(request.user, application), None
    if name == "notice":
        form = NoticeForm(post)
        return (
            (actions.IssueNotice(request.user, application, **form.cleaned_data), form)
            if form.is_valid()
            else (
                None,
                form,
            )
        )
    if name == "cancel":
        form = ReasonForm(post)
        if not form.is_valid():
            return None, form
        return actions.CancelConstruction(request.user, application, reason=form.cleaned_data["reason"]), form
    if name == "establish":
        return actions.Establish(request.user, application), None
    raise Http404("未知的操作。")


@login_required
@require_POST
def act(request, pk, name):
    """One POST endpoint per case action (appoint, stage, scores, conclude, reassess, notice, cancel,
    establish); refusals re-render the case page with the message and status 400, nothing saved."""
    application = _case(request, pk)
    gates.require_allowed(request.user, application, name)
    try:
        action, form = _build(name, request, application)
        if action is None:
            errors = "；".join(f"{form.fields[f].label}：{'，'.join(e)}" for f, e in form.errors.items())
            raise TransitionRefused(errors or "输入有误。")
        action.run()
    except (TransitionRefused, ValueError) as error:
        application.refresh_from_db()
        context = _detail_context(request, application, error=str(error))
        return render(request, "acceptance/detail.html", context, status=400)
    messages.success(request, "已办理。")
    return redirect("acceptance:detail", pk=application.pk)


@login_required
def report_pdf(request, pk):
    """Annex 5: the acceptance report, once a round has been scored."""
    application = _case(request, pk)
    if not application.score_sheets.exists():
        raise Http404("尚未形成验收报告。")
    try:
        pdf = acceptance_report_pdf(application)
    except DocumentIncomplete as error:
        return refused_response(error)
    return pdf_response(pdf, f"验收报告-{application.centre.name}.pdf")


@login_required
def notice_pdf(request, pk):
    application = _case(request, pk)
    notice = get_object_or_404(RectificationNotice, application=application)
    try:
        pdf = rectification_notice_pdf(notice)
    except DocumentIncomplete as error:
        return refused_response(error)
    return pdf_response(pdf, f"整改通知书-{notice.number}.pdf")
