"""Supervision pages. Every list, detail and action starts from visible_to(user); actions decide the rest.

/supervision/…             the objects (reports, inspections, rectifications, re-examinations) for whoever may see them
/bureau/supervision/…      the district bureau's tenant view: dashboard, daily inspections (R-32)
/commission/, /commission/supervision/…  the commission's dashboard, unannounced inspections, re-examinations,
                           revocation (R-33 … R-35)
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.roles import bureau_district_id, is_commission
from accounts.views.bureau import BureauHomeView
from services.centres.constants import CentreStatus
from services.deadlines import clock
from services.files.models import CaseFile
from services.reference.models import District
from services.supervision import actions, dashboard, exports, forms, permissions
from services.supervision.constants import InspectionKind, InspectionStatus
from services.supervision.models import (
    AnnualReport,
    ChangeReport,
    Inspection,
    Rectification,
    Reexamination,
)
from services.supervision.querysets import centres_visible_to
from services.supervision.tables import TABLES


def page(request, template, context, status=200):
    return render(request, template, context, status=status)


def _run(request, form, action_class, build, template, context, success, precheck=False):
    """Parse the form, run the action, show its refusal or its validation messages; nothing saved on error.

    precheck: the action is bound to an object, so ask its check() before even showing the form."""
    if precheck:
        try:
            action_class(request.user, **build(defaultdict(lambda: None))).check()
        except actions.ActionRefused as exc:
            raise PermissionDenied(str(exc)) from exc
    if request.method == "POST" and form.is_valid():
        try:
            result = action_class(
                request.user, files=form.cleaned_data.get("files") or [], **build(form.cleaned_data)
            ).execute()
        except actions.ActionRefused as exc:
            raise PermissionDenied(str(exc)) from exc
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "已保存。")
            return redirect(success(result))
    return page(request, template, {**context, "form": form}, status=400 if request.method == "POST" else 200)


def _files(obj):
    return CaseFile.for_object(obj)


# dashboards -----------------------------------------------------------------------------------------------
def _dashboard_context(request, centres, group_by_district):
    today = clock.beijing_today()
    rows = dashboard.centre_rows(centres, today)
    all_centres = [r.centre for r in rows]
    figures = [
        dashboard.status_chart(all_centres),
        dashboard.reports_chart(all_centres, today),
        dashboard.rectifications_chart(rows, group_by_district),
    ]
    from services.supervision import charts

    return {
        "today": today,
        "rows": rows,
        "charts": [charts.render(f) for f in figures],
        "open_rectifications": Rectification.objects.visible_to(request.user)
        .filter(status__in=["open", "reported"])
        .select_related("centre"),
        "proposals": Rectification.objects.visible_to(request.user)
        .filter(revocation_proposed=True, centre__status=CentreStatus.ESTABLISHED)
        .select_related("centre"),
    }


class BureauDashboardView(BureauHomeView):
    """The bureau's tenant view (/bureau/): the accounts page with the supervision dashboard (R-32)."""

    template_name = "supervision/bureau_home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            _dashboard_context(self.request, centres_visible_to(self.request.user), group_by_district=False)
        )
        context["scope"] = "bureau"
        from services.workspaces.views import queue_summaries

        context["summaries"] = queue_summaries(self.request.user, context["today"])
        context["district"] = context.get("district") or self.request.user.bureau
        return context


def bureau_dashboard(request):
    """The former address of the bureau dashboard."""
    return redirect("bureau:home")


@login_required
def commission_dashboard(request):
    if not is_commission(request.user):
        raise PermissionDenied("仅市市场监管委人员可以访问。")
    context = _dashboard_context(request, centres_visible_to(request.user), group_by_district=True)
    context["districts"] = dashboard.district_breakdown(context["rows"], District.objects.all())
    return page(request, "supervision/dashboard.html", {**context, "scope": "commission"})


@login_required
def export(request, table, file_format):
    spec = TABLES.get(table)
    if spec is None or file_format not in exports.FORMATS:
        raise Http404("没有这个导出表。")
    if not (is_commission(request.user) or bureau_district_id(request.user) is not None):
        raise PermissionDenied("仅监管部门可以导出数据。")
    headers, rows = spec.rows(request.user, clock.beijing_today())
    scope = "全市" if is_commission(request.user) else f"区局:{bureau_district_id(request.user)}"
    exports.audit(request, table=table, file_format=file_format, rows=len(rows), scope=scope)
    filename = f"{spec.filename}-{clock.beijing_today():%Y%m%d}.{file_format}"
    if file_format == "csv":
        response = HttpResponse(exports.to_csv(headers, rows), content_type=exports.CSV_TYPE)
    else:
        response = HttpResponse(exports.to_xlsx(spec.title, headers, rows), content_type=exports.XLSX_TYPE)
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "private, no-store"
    return response


# centres --------------------------------------------------------------------------------------------------
@login_required
def centre_detail(request, pk):
    centre = get_object_or_404(
        centres_visible_to(request.user).select_related("district", "organisation"), pk=pk
    )
    user = request.user
    return page(
        request,
        "supervision/centre_detail.html",
        {
            "centre": centre,
            "row": dashboard.centre_row(centre, clock.beijing_today()),
            "annual_reports": AnnualReport.objects.visible_to(user).filter(centre=centre),
            "change_reports": ChangeReport.objects.visible_to(user).filter(centre=centre),
            "inspections": Inspection.objects.visible_to(user).filter(centre=centre),
            "rectifications": Rectification.objects.visible_to(user).filter(centre=centre),
            "reexaminations": Reexamination.objects.visible_to(user).filter(centre=centre),
            "revocation": getattr(centre, "revocation", None),
            "may_revoke": permissions.is_leader(user) and centre.status == CentreStatus.ESTABLISHED,
            "may_report": permissions.is_centre_member(user, centre)
            and centre.status == CentreStatus.ESTABLISHED,
        },
    )


# lists and details ----------------------------------------------------------------------------------------
LISTS = {
    "annual_reports": (AnnualReport, "年度工作总结报告", "supervision:annual_report"),
    "change_reports": (ChangeReport, "重大变更报告", "supervision:change_report"),
    "inspections": (Inspection, "监督检查", "supervision:inspection"),
    "rectifications": (Rectification, "整改通知", "supervision:rectification"),
    "reexaminations": (Reexamination, "复查", "supervision:reexamination"),
}


@login_required
def object_list(request, kind):
    model, title, detail_name = LISTS[kind]
    objects = model.objects.visible_to(request.user).select_related("centre", "centre__district")
    return page(
        request,
        "supervision/object_list.html",
        {"objects": objects, "title": title, "kind": kind, "detail_name": detail_name},
    )


def _visible(request, model, pk):
    return get_object_or_404(
        model.objects.visible_to(request.user).select_related("centre", "centre__district"), pk=pk
    )


@login_required
def annual_report_detail(request, pk):
    report = _visible(request, AnnualReport, pk)
    return page(request, "supervision/annual_report_detail.html", {"object": report, "files": _files(report)})


@login_required
def change_report_detail(request, pk):
    report = _visible(request, ChangeReport, pk)
    return page(request, "supervision/change_report_detail.html", {"object": report, "files": _files(report)})


@login_required
def inspection_detail(request, pk):
    inspection = _visible(request, Inspection, pk)
    user = request.user
    may_record = (
        inspection.kind == InspectionKind.UNANNOUNCED
        and inspection.status == InspectionStatus.PLANNED
        and (is_commission(user) or permissions.is_assigned_expert(user, inspection))
    )
    may_rectify = inspection.status == InspectionStatus.COMPLETED and (
        is_commission(user)
        if inspection.kind == InspectionKind.UNANNOUNCED
        else (permissions.is_bureau_of(user, inspection.centre) or is_commission(user))
    )
    return page(
        request,
        "supervision/inspection_detail.html",
        {
            "object": inspection,
            "files": _files(inspection),
            "rectifications": Rectification.objects.visible_to(user).filter(inspection=inspection),
            "may_record": may_record,
            "may_rectify": may_rectify,
        },
    )


@login_required
def rectification_detail(request, pk):
    rectification = _visible(request, Rectification, pk)
    follow_ups = rectification.follow_ups.select_related("recorded_by")
    return page(
        request,
        "supervision/rectification_detail.html",
        {
            "object": rectification,
            "follow_ups": [(f, _files(f)) for f in follow_ups],
            "may_follow_up": rectification.is_open
            and (
                permissions.may_follow_up(request.user, rectification)
                or permissions.is_centre_member(request.user, rectification.centre)
            ),
        },
    )


@login_required
def reexamination_detail(request, pk):
    reexamination = _visible(request, Reexamination, pk)
    return page(
        request,
        "supervision/reexamination_detail.html",
        {
            "object": reexamination,
            "rectifications": reexamination.rectifications.all(),
            "may_decide": is_commission(request.user) and reexamination.status in ("scheduled", "rectifying"),
        },
    )


# actions --------------------------------------------------------------------------------------------------
def _member_centres(user):
    return (
        centres_visible_to(user).filter(status=CentreStatus.ESTABLISHED)
        if not (is_commission(user) or bureau_district_id(user))
        else centres_visible_to(user).none()
    )


def _require_member(user):
    from accounts.constants import Role
    from accounts.roles import has_role, organisation_id

    if not (has_role(user, Role.APPLICANT) and organisation_id(user)):
        raise PermissionDenied("只有计量数据中心所在单位的用户可以报送。")


@login_required
def annual_report_new(request):
    _require_member(request.user)
    form = forms.AnnualReportForm(
        request.POST or None, request.FILES or None, centres=_member_centres(request.user)
    )
    return _run(
        request,
        form,
        actions.SubmitAnnualReport,
        lambda d: {
            "centre": d["centre"],
            "year": d["year"],
            "summary": d["summary"],
            "services_provided": d["services_provided"],
        },
        "supervision/form.html",
        {"title": "报送年度工作总结报告", "rule": "R-30"},
        lambda r: reverse("supervision:annual_report", args=[r.pk]),
    )


@login_required
def change_report_new(request):
    _require_member(request.user)
    form = forms.ChangeReportForm(
        request.POST or None, request.FILES or None, centres=_member_centres(request.user)
    )
    return _run(
        request,
        form,
        actions.SubmitChangeReport,
        lambda d: {k: d[k] for k in ("centre", "category", "description", "effective_on")},
        "supervision/form.html",
        {"title": "报告重大变更", "rule": "R-31"},
        lambda r: reverse("supervision:change_report", args=[r.pk]),
    )


@login_required
def inspection_new(request):
    if bureau_district_id(request.user) is None:
        raise PermissionDenied("日常监督检查由中心所在区的市场监管局记录。")
    form = forms.InspectionForm(
        request.POST or None, request.FILES or None, centres=centres_visible_to(request.user)
    )
    return _run(
        request,
        form,
        actions.RecordInspection,
        lambda d: {
            k: d[k]
            for k in ("centre", "inspected_on", "inspectors", "items_checked", "findings", "conclusion")
        },
        "supervision/form.html",
        {"title": "记录日常监督检查", "rule": "R-32"},
        lambda r: reverse("supervision:inspection", args=[r.pk]),
    )


@login_required
def unannounced_new(request):
    if not is_commission(request.user):
        raise PermissionDenied("不定期监督抽查由市市场监管委组织。")
    form = forms.UnannouncedInspectionForm(request.POST or None, centres=centres_visible_to(request.user))
    return _run(
        request,
        form,
        actions.PlanUnannouncedInspection,
        lambda d: {
            "centre": d["centre"],
            "inspected_on": d["inspected_on"],
            "experts": list(d["experts"] or []),
        },
        "supervision/form.html",
        {"title": "安排不定期监督抽查", "rule": "R-33"},
        lambda r: reverse("supervision:inspection", args=[r.pk]),
    )


@login_required
def inspection_findings(request, pk):
    inspection = _visible(request, Inspection, pk)
    form = forms.FindingsForm(request.POST or None, request.FILES or None)
    return _run(
        request,
        form,
        actions.RecordUnannouncedFindings,
        lambda d: {"inspection": inspection, **{k: d[k] for k in ("inspectors", "findings", "conclusion")}},
        "supervision/form.html",
        {"title": f"记录检查发现：{inspection}", "rule": "R-33"},
        lambda r: reverse("supervision:inspection", args=[r.pk]),
        precheck=True,
    )


@login_required
def inspection_rectify(request, pk):
    inspection = _visible(request, Inspection, pk)
    form = forms.RectificationForm(request.POST or None)
    return _run(
        request,
        form,
        actions.RequestRectification,
        lambda d: {"inspection": inspection, "requirements": d["requirements"], "deadline": d["deadline"]},
        "supervision/form.html",
        {"title": f"下达整改通知：{inspection}", "rule": "R-32"},
        lambda r: reverse("supervision:rectification", args=[r.pk]),
        precheck=True,
    )


@login_required
def rectification_follow_up(request, pk):
    rectification = _visible(request, Rectification, pk)
    form = forms.FollowUpForm(request.POST or None, request.FILES or None)
    return _run(
        request,
        form,
        actions.RecordFollowUp,
        lambda d: {"rectification": rectification, "outcome": d["outcome"], "note": d["note"]},
        "supervision/form.html",
        {"title": f"整改跟踪：{rectification}", "rule": "R-32"},
        lambda r: reverse("supervision:rectification", args=[rectification.pk]),
        precheck=True,
    )


@login_required
def reexamination_new(request):
    if not is_commission(request.user):
        raise PermissionDenied("复查由市市场监管委安排。")
    form = forms.ReexaminationForm(request.POST or None, centres=centres_visible_to(request.user))
    return _run(
        request,
        form,
        actions.ScheduleReexamination,
        lambda d: {
            "centre": d["centre"],
            "scheduled_on": d["scheduled_on"],
            "experts": list(d["experts"] or []),
        },
        "supervision/form.html",
        {"title": "安排五年复查", "rule": "R-34"},
        lambda r: reverse("supervision:reexamination", args=[r.pk]),
    )


@login_required
def reexamination_outcome(request, pk):
    reexamination = _visible(request, Reexamination, pk)
    form = forms.ReexaminationOutcomeForm(request.POST or None)
    return _run(
        request,
        form,
        actions.RecordReexaminationOutcome,
        lambda d: {
            "reexamination": reexamination,
            **{k: d[k] for k in ("outcome", "notes", "requirements", "deadline")},
        },
        "supervision/form.html",
        {"title": f"记录复查结论：{reexamination}", "rule": "R-34"},
        lambda r: reverse("supervision:reexamination", args=[r.pk]),
        precheck=True,
    )


@login_required
def revoke(request, pk):
    centre = get_object_or_404(centres_visible_to(request.user), pk=pk)
    form = forms.RevocationForm(request.POST or None)
    return _run(
        request,
        form,
        actions.Revoke,
        lambda d: {"centre": centre, "article": d["article"], "reasons": d["reasons"]},
        "supervision/form.html",
        {"title": f"撤销计量数据中心资格：{centre}", "rule": "R-35"},
        lambda r: reverse("supervision:centre", args=[centre.pk]),
        precheck=True,
    )
