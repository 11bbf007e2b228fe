"""Scoring templates in the Django admin (R-12): versions with items summing to 100; used versions are
read-only (a change means a new version)."""

from decimal import Decimal

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from services.reviews.models import (
    PanelRecusal,
    ReviewReport,
    ScoreSheet,
    ScoringItem,
    ScoringTemplate,
    ScoringTemplateVersion,
)


class ItemFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        total = Decimal("0")
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            total += form.cleaned_data.get("max_points") or 0
        if total != Decimal("100"):
            raise ValidationError(f"评分项满分合计应为100分，当前为{total}分。")


class ItemInline(admin.TabularInline):
    model = ScoringItem
    formset = ItemFormSet
    extra = 0

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.is_used) and super().has_change_permission(request, obj)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


class VersionInline(admin.TabularInline):
    model = ScoringTemplateVersion
    extra = 0
    fields = ["number", "is_active", "note"]
    show_change_link = True

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ScoringTemplate)
class ScoringTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "is_demo", "created_at"]
    inlines = [VersionInline]


@admin.register(ScoringTemplateVersion)
class ScoringTemplateVersionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "is_active", "created_at"]
    inlines = [ItemInline]

    def get_readonly_fields(self, request, obj=None):
        return ["template", "number", "note"] if obj and obj.is_used else []


@admin.register(ScoreSheet)
class ScoreSheetAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "submitted_at"]
    readonly_fields = ["panel", "expert", "template_version", "status", "overall_comment", "submitted_at"]

    def has_add_permission(self, request):
        return False


@admin.register(ReviewReport)
class ReviewReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "mean_score", "override_score", "submitted_at"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in ReviewReport._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(PanelRecusal)
class PanelRecusalAdmin(admin.ModelAdmin):
    list_display = ["application", "expert", "reason", "recorded_at"]
    readonly_fields = ["application", "expert", "reason", "declared_conflict", "declaration", "recorded_by"]
