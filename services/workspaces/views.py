"""The staff workspaces: the commission's (/commission/workspace/) and the district bureau's
(/bureau/<district code>/workspace/). Both list the same queues (services.workspaces.queues); the bureau's
is its district's only (R-32). Views parse the filters and render; the queues say what is in them."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from accounts import audit, roles
from accounts.constants import AuditAction, AuditOutcome, Role
from services.deadlines.clock import beijing_today
from services.reference.models import District
from services.workspaces import filters as queue_filters
from services.workspaces.queues import queues_for


def _commission_only(user):
    if not (roles.is_commission(user) or roles.has_role(user, Role.SYSADMIN)):
        raise PermissionDenied("仅市市场监管委人员可以使用委工作台。")


def _bureau_district(request, code):
    """The bureau officer's own district. Another district's address is a 404, and it is audited (R-32)."""
    if not roles.has_role(request.user, Role.BUREAU_OFFICER):
        raise PermissionDenied("仅区市场监管局人员可以使用区局工作台。")
    district = District.objects.filter(code=code).first()
    if district is None or district.pk != request.user.bureau_id:
        audit.record(
            request,
            AuditAction.ACCESS_DENIED,
            obj=district,
            outcome=AuditOutcome.DENIED,
            path=request.path,
            reason="other_district",
        )
        raise Http404("页面不存在。")
    return district


def queue_summaries(user, today, scope=None) -> list[dict]:
    """Per queue: its count and how many are overdue — the rows of its page, counted. Without a scope, the
    workspace is the user's own: a bureau officer's tenant view, otherwise the commission's."""
    if scope is None:
        scope = "bureau" if roles.has_role(user, Role.BUREAU_OFFICER) else "commission"
    summaries = []
    for queue in queues_for(scope).values():
        items = queue.items(user, today)
        summaries.append({"queue": queue, "count": len(items), "overdue": sum(1 for i in items if i.overdue)})
    return summaries


def _overview(request, scope, district=None):
    today = beijing_today()
    summaries = queue_summaries(request.user, today, scope)
    return render(
        request,
        "workspaces/workspace.html",
        {"summaries": summaries, "scope": scope, "district": district, "today": today},
    )


def _queue_page(request, key, scope, district=None):
    queue = queues_for(scope).get(key)
    if queue is None:
        raise Http404("没有这一工作队列。")
    districts = list(District.objects.all()) if district is None else [district]
    by_code = {d.code: d.pk for d in districts}
    stages = dict(queue.stages)
    filters = queue_filters.parse(
        request.GET, stages=stages, district_codes=set(by_code) if district is None else None
    )
    today = beijing_today()
    all_items = queue.items(request.user, today)
    rows = queue_filters.apply(all_items, filters, by_code) if not filters.errors else []
    return render(
        request,
        "workspaces/queue.html",
        {
            "queue": queue,
            "rows": rows,
            "total": len(all_items),
            "filters": filters,
            "districts": districts if district is None else [],
            "stages": queue.stages,
            "sorts": queue_filters.SORTS.items(),
            "overdue_choices": queue_filters.OVERDUE.items(),
            "scope": scope,
            "district": district,
            "today": today,
        },
        status=400 if filters.errors else 200,
    )


@login_required
def commission_workspace(request):
    _commission_only(request.user)
    return _overview(request, "commission")


@login_required
def commission_queue(request, key):
    _commission_only(request.user)
    return _queue_page(request, key, "commission")


@login_required
def bureau_workspace(request, code):
    return _overview(request, "bureau", _bureau_district(request, code))


@login_required
def bureau_queue(request, code, key):
    return _queue_page(request, key, "bureau", _bureau_district(request, code))


@login_required
def bureau_home(request):
    """/bureau/workspace/: the officer's own district's workspace."""
    if not roles.has_role(request.user, Role.BUREAU_OFFICER) or request.user.bureau_id is None:
        raise PermissionDenied("仅区市场监管局人员可以使用区局工作台。")
    district = get_object_or_404(District, pk=request.user.bureau_id)
    return _overview(request, "bureau", district)
