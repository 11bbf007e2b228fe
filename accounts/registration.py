"""Registering an applicant unit in the service hall (R-01), with e-mail verification.

The registering person becomes the unit's administrator. Until they open the link sent to them, their
account is inactive and the unit unverified (it cannot apply). The link is signed, expires after
UNIT_VERIFICATION_MAX_AGE seconds, and works once: a second use finds the unit already verified and
changes nothing.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts import audit
from accounts.constants import AuditAction, AuditOutcome, MemberRole, Role
from accounts.models import Organisation, OrganisationMember, User

SALT = "accounts.unit-verification"


class RegistrationRefused(Exception):
    """The registration or verification cannot go ahead; the message is for the person."""


def make_token(user: User, organisation: Organisation) -> str:
    return signing.dumps({"u": user.pk, "o": organisation.pk, "e": user.email}, salt=SALT, compress=True)


def verification_url(request, user, organisation) -> str:
    path = reverse("accounts:register-verify", args=[make_token(user, organisation)])
    return request.build_absolute_uri(path) if request is not None else settings.WAGTAILADMIN_BASE_URL + path


@transaction.atomic
def register_unit(request, person_form, organisation_form) -> tuple[User, Organisation]:
    """Create the inactive person, the unverified unit and the membership; send the verification link."""
    try:
        with transaction.atomic():
            organisation = organisation_form.save()
            user = person_form.save(commit=False)
            user.set_password(person_form.cleaned_data["password1"])
            user.is_active = False
            user.save()
    except IntegrityError as exc:  # a concurrent registration of the same code or username won the race
        raise RegistrationRefused("该单位或用户名刚刚已被登记，请检查后重试。") from exc
    OrganisationMember.objects.create(organisation=organisation, user=user, role=MemberRole.ADMINISTRATOR)
    user.groups.add(Group.objects.get_or_create(name=Role.APPLICANT)[0])
    audit.record(request, AuditAction.UNIT_REGISTERED, obj=organisation, username=user.username)
    send_verification(request, user, organisation)
    return user, organisation


def send_verification(request, user, organisation) -> None:
    """The verification link by e-mail, once the transaction commits (registration, or a resend)."""
    url = verification_url(request, user, organisation)
    context = {
        "user": user,
        "organisation": organisation,
        "url": url,
        "hours": settings.UNIT_VERIFICATION_MAX_AGE // 3600,
    }
    transaction.on_commit(
        lambda: send_mail(
            render_to_string("accounts/email/verify_unit_subject.txt", context).strip(),
            render_to_string("accounts/email/verify_unit_body.txt", context),
            None,
            [user.email],
        )
    )


def resend_verification(request, user_pk) -> User:
    """A new link for a person whose unit is not yet verified (after a sign-in with the right password)."""
    user = User.objects.filter(pk=user_pk, is_active=False).select_related("membership__organisation").first()
    membership = getattr(user, "membership", None) if user is not None else None
    if membership is None or membership.organisation.verified_at is not None:
        raise RegistrationRefused("没有待验证的注册：请重新登录，或直接使用已收到的验证链接。")
    send_verification(request, user, membership.organisation)
    return user


@dataclass(frozen=True)
class Verified:
    user: User
    organisation: Organisation


def verify_unit(request, token: str) -> Verified:
    """Open a verification link: activate the person and verify the unit, once."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.UNIT_VERIFICATION_MAX_AGE)
    except signing.SignatureExpired as exc:
        audit.record(request, AuditAction.UNIT_VERIFIED, outcome=AuditOutcome.FAILURE, reason="expired")
        raise RegistrationRefused("验证链接已过期，请重新登记或联系平台管理员重新发送验证邮件。") from exc
    except signing.BadSignature as exc:
        audit.record(request, AuditAction.UNIT_VERIFIED, outcome=AuditOutcome.FAILURE, reason="bad signature")
        raise RegistrationRefused("验证链接无效，请确认链接完整无误。") from exc
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().filter(pk=data["o"]).first()
        user = User.objects.select_for_update().filter(pk=data["u"], email=data["e"]).first()
        if organisation is None or user is None:
            raise RegistrationRefused("验证链接无效：对应的单位或用户已不存在。")
        if organisation.verified_at is not None:
            raise RegistrationRefused("该验证链接已使用过，单位已完成验证，请直接登录。")
        organisation.verified_at = timezone.now()
        organisation.save(update_fields=["verified_at"])
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit.record(request, AuditAction.UNIT_VERIFIED, obj=organisation, username=user.username)
    return Verified(user, organisation)
