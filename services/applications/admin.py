"""Applications in the Django admin: read-only records; state changes go through the same actions as the UI
and the API (admin actions below)."""

from django.contrib import admin, messages

from services.applications import actions
from services.applications.models import (
    Application,
    ApplicationPartner,
    ConditionDeclaration,
    CorrectionRequest,
)
from services.casework.transitions import TransitionRefused


class PartnerInline(admin.TabularInline):
    model = ApplicationPartner
    extra = 0
    readonly_fields = ["organisation", "name", "credit_code", "responsibility"]
    can_delete = False


class ConditionInline(admin.TabularInline):
    model = ConditionDeclaration
    extra = 0
    readonly_fields = ["code", "meets", "explanation"]
    can_delete = False


class CorrectionInline(admin.TabularInline):
    model = CorrectionRequest
    extra = 0
    readonly_fields = ["round_number", "items", "requested_by", "requested_at", "answered_at"]
    can_delete = False


def run(action_class, **params):
    def admin_action(modeladmin, request, queryset):
        for application in queryset:
            try:
                action_class(application, **params).execute(request.user)
            except TransitionRefused as exc:
                modeladmin.message_user(request, f"{application.case_number}：{exc}", messages.ERROR)
            else:
                modeladmin.message_user(request, f"{application.case_number}：已办理。", messages.SUCCESS)

    admin_action.short_description = actions.APPLICATION_MACHINE.action_labels[action_class.action]
    admin_action.__name__ = f"run_{action_class.action}"
    return admin_action


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["case_number", "organisation", "centre_name", "district", "status", "submitted_at"]
    list_filter = ["status", "district", "key_fields"]
    search_fields = ["case_number", "organisation__name", "centre_name"]
    inlines = [PartnerInline, ConditionInline, CorrectionInline]
    actions = [run(actions.StartReview)]

    def get_queryset(self, request):
        return Application.objects.visible_to(request.user)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Application._meta.fields] + ["key_fields"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
