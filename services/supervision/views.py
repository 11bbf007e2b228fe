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
from services.centres.models import Centre
from services.deadlines import clock
from services.files.models import CaseFile
from services.reference.models import District
from services.supervision import actions, dashboard, exports, forms, kinds, permissions
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
        context["centres"] = (
            Centre.objects.visible_to(self.request.user)
            .for_district(self.district)
            .select_related("organisation")
            .order_by("name")
        )
        context.update(
            _dashboard_context(self.request, centres_visible_to(self.request.user), group_by_district=False)
        )
        context["scope"] = "bureau"
        context["summaries"] = dashboard.queue_summaries(self.request.user, context["today"])
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


# lists, details and creation, for every declared kind (services.supervision.kinds) ------------------------
@login_required
def object_list(request, kind):
    kind = kinds.BY_KEY[kind]
    objects = kind.model.objects.visible_to(request.user).select_related("centre", "centre__district")
    return page(
        request,
        "supervision/object_list.html",
        {
            "objects": objects,
            "title": kind.title,
            "kind": kind.key,
            "detail_name": f"supervision:{kind.name}",
        },
    )


def _visible(request, model, pk):
    return get_object_or_404(
        model.objects.visible_to(request.user).select_related("centre", "centre__district"), pk=pk
    )


@login_required
def object_detail(request, pk, kind):
    kind = kinds.BY_KEY[kind]
    obj = _visible(request, kind.model, pk)
    return page(request, kind.template, {"object": obj, **kind.display(request.user, obj)})


@login_required
def object_new(request, creation):
    kind, creation = kinds.CREATIONS[creation]
    creation.gate(request.user)
    files = (request.FILES or None,) if creation.with_files else ()
    form = creation.form(request.POST or None, *files, centres=creation.centres(request.user))
    return _run(
        request,
        form,
        creation.action,
        creation.action_input,
        "supervision/form.html",
        {"title": creation.title, "rule": creation.rule},
        lambda r: reverse(f"supervision:{kind.name}", args=[r.pk]),
    )


# actions on a record --------------------------------------------------------------------------------------
@login_required
def object_step(request, pk, step):
    kind, step = kinds.STEPS[step]
    record = _visible(request, kind.model, pk)
    files = (request.FILES or None,) if step.with_files else ()
    return _run(
        request,
        step.form(request.POST or None, *files),
        step.action,
        lambda d: step.action_input(record, d),
        "supervision/form.html",
        {"title": f"{step.title}：{record}", "rule": step.rule},
        lambda r: reverse(f"supervision:{step.success}", args=[(record if step.success_is_record else r).pk]),
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
