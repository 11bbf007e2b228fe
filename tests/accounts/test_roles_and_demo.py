"""Roles as groups with model permissions (setup_roles), district editor groups, and the demo accounts."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from accounts import demo
from accounts.constants import Role
from accounts.models import AuditRecord, ExpertProfile, Organisation, SealedTOTPDevice, User
from accounts.role_setup import ROLE_PERMISSIONS
from accounts.roles import has_role, requires_otp
from accounts.two_factor import manual_key
from portal.demo import Progress

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
        group.name: sorted(group.permissions.values_list("codename", flat=True))
        for group in Group.objects.prefetch_related("permissions")
    }


def test_setup_roles_creates_every_role_group_and_is_idempotent():
    call_command("setup_roles")
    first = _snapshot()
    call_command("setup_roles")
    assert _snapshot() == first
    for role in Role:
        assert str(role) in first
    assert first[Role.AUDITOR] == ["view_auditrecord"]
    assert len(first[Role.COMMISSION_OFFICER]) == len(ROLE_PERMISSIONS[Role.COMMISSION_OFFICER])


def test_setup_roles_repairs_a_changed_group():
    call_command("setup_roles")
    auditor = Group.objects.get(name=Role.AUDITOR)
    auditor.permissions.clear()
    call_command("setup_roles")
    assert list(auditor.permissions.values_list("codename", flat=True)) == ["view_auditrecord"]


def test_demo_accounts_one_per_role_idempotent(capsys):
    """Demo users: one per role, two bureaus, two experts, two verified units with a member each."""
    lines = []
    demo.run(Progress(lines.append))
    counts = (User.objects.count(), SealedTOTPDevice.objects.count(), Organisation.objects.count())
    demo.run(Progress(lines.append))
    assert (User.objects.count(), SealedTOTPDevice.objects.count(), Organisation.objects.count()) == counts

    users = {u.username: u for u in User.objects.all()}
    for role in Role:
        assert any(has_role(u, role) for u in users.values()), role
    assert {users["binhai.officer"].bureau.name, users["nankai.officer"].bureau.name} == {
        "滨海新区",
        "南开区",
    }
    assert ExpertProfile.objects.count() == 8
    assert all(p.key_fields.exists() and p.employer_name for p in ExpertProfile.objects.all())
    for name in ("haisheng.admin", "yiliao.admin"):
        assert users[name].membership.organisation.is_verified
    assert users["sysadmin"].is_superuser
    # Staff get the printed fixed secret; applicants none.
    for user in users.values():
        device = SealedTOTPDevice.objects.filter(user=user, confirmed=True).first()
        assert (device is not None) == requires_otp(user), user.username
        if device:
            # The printed fixed secret is what the device opens to; the column holds it sealed only.
            assert device.bin_key == bytes.fromhex(demo.demo_totp_key(user.username))
            assert demo.demo_totp_key(user.username) not in device.key
    printed = "\n".join(lines)
    # the load's log no longer buries the secrets: it names the command that lists them
    assert "otpauth://totp/" not in printed and "manage.py demo_accounts" in printed
    assert users["auditor"].check_password(demo.DEMO_PASSWORD)
    listed = StringIO()
    call_command("demo_accounts", stdout=listed)
    listed = listed.getvalue()
    device = SealedTOTPDevice.objects.get(user=users["commission.officer"], confirmed=True)
    assert "otpauth://totp/" in listed and manual_key(device) in listed
    code = re.search(r"commission\.officer.*?当前口令 (\d{6})", listed, re.S).group(1)
    assert device.verify_token(code)  # the code printed is the one valid now


def test_demo_refuses_production(settings):
    settings.PORTAL_ENV = "prod"
    with pytest.raises(RuntimeError, match="不能在生产环境载入"):
        demo.run(Progress(print))
    assert not AuditRecord.objects.exists()
