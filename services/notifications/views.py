"""The inbox (always on, R-41) and the channel preferences. Views parse input and call the service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from services.notifications.constants import DeliveryStatus
from services.notifications.forms import InboxFilterForm, PreferencesForm
from services.notifications.models import Notification, NotificationKind, NotificationPreference

PAGE_SIZE = 20


def _kind_names(codes) -> dict[str, str]:
    names = dict(NotificationKind.objects.filter(code__in=codes).values_list("code", "name"))
    return {code: names.get(code, code) for code in codes}


@login_required
def inbox(request):
    items = Notification.objects.inbox_of(request.user).filter(status=DeliveryStatus.SENT)
    kinds = _kind_names(sorted(set(items.values_list("kind", flat=True))))
    form = InboxFilterForm(request.GET or None, kinds=sorted(kinds.items()))
    if form.is_valid():
        if form.cleaned_data["kind"]:
            items = items.filter(kind=form.cleaned_data["kind"])
        items = items.in_read_state(form.cleaned_data["read"])
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "notifications/inbox/list.html",
        {"form": form, "page": page, "kind_names": kinds, "filter_query": query.urlencode()},
    )


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or fallback
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return target
    return fallback


@login_required
@require_POST
def mark_read(request, pk: int):
    item = get_object_or_404(Notification.objects.inbox_of(request.user), pk=pk)
    if item.read_at is None:
        item.read_at = timezone.now()
        item.save(update_fields=["read_at"])
    return redirect(_safe_next(request, item.link or "notifications:inbox"))


@login_required
@require_POST
def mark_all_read(request):
    count = Notification.objects.inbox_of(request.user).unread().update(read_at=timezone.now())
    messages.success(request, f"已将{count}条消息标为已读。")
    return redirect(_safe_next(request, "notifications:inbox"))


def _preference_kinds(user):
    kinds = {k.code: (k.name, k.mandatory) for k in NotificationKind.objects.all()}
    for code in Notification.objects.filter(recipient=user).values_list("kind", flat=True).distinct():
        kinds.setdefault(code, (code, False))
    return [(code, name, mandatory) for code, (name, mandatory) in sorted(kinds.items())]


@login_required
def preferences(request):
    current = {
        (p.kind, p.channel): p.enabled
        for p in NotificationPreference.objects.filter(user=request.user).exclude(kind="")
    }
    kinds = _preference_kinds(request.user)
    form = PreferencesForm(request.POST or None, kinds=kinds, current=current)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for code, channel, enabled in form.choices():
                NotificationPreference.objects.update_or_create(
                    user=request.user, kind=code, category="", channel=channel, defaults={"enabled": enabled}
                )
        messages.success(request, "通知设置已保存。站内消息始终接收。")
        return redirect("notifications:preferences")
    return render(request, "notifications/inbox/preferences.html", {"form": form})
