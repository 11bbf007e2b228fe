"""The expert registry (专家库) in the commission's workspace: list, register (with invitation), change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from services.casework.refusals import ActionRefused, NotPermitted
from services.reference.models import KeyField
from services.workspaces import experts as registry
from services.workspaces.candidates import workloads
from services.workspaces.forms import ExpertForm


def _commission(request, action=None):
    """The registry's gate: the action's own check (or, for the list, the same rule) as a 403."""
    try:
        action.check(request.user) if action is not None else registry.require_commission(request.user)
    except NotPermitted as exc:
        raise PermissionDenied(str(exc)) from exc


@login_required
def expert_list(request):
    _commission(request)
    experts = list(registry.registry(request.GET))
    loads = workloads([e.pk for e in experts])
    field = request.GET.get("field", "")
    known = {k.code: k for k in KeyField.objects.all()}
    error = f"专业领域“{field}”不存在，请从列表中选择。" if field and field not in known else ""
    return render(
        request,
        "workspaces/experts.html",
        {
            "rows": [] if error else [(e, loads.get(e.pk, 0)) for e in experts],
            "fields": known.values(),
            "field": field,
            "error": error,
        },
        status=400 if error else 200,
    )


def _save(request, expert=None):
    _commission(request, registry.SaveExpert(expert=expert))
    initial = ExpertForm.initial_for(expert) if expert else {"key_fields": _preselected(request)}
    form = ExpertForm(request.POST or None, expert=expert, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = registry.SaveExpert(form.cleaned_data, expert=expert).execute(request.user)
        except NotPermitted as exc:
            raise PermissionDenied(str(exc)) from exc
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except ActionRefused as exc:
            form.add_error(None, str(exc))
        else:
            if expert is None:
                messages.success(request, f"已将{saved}加入专家库，邀请函已发送至{saved.email}。")
            else:
                messages.success(request, f"已更新{saved}的专家信息。")
            return redirect(_next(request) or "workspaces:experts")
    return render(
        request,
        "workspaces/expert_form.html",
        {"form": form, "expert": expert, "next": _next(request)},
        status=400 if request.method == "POST" else 200,
    )


def _next(request) -> str:
    """Back to the case the commission came from (a panel with no one to offer); only our own pages."""
    value = request.POST.get("next") or request.GET.get("next") or ""
    return value if value.startswith("/commission/") and "//" not in value else ""


def _preselected(request):
    code = request.GET.get("field")
    return list(KeyField.objects.filter(code=code)) if code else []


@login_required
def expert_new(request):
    return _save(request)


@login_required
def expert_edit(request, pk):
    _commission(request)
    expert = get_object_or_404(registry.registry(), pk=pk)
    return _save(request, expert)
