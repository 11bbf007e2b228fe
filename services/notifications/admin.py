"""System administrators see failed notifications with their reason and can re-queue them (R-41)."""

from django.contrib import admin, messages

from services.notifications.constants import DeliveryStatus
from services.notifications.models import (
    DeliveryAttempt,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from services.notifications.service import requeue


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = ["at", "outcome", "error", "worker"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "created_at",
        "recipient",
        "channel",
        "kind",
        "subject",
        "status",
        "attempts",
        "last_error",
    ]
    list_filter = ["status", "channel", "kind", "created_at"]
    search_fields = ["subject", "idempotency_key", "recipient__username", "recipient__email", "last_error"]
    raw_id_fields = ["recipient"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "recipient",
        "channel",
        "kind",
        "subject",
        "body",
        "link",
        "idempotency_key",
        "content_type",
        "object_id",
        "status",
        "attempts",
        "last_error",
        "address",
        "next_attempt_at",
        "created_at",
        "sent_at",
        "read_at",
    ]
    inlines = [DeliveryAttemptInline]
    actions = ["requeue_failed"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="重新排队发送所选的失败通知")
    def requeue_failed(self, request, queryset):
        ids = list(queryset.filter(status=DeliveryStatus.FAILED).values_list("pk", flat=True))
        count = requeue(ids)
        self.message_user(request, f"已重新排队{count}条失败通知。", messages.SUCCESS)


@admin.register(NotificationKind)
class NotificationKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "category", "mandatory"]
    list_filter = ["mandatory", "category"]
    search_fields = ["code", "name"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "category", "channel", "enabled"]
    list_filter = ["channel", "enabled"]
    search_fields = ["user__username", "kind", "category"]
    raw_id_fields = ["user"]
