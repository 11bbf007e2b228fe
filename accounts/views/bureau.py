"""The bureau's tenant view (/bureau/): the applicant units of its own district only (R-32).

Supervision's view (services.supervision.views.BureauDashboardView) extends this one with the district's
centres and the dashboard; accounts itself depends on no service. Every query starts from
``visible_to(user)``.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView

from accounts.constants import Role
from accounts.models import Organisation
from accounts.roles import has_role


class BureauAccessMixin(LoginRequiredMixin):
    """Bureau officers with a bureau and a verified second factor (R-43) only."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            if not has_role(user, Role.BUREAU_OFFICER) or user.bureau_id is None:
                raise PermissionDenied("仅区市场监管局人员可访问。")
            if not user.is_verified():
                raise PermissionDenied("请先完成双因素认证。")
            self.district = user.bureau
        return super().dispatch(request, *args, **kwargs)


class BureauHomeView(BureauAccessMixin, TemplateView):
    template_name = "accounts/bureau/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context.update(
            district=self.district,
            organisations=Organisation.objects.visible_to(user).for_district(self.district).order_by("name"),
        )
        return context
