"""Django admin (/django-admin/): users with the audited OTP reset, units, and the read-only audit trail.

No page shows a secret after it is issued (R-43): django-otp's device pages (hex key, QR code, backup
codes) and knox's token pages (which could mint a token for anyone) are replaced. Two-factor devices are
reset through the user list's action; API tokens are listed by owner, date and expiry and can only be
revoked (deleted, audited by accounts.signals).
"""

from importlib import import_module

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from accounts import two_factor
from accounts.constants import Role
from accounts.masking import mask_phone
from accounts.models import AuditRecord, ExpertProfile, Organisation, OrganisationMember, User
from accounts.roles import has_role

# Import their admin modules first (autodiscover would import them after this one), then take them out.
import_module("django_otp.plugins.otp_totp.admin")
import_module("django_otp.plugins.otp_static.admin")
import_module("knox.admin")
for _model in (TOTPDevice, StaticDevice, AuthToken):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(AuthToken)
class AuthTokenAdmin(admin.ModelAdmin):
    """API tokens: who, issued, expiry. Revoke only; the key was shown once, to its owner."""

    list_display = ("user", "token_prefix", "created", "expiry")
    list_filter = ("created",)
    search_fields = ("user__username", "user__full_name")
    fields = ("user", "token_prefix", "created", "expiry")
    readonly_fields = fields

    @admin.display(description="令牌前缀")
    def token_prefix(self, token):
        return f"{token.token_key[:8]}…"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return has_role(request.user, Role.SYSADMIN)

    def has_view_permission(self, request, obj=None):
        return has_role(request.user, Role.SYSADMIN)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("门户信息", {"fields": ("full_name", "phone", "bureau")}),
    )
    list_display = ("username", "full_name", "email", "masked_phone", "bureau", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff", "groups", "bureau")
    search_fields = ("username", "full_name", "email")
    actions = ["reset_two_factor"]

    @admin.display(description="手机号码")
    def masked_phone(self, user):
        return mask_phone(user.phone)

    @admin.action(description="重置双因素认证（用户须重新绑定认证器）", permissions=["reset_two_factor"])
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            two_factor.reset(request, user)
        messages.success(request, f"已重置 {queryset.count()} 个用户的双因素认证；其接口令牌已作废。")

    def has_reset_two_factor_permission(self, request):
        return has_role(request.user, Role.SYSADMIN)


class MemberInline(admin.TabularInline):
    model = OrganisationMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "credit_code", "unit_type", "district", "verified_at")
    list_filter = ("unit_type", "district")
    search_fields = ("name", "credit_code")
    inlines = [MemberInline]

    def get_queryset(self, request):
        return Organisation.objects.visible_to(request.user)


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "title", "employer_name")
    search_fields = ("user__username", "user__full_name", "employer_name")
    filter_horizontal = ("key_fields",)


@admin.register(AuditRecord)
class AuditRecordAdmin(admin.ModelAdmin):
    """The audit trail for auditors (安全审计员): browse and filter, never add, change or delete.

    Separation of duties (三员分立, GB/T 22239-2019 level 3): only the auditor role reads it — not even
    the system administrator, whose own actions it records.
    """

    list_display = (
        "created_at",
        "actor_username",
        "action",
        "outcome",
        "object_type",
        "object_repr",
        "ip_address",
    )
    list_filter = ("action", "outcome", "object_type", ("created_at", admin.DateFieldListFilter))
    search_fields = ("actor_username", "object_repr", "object_id", "ip_address")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in AuditRecord._meta.fields]
    list_per_page = 50

    def has_module_permission(self, request):
        return has_role(request.user, Role.AUDITOR)

    def has_view_permission(self, request, obj=None):
        return has_role(request.user, Role.AUDITOR) and request.user.has_perm("accounts.view_auditrecord")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}
