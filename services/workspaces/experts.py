"""The expert registry (专家库), kept by the commission: register an expert (with an invitation to set a
password and enrol TOTP, R-43), change their record, take them out of or back into the pool. Saving is
one action on services.casework.actions.CaseAction; the pages and the API only parse the form and call it."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import audit, roles
from accounts.constants import AuditAction, Role
from accounts.models import ExpertProfile, Organisation, User
from services.casework.actions import CaseAction
from services.casework.refusals import ActionRefused, NotPermitted

PROFILE_FIELDS = ("title", "employer_name", "employer_credit_code", "is_available")


def require_commission(user) -> None:
    """Who keeps the registry (and sees it): the commission's staff."""
    if not roles.is_commission(user):
        raise NotPermitted("只有市市场监管委人员可以维护专家库。")


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


class SaveExpert(CaseAction):
    """Register a new expert (expert=None) or change one: ``SaveExpert(data, expert).execute(user)``, with
    data the cleaned ExpertForm (the page and the API parse it). The employer's credit code decides the
    expert's recusals (R-11); a new expert is invited to set a password and enrol TOTP (R-43), by e-mail on
    commit. Every save is audited."""

    def __init__(self, data: dict | None = None, expert: User | None = None):
        self.data = dict(data or {})
        self.expert = expert

    def check(self, user) -> None:
        require_commission(user)
        if self.expert is not None and not ExpertProfile.objects.filter(user=self.expert).exists():
            raise ActionRefused("该用户不是专家库中的专家。")

    def validate(self) -> None:
        d, errors = self.data, {}
        if self.expert is None:
            username = (d.get("username") or "").strip()
            if not username:
                errors["username"] = ["请填写登录账号。"]
            elif User.objects.filter(username__iexact=username).exists():
                errors["username"] = ["该登录账号已被使用，请换一个。"]
        for name, label in (("full_name", "姓名"), ("email", "电子邮箱")):
            if not (d.get(name) or "").strip():
                errors[name] = [f"请填写{label}。"]
        if not d.get("key_fields"):
            errors["key_fields"] = ["请至少选择一个专业领域。"]
        if errors:
            raise ValidationError(errors)

    def perform(self) -> User:
        d, expert = self.data, self.expert
        created = expert is None
        if created:
            expert = User(username=d["username"].strip())
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
        audit.record(
            self.user,
            AuditAction.EXPERT_REGISTERED if created else AuditAction.EXPERT_CHANGED,
            obj=expert,
            key_fields=sorted(profile.key_fields.values_list("code", flat=True)),
            employer_credit_code=profile.employer_credit_code,
            is_available=profile.is_available,
        )
        if created:
            self.after_commit(lambda: send_invitation(expert))
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
