"""好差评 pages. Views parse the form, call one action and render its result; rules live in rules.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import audit
from accounts.constants import AuditAction
from accounts.roles import is_commission
from services.casework.models import CaseEvent
from services.casework.transitions import TransitionRefused
from services.deadlines import clock
from services.ratings import actions, rules, statistics
from services.ratings.constants import FollowUpStatus
from services.ratings.forms import AdditionalRatingForm, FollowUpForm, RatingForm
from services.ratings.models import BadRatingCase, Rating, RatingInvitation
from services.ratings.workdays import CalendarNotAvailable
from services.supervision import exports


def _deadlines(case) -> dict:
    """The 回访 and 整改 deadlines with the days left, or the calendar's error for an unknown year."""
    today = clock.beijing_today()
    try:
        return {
            "visit_due": rules.visit_due(case.opened_on),
            "rectify_due": rules.rectify_due(case.opened_on),
            "today": today,
        }
    except CalendarNotAvailable as error:
        return {"calendar_error": str(error), "today": today}


def _refused(form, error):
    form.add_errors(getattr(error, "errors", {}) or {None: str(error)})


@login_required
def rate(request, pk):
    """The rating page of one case: the form, or the rating given, its follow-up and the 追评."""
    invitation = get_object_or_404(RatingInvitation.objects.visible_to(request.user), pk=pk)
    rating = Rating.objects.filter(invitation=invitation).select_related("case__additional").first()
    form = None
    status = 200
    refusal = actions.SubmitRating(request.user, invitation, levels={}).refusal()
    if rating is None and refusal is None:
        form = RatingForm(request.POST or None)
        if request.method == "POST":
            if form.is_valid():
                data = form.cleaned_data
                try:
                    actions.SubmitRating(
                        request.user,
                        invitation,
                        levels=data,
                        comment=data["comment"],
                        reason=data["reason"],
                    ).run()
                except TransitionRefused as error:
                    _refused(form, error)
                else:
                    messages.success(request, "感谢您的评价。")
                    return redirect("ratings:rate", pk=invitation.pk)
            status = 400
    elif request.method == "POST":
        # A second rating, or one by someone else: refused (rules.rating_refusal), nothing stored.
        messages.error(request, refusal)
        status = 403 if rating is None else 400
    case = getattr(rating, "case", None) if rating and rating.is_bad else None
    context = {
        "invitation": invitation,
        "rating": rating,
        "form": form,
        "refusal": refusal if rating is None else "",
        "case": case,
        "additional": getattr(case, "additional", None) if case else None,
        "additional_form": AdditionalRatingForm()
        if case and case.status == FollowUpStatus.FEEDBACK_GIVEN
        else None,
    }
    return render(request, "ratings/rate.html", context, status=status)


@login_required
@require_POST
def additional(request, pk):
    case = get_object_or_404(BadRatingCase.objects.visible_to(request.user), pk=pk)
    invitation = case.rating.invitation
    form = AdditionalRatingForm(request.POST)
    if form.is_valid():
        try:
            actions.AddAdditionalRating(request.user, case, **form.cleaned_data).run()
        except TransitionRefused as error:
            _refused(form, error)
        else:
            messages.success(request, "追评已提交。")
            return redirect("ratings:rate", pk=invitation.pk)
    context = {"invitation": invitation, "rating": case.rating, "case": case, "additional_form": form}
    return render(request, "ratings/rate.html", context, status=400)


def _commission(request):
    if not is_commission(request.user):
        raise PermissionDenied("好差评整改由市市场监管委办理。")


@login_required
def queue(request):
    """The commission's queue of 差评, oldest first, with their deadlines."""
    _commission(request)
    cases = BadRatingCase.objects.visible_to(request.user).select_related("rating__invitation")
    open_only = request.GET.get("all") != "1"
    if open_only:
        cases = cases.filter(status__in=actions.OPEN_STATUSES)
    rows = [(case, _deadlines(case)) for case in cases]
    return render(request, "ratings/queue.html", {"rows": rows, "open_only": open_only})


@login_required
def case_detail(request, pk):
    _commission(request)
    case = get_object_or_404(BadRatingCase.objects.visible_to(request.user).select_related("rating"), pk=pk)
    return _case_page(request, case, FollowUpForm())


def _case_page(request, case, form, status=200):
    step = {FollowUpStatus.AWAITING_VISIT: "visit", FollowUpStatus.RECTIFYING: "give_feedback"}.get(
        case.status
    )
    context = {
        "case": case,
        "rating": case.rating,
        "invitation": case.rating.invitation,
        "events": CaseEvent.for_object(case),
        "step": step,
        "form": form if step else None,
        "additional": getattr(case, "additional", None),
        **_deadlines(case),
    }
    return render(request, "ratings/case.html", context, status=status)


@login_required
@require_POST
def follow_up(request, pk, step):
    _commission(request)
    case = get_object_or_404(BadRatingCase.objects.visible_to(request.user), pk=pk)
    if step not in ("visit", "give_feedback"):
        raise Http404("没有这一步骤。")
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            actions.FollowUpStep(request.user, case, step, text=form.cleaned_data["text"]).run()
        except TransitionRefused as error:
            form.add_error("text" if getattr(error, "errors", None) else None, str(error))
        else:
            messages.success(request, "已记录回访情况。" if step == "visit" else "已向申请人反馈整改情况。")
            return redirect("ratings:case", pk=case.pk)
    case.refresh_from_db()
    return _case_page(request, case, form, status=400)


@login_required
def statistics_page(request):
    _commission(request)
    figures = statistics.by_service(Rating.objects.visible_to(request.user))
    return render(
        request,
        "ratings/statistics.html",
        {
            "figures": figures,
            "all": statistics.Figures("all", "合计", _sum(figures), sum(f.bad for f in figures)),
        },
    )


def _sum(figures) -> dict[int, int]:
    total: dict[int, int] = {}
    for f in figures:
        for level, n in f.counts.items():
            total[level] = total.get(level, 0) + n
    return total


@login_required
def export(request, file_format):
    _commission(request)
    if file_format not in exports.FORMATS:
        raise Http404("不支持的导出格式。")
    figures = statistics.by_service(Rating.objects.visible_to(request.user))
    rows = statistics.table(figures)
    if file_format == "xlsx":
        body, content_type = exports.to_xlsx("好差评统计", statistics.HEADER, rows), exports.XLSX_TYPE
    else:
        body, content_type = exports.to_csv(statistics.HEADER, rows), exports.CSV_TYPE
    audit.record(request, AuditAction.DATA_EXPORTED, table="ratings", format=file_format, rows=len(rows))
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="ratings-statistics.{file_format}"'
    return response
