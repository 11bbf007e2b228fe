"""Service-hall start pages (one per service, reached from its guide) and the public progress query."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import render

from services.hall import catalogue, progress
from services.hall.forms import ProgressQueryForm
from services.reference.applicant_services import Service


def start(request, service):
    """The start of one service: sign-in (with this page as a safe `next`), then the user's entries."""
    if service not in Service.values:
        raise Http404("没有这项服务。")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    service = Service(service)
    applicant = catalogue.is_applicant(request.user)
    entries = catalogue.entries(service, request.user) if applicant else []
    context = {
        "service": service,
        "guide": _guide(service),
        "applicant": applicant,
        "entries": entries,
        "unavailable": catalogue.UNAVAILABLE[service],
    }
    return render(request, "hall/start.html", context, status=200 if applicant else 403)


def _guide(service):
    from cms_pages.models import ServiceGuidePage

    return ServiceGuidePage.objects.live().public().filter(service=service).first()


def progress_query(request):
    """办件进度查询: no account; the same answer for a wrong pair as for an unknown number. Lookups are
    limited per IP address by portal.rate_limits (its row names this page's own refusal)."""
    form = ProgressQueryForm(request.POST or None)
    context = {"form": form, "result": None, "not_found": False, "limited": False}
    if request.method != "POST":
        return render(request, "hall/progress.html", context)
    if not form.is_valid():
        return render(request, "hall/progress.html", context, status=400)
    result = progress.lookup(form.cleaned_data["case_number"], form.cleaned_data["credit_code"])
    context.update(result=result, not_found=result is None)
    return render(request, "hall/progress.html", context)


def refused_context(request) -> dict:
    """The progress page when its rate limit refuses a lookup: the form again, with what was typed."""
    typed = {name: request.POST.get(name, "") for name in ProgressQueryForm.base_fields}
    return {"form": ProgressQueryForm(initial=typed), "result": None, "not_found": False, "limited": True}
