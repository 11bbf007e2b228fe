"""Audit-trail hooks (R-43): sign-in and sign-out, failed sign-in, lock-out, role changes, API tokens."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete
from django.dispatch import receiver
from django.utils import timezone
from knox.models import AuthToken

from accounts import audit
from accounts.constants import AuditAction, AuditOutcome


@receiver(user_logged_in, dispatch_uid="accounts_audit_sign_in")
def audit_sign_in(sender, request, user, **kwargs):
    audit.record(request if request is not None else user, AuditAction.SIGN_IN, obj=user)


@receiver(user_logged_out, dispatch_uid="accounts_audit_sign_out")
def audit_sign_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record(user if request is None else request, AuditAction.SIGN_OUT, obj=user)


@receiver(user_login_failed, dispatch_uid="accounts_audit_sign_in_failed")
def audit_sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in ``credentials``; only the username is kept.
    username = str(credentials.get("username", ""))[:150]
    audit.record(request, AuditAction.SIGN_IN_FAILED, outcome=AuditOutcome.FAILURE, username=username)


def audit_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    audit.record(
        request,
        AuditAction.LOCKED_OUT,
        outcome=AuditOutcome.DENIED,
        username=str(username or "")[:150],
        locked_ip=ip_address,
    )


@receiver(m2m_changed, sender=get_user_model().groups.through, dispatch_uid="accounts_audit_roles")
def audit_role_change(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Adding or removing a user to or from a group (role) is a permission change: one record per pair."""
    if action == "pre_clear":
        # Remember who loses what before the rows go; post_clear gets no pk_set.
        if reverse:
            instance._audit_cleared = [(u, instance) for u in instance.user_set.all()]
        else:
            instance._audit_cleared = [(instance, g) for g in instance.groups.all()]
        return
    if action == "post_clear":
        pairs = getattr(instance, "_audit_cleared", [])
        event = AuditAction.ROLE_REVOKED
    elif action in ("post_add", "post_remove") and pk_set:
        event = AuditAction.ROLE_GRANTED if action == "post_add" else AuditAction.ROLE_REVOKED
        others = model.objects.filter(pk__in=pk_set)
        pairs = [(u, instance) for u in others] if reverse else [(instance, g) for g in others]
    else:
        return
    for user, group in pairs:
        audit.record(None, event, obj=user, role=group.name, grantee=user.get_username())


@receiver(post_delete, sender=AuthToken, dispatch_uid="accounts_audit_token_removed")
def audit_token_removed(sender, instance, **kwargs):
    """Every API token that goes is recorded: revoked (by its owner, the system administrator or an OTP
    reset; the actor is the request's user) or expired (knox removes it when it is next presented)."""
    expired = instance.expiry is not None and instance.expiry < timezone.now()
    audit.record(
        None,
        AuditAction.API_TOKEN_EXPIRED if expired else AuditAction.API_TOKEN_REVOKED,
        owner_id=instance.user_id,
        token=instance.token_key[:8],
    )


def connect_axes() -> None:
    from axes.signals import user_locked_out

    user_locked_out.connect(audit_locked_out, dispatch_uid="accounts_audit_locked_out")
