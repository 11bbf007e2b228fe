"""The audit trail (R-43, R-40): append-only at three levels, a hash chain, and what gets recorded."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from accounts import audit
from accounts.audit_chain import GENESIS_HASH, audit_keys, link_mac, verify
from accounts.constants import AuditAction, AuditOutcome
from accounts.models import AuditRecord, AuditTrailIsAppendOnly
from accounts.permissions import grant, revoke
from tests.factories.accounts import DEMO_PASSWORD, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _records(n=3):
    user = UserFactory()
    return [audit.record(user, AuditAction.DATA_EXPORTED, obj=user, rows=i) for i in range(n)]


def test_record_names_actor_object_outcome_and_links_to_previous():
    """R-43: who, when, what, object, outcome; each HMAC (SM3) covers the previous record's HMAC."""
    user = UserFactory(username="wang")
    unit = OrganisationFactory(name="天津甲单位")
    first = audit.record(user, AuditAction.FILE_DOWNLOADED, obj=unit, filename="申报书.pdf")
    second = audit.record(user, AuditAction.DATA_EXPORTED, obj=unit, outcome=AuditOutcome.DENIED)
    first.refresh_from_db()
    assert (first.actor, first.actor_username, first.action) == (user, "wang", "file_downloaded")
    assert (first.object_type, first.object_id, first.object_repr) == (
        "accounts.organisation",
        str(unit.pk),
        "天津甲单位",
    )
    assert first.details == {"filename": "申报书.pdf"}
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    keys = audit_keys()
    assert (first.key_id, first.algorithm) == (keys.current_id, "sm3")
    assert first.hash == link_mac(keys.current, "sm3", GENESIS_HASH, first.canonical_content())
    assert second.outcome == "denied"


def test_model_refuses_change_and_delete():
    """R-43: nothing in the portal edits or deletes an audit record."""
    record = _records(1)[0]
    record.action = AuditAction.SIGN_IN
    with pytest.raises(AuditTrailIsAppendOnly):
        record.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        record.delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditRecord.objects.filter(pk=record.pk).update(outcome="failure")
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditRecord.objects.all().delete()
    assert AuditRecord.objects.get(pk=record.pk).action == AuditAction.DATA_EXPORTED


def test_database_refuses_update_by_raw_sql():
    """R-43: even SQL that bypasses the application is refused by a trigger."""
    record = _records(1)[0]
    with pytest.raises(DatabaseError, match="审计记录只可追加"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE accounts_auditrecord SET outcome = 'failure' WHERE id = %s", [record.pk])
    assert AuditRecord.objects.get(pk=record.pk).outcome == "success"


@pytest.mark.postgres
def test_database_refuses_delete_by_raw_sql_on_postgresql():
    """R-43: on PostgreSQL the trigger also refuses DELETE."""
    if connection.vendor != "postgresql":
        pytest.skip("DELETE trigger exists on PostgreSQL only (SQLite: Django's test flush deletes rows)")
    record = _records(1)[0]
    with pytest.raises(DatabaseError, match="审计记录只可追加"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM accounts_auditrecord WHERE id = %s", [record.pk])
    assert AuditRecord.objects.filter(pk=record.pk).exists()


def _bypass_trigger(cursor):
    """Only for simulating an attacker with database owner rights; rolled back with the test."""
    if connection.vendor == "postgresql":
        cursor.execute("ALTER TABLE accounts_auditrecord DISABLE TRIGGER accounts_auditrecord_append_only")
    else:
        cursor.execute("DROP TRIGGER accounts_auditrecord_no_update")


def test_verify_audit_chain_passes_on_an_intact_trail(capsys):
    """R-43: the management command verifies the chain."""
    _records(5)
    call_command("verify_audit_chain")
    assert "哈希链完整：共校验 5 条记录" in capsys.readouterr().out


def test_verify_audit_chain_reports_first_tampered_record():
    """R-43: a record changed behind the application's back is the first broken link reported."""
    records = _records(5)
    with connection.cursor() as cursor:
        _bypass_trigger(cursor)
        cursor.execute(
            "UPDATE accounts_auditrecord SET actor_username = 'someone-else' WHERE id = %s", [records[2].pk]
        )
    with pytest.raises(CommandError, match=f"第 {records[2].pk} 号记录处断开：记录内容与哈希不符"):
        call_command("verify_audit_chain")


def test_verify_reports_a_removed_record():
    """R-43: deleting a record from the middle breaks the next record's link."""
    records = _records(4)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            _bypass_trigger(cursor)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_auditrecord WHERE id = %s", [records[1].pk])
    result = verify(AuditRecord.objects.order_by("id"))
    checked, broken = result.checked, result.broken
    assert checked == 1
    assert broken.record_id == records[2].pk
    assert "前一条哈希" in broken.reason


def test_chain_cannot_fork():
    """R-43: two records can never claim the same predecessor (prev_hash is unique)."""
    first = _records(1)[0]
    duplicate = AuditRecord(action=AuditAction.SIGN_IN, prev_hash=first.prev_hash, hash="f" * 64)
    with pytest.raises(DatabaseError), transaction.atomic():
        duplicate.save()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain():
    """R-43: writers in parallel threads (separate connections) serialise on the advisory lock."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite serialises all writers)")
    user = UserFactory()
    errors = []

    def write(n):
        try:
            for i in range(5):
                audit.record(user, AuditAction.DATA_EXPORTED, worker=n, i=i)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = verify(AuditRecord.objects.order_by("id"))
    checked, broken = result.checked, result.broken
    assert broken is None
    assert checked == AuditRecord.objects.count() >= 20


def test_sign_in_and_failed_sign_in_are_recorded(client):
    """R-43: every sign-in and failed sign-in, with the IP address."""
    UserFactory(username="li")
    client.post("/accounts/login/", {"username": "li", "password": "wrong-password-1"})
    client.post("/accounts/login/", {"username": "li", "password": DEMO_PASSWORD})
    failed = AuditRecord.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert (failed.actor_username, failed.outcome, failed.ip_address) == ("li", "failure", "127.0.0.1")
    signed_in = AuditRecord.objects.get(action=AuditAction.SIGN_IN)
    assert signed_in.actor_username == "li" and signed_in.outcome == "success"


def test_role_changes_are_recorded():
    """R-43: adding and removing a role (group), from either side, is recorded per user."""
    user = UserFactory(username="zhao")
    group = Group.objects.create(name="auditor")
    user.groups.add(group)
    group.user_set.remove(user)
    user.groups.add(group)
    user.groups.clear()
    actions = list(
        AuditRecord.objects.filter(action__in=["role_granted", "role_revoked"])
        .order_by("id")
        .values_list("action", "details__role")
    )
    assert actions == [
        ("role_granted", "auditor"),
        ("role_revoked", "auditor"),
        ("role_granted", "auditor"),
        ("role_revoked", "auditor"),
    ]


def test_object_permission_grants_are_recorded():
    """R-43: guardian object permissions given and taken through accounts.permissions are recorded."""
    admin_user = UserFactory(username="admin1")
    expert = UserFactory(username="expert1")
    unit = OrganisationFactory()
    grant(expert, "accounts.view_organisation", unit, by=admin_user)
    assert expert.has_perm("accounts.view_organisation", unit)
    revoke(expert, "accounts.view_organisation", unit, by=admin_user)
    assert not expert.has_perm("accounts.view_organisation", unit)
    records = AuditRecord.objects.filter(object_type="accounts.organisation").order_by("id")
    assert [r.action for r in records] == ["permission_granted", "permission_revoked"]
    assert records[0].actor_username == "admin1"
    assert records[0].details["grantee"] == "expert1"


def test_auditor_browses_and_filters_the_trail_and_reaches_nothing_else(client):
    """R-43: auditors browse and filter the audit trail in the admin, read-only, and nothing else."""
    from django.core.management import call_command

    from tests.factories.accounts import login_verified

    call_command("setup_roles")
    auditor = UserFactory(username="auditor", is_staff=True, roles=["auditor"])
    someone = UserFactory(username="someone")
    audit.record(someone, AuditAction.DATA_EXPORTED, obj=someone)
    audit.record(someone, AuditAction.FILE_DOWNLOADED, obj=someone, filename="评分表.xlsx")
    login_verified(client, auditor)

    index = client.get("/django-admin/").content.decode()
    assert "/django-admin/accounts/auditrecord/" in index
    for other in ("accounts/user/", "accounts/organisation/", "auth/group/", "authtoken/"):
        assert f"/django-admin/{other}" not in index
    filtered = client.get("/django-admin/accounts/auditrecord/?action__exact=file_downloaded")
    assert [r.action for r in filtered.context["cl"].result_list] == ["file_downloaded"]
    assert (
        "评分表.xlsx"
        in client.get(
            f"/django-admin/accounts/auditrecord/{filtered.context['cl'].result_list[0].pk}/change/"
        ).content.decode()
    )
    assert client.get("/django-admin/accounts/auditrecord/add/").status_code == 403
    assert client.get("/django-admin/accounts/user/").status_code == 403
    assert client.get("/django-admin/accounts/organisation/").status_code == 403
    assert client.get("/admin/").status_code in (302, 403)
