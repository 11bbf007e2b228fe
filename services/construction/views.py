"""Construction pages: the builder's page, the commission's overview and decisions, the bureau's read-only
view. Views parse input, call an action and render its result; the rules live in the actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.roles import bureau_district_id, is_commission, organisation_id
from services.casework import gates
from services.casework.transitions import TransitionRefused
from services.casework.wording import lines_for
from services.centres.constants import CentreStatus
from services.centres.transitions import CENTRE_MACHINE
from services.construction import actions, centre_page
from services.construction.forms import (
    ExtensionDecisionForm,
    ExtensionRequestForm,
    MajorReportForm,
    ReasonForm,
)
from services.construction.models import ExtensionRequest, MajorSituationReport
from services.construction.querysets import centres_visible_to, sees_centre_records
from services.deadlines import rules
from services.files.models import CaseFile

ACTIVE = [
    CentreStatus.CONSTRUCTING,
    CentreStatus.EXTENDED,
    CentreStatus.ACCEPTANCE_APPLIED,
    CentreStatus.ASSESSING,
    CentreStatus.RECTIFYING,
    CentreStatus.LAPSED,
]


# The statuses in which the construction period and its application deadlines still count down.
CONSTRUCTION_RUNS = (CentreStatus.CONSTRUCTING, CentreStatus.EXTENDED, CentreStatus.LAPSED)


def deadlines_of(centre) -> list[tuple[str, object]]:
    """The deadlines a construction screen shows, all from the engine (R-42)."""
    rows = []
    if centre.status in CONSTRUCTION_RUNS:  # no countdown once accepted, established or revoked
        rows += [
            ("筹建期限届满日", centre.construction_end),
            ("验收/延期申请最后一日", rules.last_day_to_apply(centre.construction_end)),
        ]
        if centre.extended_end:
            rows.append(("延期后届满日（验收申请最后一日）", centre.extended_end))
    acceptance = getattr(centre, "acceptance", None) if hasattr(centre, "acceptance") else None
    if acceptance is not None and acceptance.rectification_deadline:
        rows.append(("限期整改截止日", acceptance.rectification_deadline))
    notice = getattr(acceptance, "rectification_notice", None) if acceptance is not None else None
    if notice is not None:
        rows.append(("整改通知书整改期限", notice.deadline))
    return rows


def _visible_centre(request, pk):
    centre = centres_visible_to(request.user).filter(pk=pk).first()
    if centre is None:
        raise Http404("中心不存在或您无权查看。")
    return centre


@login_required
def centre_detail(request, pk):
    """R-20, R-42: task book, targets, deadlines with days left, reports, extension, acceptance."""
    centre = _visible_centre(request, pk)
    user = request.user
    is_builder = organisation_id(user) == centre.organisation_id
    # R-32, docs/decisions/0070: whoever sees the centre sees its register entry; its records (the task
    # book, the deadlines, the reports, the extension, the acceptance case and the history) only those who
    # see the centre's records (not the system administrator, a partner unit, an expert it is shared with)
    records = sees_centre_records(user, centre)
    acceptance = getattr(centre, "acceptance", None) if hasattr(centre, "acceptance") else None
    if acceptance is not None and not (
        type(acceptance).objects.visible_to(user).filter(pk=acceptance.pk).exists()
    ):
        acceptance = None
    reports = MajorSituationReport.objects.visible_to(user).filter(centre=centre)
    context = {
        "centre": centre,
        "records": records,
        "task_book": getattr(centre, "task_book", None) if records and hasattr(centre, "task_book") else None,
        "deadlines": deadlines_of(centre) if records else [],
        "reports": [(r, CaseFile.for_object(r)) for r in reports],
        "extension": ExtensionRequest.objects.visible_to(user).filter(centre=centre).first(),
        "acceptance": acceptance,
        "events": lines_for(centre) if records else [],
        "staff_view": not is_builder,
        "is_builder": is_builder,
        "report_form": MajorReportForm(),
        "extension_form": ExtensionRequestForm(),
    }
    if is_builder:
        centre_page.fill(centre, context)  # the later stages' forms (acceptance)
    return render(request, "construction/centre_detail.html", context)


def _refused(request, template, context, error, status=400):
    context["error"] = str(error)
    return render(request, template, context, status=status)


@login_required
def report_create(request, pk):
    """R-20: the builder files a major-situation report at any time."""
    centre = _visible_centre(request, pk)
    form = MajorReportForm(request.POST or None, request.FILES or None)
    context = {"centre": centre, "form": form}
    if request.method == "POST":
        gates.require_unit_member(request.user, centre, "报告重大情况")
        if not form.is_valid():
            return render(request, "construction/report_form.html", context, status=400)
        try:
            actions.SubmitMajorReport(request.user, centre, **form.cleaned_data).run()
        except TransitionRefused as error:
            return _refused(request, "construction/report_form.html", context, error)
        messages.success(request, "重大情况报告已提交。")
        return redirect("construction:centre", pk=centre.pk)
    if organisation_id(request.user) != centre.organisation_id:
        raise PermissionDenied("只有该中心建设单位的用户可以报告重大情况。")
    return render(request, "construction/report_form.html", context)


@login_required
@require_POST
def extension_create(request, pk):
    """R-22: one extension request by the last day to apply."""
    centre = _visible_centre(request, pk)
    gates.require_unit_member(request.user, centre, "申请延期验收")
    form = ExtensionRequestForm(request.POST, request.FILES)
    context = {"centre": centre, "form": form}
    if not form.is_valid():
        return render(request, "construction/extension_form.html", context, status=400)
    try:
        actions.RequestExtension(request.user, centre, **form.cleaned_data).run()
    except TransitionRefused as error:
        return _refused(request, "construction/extension_form.html", context, error)
    messages.success(request, "延期验收申请已提交，请等待市市场监管委审核。")
    return redirect("construction:centre", pk=centre.pk)


@login_required
def commission_index(request):
    """R-20, R-22, R-23: the commission's view of every centre under construction."""
    if not is_commission(request.user):
        raise PermissionDenied("仅市市场监管委可以访问。")
    centres = centres_visible_to(request.user).filter(status__in=ACTIVE).prefetch_related("major_reports")
    return render(
        request,
        "construction/commission_index.html",
        {
            "rows": [(c, deadlines_of(c)) for c in centres],
            "reports": MajorSituationReport.objects.visible_to(request.user).select_related("centre")[:50],
            "extensions": ExtensionRequest.objects.visible_to(request.user).select_related("centre"),
            "lapsed": centres.filter(status=CentreStatus.LAPSED),
            "decision_form": ExtensionDecisionForm(),
            "reason_form": ReasonForm(),
        },
    )


@login_required
def report_detail(request, pk):
    report = get_object_or_404(MajorSituationReport.objects.visible_to(request.user), pk=pk)
    return render(
        request, "construction/report_detail.html", {"report": report, "files": CaseFile.for_object(report)}
    )


@login_required
@require_POST
def extension_decide(request, pk):
    """R-22: the commission agrees (new end ≤ 1 year later) or refuses."""
    request_obj = get_object_or_404(ExtensionRequest.objects.visible_to(request.user), pk=pk)
    gates.require_roles(
        request.user, gates.edge_roles(CENTRE_MACHINE, "approve_extension"), "审核延期验收申请"
    )
    form = ExtensionDecisionForm(request.POST)
    context = {"extension": request_obj, "form": form}
    if not form.is_valid():
        return render(request, "construction/extension_decision.html", context, status=400)
    data = form.cleaned_data
    try:
        actions.DecideExtension(
            request.user,
            request_obj,
            approve=data["decision"] == "approve",
            new_end=data["new_end"],
            reason=data["reason"],
        ).run()
    except TransitionRefused as error:
        return _refused(request, "construction/extension_decision.html", context, error)
    messages.success(request, "已审核延期验收申请。")
    return redirect("construction:commission")


@login_required
@require_POST
def revoke(request, pk):
    """R-23: a commission leader confirms the revocation of the construction qualification."""
    centre = _visible_centre(request, pk)
    gates.require_roles(request.user, gates.edge_roles(CENTRE_MACHINE, "revoke_construction"), "撤销筹建资格")
    form = ReasonForm(request.POST)
    context = {"centre": centre, "form": form}
    if not form.is_valid():
        return render(request, "construction/revoke_form.html", context, status=400)
    try:
        actions.RevokeConstruction(request.user, centre, reason=form.cleaned_data["reason"]).run()
    except TransitionRefused as error:
        return _refused(request, "construction/revoke_form.html", context, error)
    messages.success(request, "已撤销筹建资格。")
    return redirect("construction:commission")


@login_required
def bureau_index(request):
    """R-04, issue 5 (9): the bureau sees its district's construction and acceptance progress, read-only."""
    district_id = bureau_district_id(request.user)
    if district_id is None:
        raise PermissionDenied("仅区市场监管局人员可以访问。")
    centres = centres_visible_to(request.user).filter(district_id=district_id)
    return render(request, "construction/bureau_index.html", bureau_context(centres))


def bureau_context(centres) -> dict:
    """For the bureau console to include `construction/bureau_progress.html` with this context."""
    centres = centres.select_related("acceptance")  # the later stage's record, by its reverse relation
    return {"progress": [(c, deadlines_of(c), getattr(c, "acceptance", None)) for c in centres]}
