"""The expert's desk (/expert/): assigned cases only (R-12), the score sheet, the leader's report, conflicts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.constants import Role
from services.applications.documents import document_response
from services.applications.models import Application
from services.applications.querysets import assigned_application_ids
from services.applications.views.common import case_context
from services.casework.transitions import TransitionRefused
from services.reviews import documents
from services.reviews.actions import DeclareConflict, SaveReport, SaveSheet, member_of
from services.reviews.constants import ReportStatus, SheetStatus
from services.reviews.forms import ConflictForm, ReportForm
from services.reviews.models import ReviewReport, ScoreSheet


def assigned(user):
    if not roles.has_role(user, Role.EXPERT):
        raise PermissionDenied("仅评审专家可以使用专家工作台。")
    return Application.objects.visible_to(user).filter(pk__in=assigned_application_ids(user))


def get_case(request, pk):
    return get_object_or_404(assigned(request.user), pk=pk)


@login_required
def index(request):
    return render(request, "reviews/expert/index.html", {"applications": assigned(request.user)})


def sheet_rows(version, sheet, post=None, submit=False):
    """The sheet's rows as typed (post) or as saved, each with its own Chinese error (R-12)."""
    from services.reviews import rules

    existing = {s.item_id: s for s in sheet.scores.all()} if sheet else {}
    rows = []
    for item in version.items.all():
        score = existing.get(item.pk)
        raw = post.get(f"score_{item.pk}", "") if post else None
        error = None
        if post is not None:
            value, error = rules.score_problem(raw, item.max_points, item.title)
            if error is None and value is None and submit:
                error = f"提交前须为“{item.title}”打分。"
        rows.append(
            {
                "item": item,
                "score": raw if post else (score.score if score and score.score is not None else ""),
                "comment": post.get(f"comment_{item.pk}", "") if post else (score.comment if score else ""),
                "error": error,
            }
        )
    return rows


# The report's problems (SaveReport.problems) name their field by its label; these two by their subject.
REPORT_PROBLEM_FIELDS = {"专家组评分须在": "override_score", "调整专家组评分须写明理由": "override_reason"}


def attach_report_problems(form, message: str) -> None:
    """Put each of the action's messages beside its field (inline), the rest above the form."""
    for problem in filter(None, (p.strip() for p in message.split("；"))):
        problem = problem if problem.endswith("。") else problem + "。"
        field = next((f for key, f in REPORT_PROBLEM_FIELDS.items() if key in problem), None)
        field = field or next((n for n, f in form.fields.items() if f"“{f.label}”" in problem), None)
        form.add_error(field, problem)


def _render_case(request, application, member, *, post=None, error=None, report_form=None, status=200):
    panel = member.panel
    sheet = ScoreSheet.objects.filter(panel=panel, expert=request.user).first()
    report = ReviewReport.objects.filter(panel=panel).first()
    others = ScoreSheet.objects.visible_to(request.user).filter(panel=panel).exclude(expert=request.user)
    rows = sheet_rows(panel.template_version, sheet, post, submit=bool(post and "submit" in post))
    if report_form is None and member.is_leader:
        report_form = ReportForm(initial=_report_initial(report))
    return render(
        request,
        "reviews/expert/case.html",
        {
            **case_context(application),
            "member": member,
            "panel": panel,
            "sheet": sheet,
            "sheet_rows": rows,
            "sheet_errors": [r for r in rows if r["error"]],
            "overall_comment": post.get("overall_comment", "")
            if post
            else (sheet.overall_comment if sheet else ""),
            "sheet_locked": sheet is not None and sheet.status == SheetStatus.SUBMITTED,
            "other_sheets": others if sheet and sheet.status == SheetStatus.SUBMITTED else [],
            "report": report,
            "report_form": report_form,
            "report_locked": report is not None and report.status == ReportStatus.SUBMITTED,
            "conflict_form": ConflictForm(),
            "error": error,
        },
        status=status,
    )


def _member_or_403(application, user):
    member = member_of(application, user)
    if member is None:  # permission left behind after a recusal: nothing to show
        raise PermissionDenied("您不是该申请的评审专家。")
    return member


@login_required
def case(request, pk):
    application = get_case(request, pk)
    member = _member_or_403(application, request.user)
    if request.method != "POST":
        return _render_case(request, application, member)
    post = request.POST
    items = member.panel.template_version.items.all()
    try:
        SaveSheet(
            application,
            scores={str(i.pk): post.get(f"score_{i.pk}", "") for i in items},
            comments={str(i.pk): post.get(f"comment_{i.pk}", "") for i in items},
            overall_comment=post.get("overall_comment", ""),
            submit="submit" in post,
        ).execute(request.user)
    except TransitionRefused as exc:
        return _render_case(request, application, member, post=post, error=str(exc), status=400)
    messages.success(request, "评分表已提交。" if "submit" in post else "评分表草稿已保存。")
    return redirect("expert:case", pk=pk)


def _report_initial(report):
    if report is None:
        return {}
    return {name: getattr(report, name) for name in SaveReport.FIELDS}


@login_required
@require_POST
def report(request, pk):
    """R-13: the leader's report. On any error the page comes back with everything typed, each message
    beside its field and in the summary; nothing is saved."""
    application = get_case(request, pk)
    member = _member_or_403(application, request.user)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            SaveReport(application, submit="submit" in request.POST, **form.cleaned_data).execute(
                request.user
            )
        except TransitionRefused as exc:
            attach_report_problems(form, str(exc))
        else:
            messages.success(
                request, "评审报告已提交。" if "submit" in request.POST else "评审报告草稿已保存。"
            )
            return redirect("expert:case", pk=pk)
    return _render_case(request, application, member, report_form=form, status=400)


@login_required
@require_POST
def declare_conflict(request, pk):
    application = get_case(request, pk)
    form = ConflictForm(request.POST)
    try:
        DeclareConflict(application, declaration=form.data.get("declaration", "")).execute(request.user)
    except TransitionRefused as exc:
        messages.error(request, str(exc))
        return redirect("expert:case", pk=pk)
    messages.success(request, "已记录您的利益冲突声明，您已回避该申请的评审；市市场监管委将另行选派专家。")
    return redirect("expert:index")


@login_required
def document(request, pk, kind):
    return document_response(request, get_case(request, pk), kind)


@login_required
def sheet_document(request, sheet_id):
    sheet = get_object_or_404(ScoreSheet.objects.visible_to(request.user), pk=sheet_id)
    return documents.sheet_response(request, sheet)


@login_required
def report_document(request, report_id):
    report = get_object_or_404(ReviewReport.objects.visible_to(request.user), pk=report_id)
    return documents.report_response(request, report)
