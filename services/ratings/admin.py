"""The holiday arrangement of the years chinese-calendar does not cover is entered here, from the State
Council's notice; ratings are shown read-only (they are append-only)."""

from django.contrib import admin

from services.ratings.models import HolidayDay, HolidayYear, Rating


class HolidayDayInline(admin.TabularInline):
    model = HolidayDay
    extra = 5
    fields = ["day", "is_workday", "name"]


@admin.register(HolidayYear)
class HolidayYearAdmin(admin.ModelAdmin):
    list_display = ["year", "source"]
    inlines = [HolidayDayInline]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["invitation", "overall", "is_bad", "created_at"]
    list_filter = ["is_bad", "invitation__service"]
    readonly_fields = [f.name for f in Rating._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
