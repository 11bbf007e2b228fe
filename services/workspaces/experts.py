"""The expert registry (专家库), kept by the commission: register an expert (with an invitation to set a
password and enrol TOTP, R-43), change their record, take them out of or back into the pool."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import roles
from accounts.constants import Role
from accounts.models import ExpertProfile, Organisation, User
from services.casework.transitions import TransitionRefused

PROFILE_FIELDS = ("title", "employer_name", "employer_credit_code", "is_available")


def require_commission(user) -> None:
    if not roles.is_commission(user):
        raise TransitionRefused("只有市市场监管委人员可以维护专家库。")


def invitation_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password-reset-confirm", args=[uid, token])
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def send_invitation(user) -> None:
    """The invitation: a one-time link to set a password; at first sign-in TOTP enrolment follows (R-43)."""
    context = {
        "user": user,
        "link": invitation_link(user),
        "login": f"{settings.WAGTAILADMIN_BASE_URL}/accounts/login/",
    }
    send_mail(
        "【天津市计量数据中心服务平台】评审专家账户邀请",
        render_to_string("workspaces/email/expert_invitation.txt", context),
        None,
        [user.email],
    )


def _employer(credit_code: str):
    return Organisation.objects.filter(credit_code=credit_code).first() if credit_code else None


class SaveExpert:
    """Register a new expert (expert=None) or change one. data: the cleaned form (see forms.ExpertForm)."""

    def __init__(self, data: dict, expert: User | None = None):
        self.data = data
        self.expert = expert

    def check(self, user) -> None:
        require_commission(user)
        if self.expert is not None and not hasattr(self.expert, "expert"):
            raise TransitionRefused("该用户不是专家库中的专家。")

    def execute(self, user) -> User:
        self.check(user)
        d = self.data
        with transaction.atomic():
            expert = self.expert
            created = expert is None
            if created:
                expert = User(username=d["username"])
                expert.set_unusable_password()
            expert.full_name, expert.email, expert.phone = d["full_name"], d["email"], d.get("phone", "")
            expert.save()
            if created:
                expert.groups.add(Group.objects.get_or_create(name=Role.EXPERT)[0])
            profile = getattr(expert, "expert", None) or ExpertProfile(user=expert)
            for name in PROFILE_FIELDS:
                setattr(profile, name, d.get(name, getattr(profile, name)))
            profile.employer = _employer(profile.employer_credit_code)
            if profile.employer and not profile.employer_name:
                profile.employer_name = profile.employer.name
            profile.save()
            profile.key_fields.set(d["key_fields"])
            if created:
                transaction.on_commit(lambda: send_invitation(expert))
        return expert


def registry(params=None):
    """The registry, optionally by key field code and availability."""
    experts = (
        User.objects.filter(groups__name=Role.EXPERT, expert__isnull=False)
        .select_related("expert__employer")
        .prefetch_related("expert__key_fields")
        .order_by("full_name", "username")
        .distinct()
    )
    params = params or {}
    if params.get("field"):
        experts = experts.filter(expert__key_fields__code=params["field"])
    return experts
