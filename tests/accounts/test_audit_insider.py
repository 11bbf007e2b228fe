"""The audit trail against an insider with database write access (R-43; GB/T 22239-2019 level 3).

Each test does the real thing in PostgreSQL — as the table owner or a superuser, with the append-only
trigger disabled where the attack needs it — and then asks ``verify_audit_chain`` to name it.
"""

import hashlib
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from accounts import audit, audit_checkpoint, database_roles
from accounts.audit_chain import GENESIS_HASH, canonical_json
from accounts.constants import AuditAction
from accounts.models import AuditRecord
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

OTHER_KEY = "dev:" + "11" * 32


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("insider actions (TRUNCATE, roles, disabled triggers) are PostgreSQL's")


@pytest.fixture
def trail(settings, tmp_path):
    """Twenty records and a checkpoint of them written to a file outside the database."""
    settings.AUDIT_CHECKPOINT_FILE = str(tmp_path / "checkpoints.jsonl")
    user = UserFactory(username="zhang")
    records = [audit.record(user, AuditAction.DATA_EXPORTED, obj=user, rows=i) for i in range(20)]
    audit_checkpoint.write(reason="test")
    return records


def as_owner(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE accounts_auditrecord DISABLE TRIGGER accounts_auditrecord_append_only")
        cursor.execute(sql, params)
        cursor.execute("ALTER TABLE accounts_auditrecord ENABLE TRIGGER accounts_auditrecord_append_only")


def verify_fails(match):
    with pytest.raises(CommandError, match=match):
        call_command("verify_audit_chain")


def test_intact_trail_matches_its_checkpoint(trail, capsys):
    """R-43: an untouched trail verifies against the latest checkpoint."""
    call_command("verify_audit_chain")
    assert f"第 {trail[-1].pk} 号记录）相符" in capsys.readouterr().out


def test_rewrite_with_recomputed_chain_is_named(trail):
    """R-43: rewriting a record and recomputing every later link (unkeyed SHA-256, as the old chain was)
    leaves a chain whose links agree with each other, but not with the key."""
    target = trail[5]
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE accounts_auditrecord DISABLE TRIGGER accounts_auditrecord_append_only")
        prev = trail[4].hash
        for record in AuditRecord.objects.filter(pk__gte=target.pk).order_by("id"):
            if record.pk == target.pk:
                record.actor_username = "someone-else"
            forged = hashlib.sha256((prev + canonical_json(record.canonical_content())).encode()).hexdigest()
            cursor.execute(
                "UPDATE accounts_auditrecord SET actor_username = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [record.actor_username, prev, forged, record.pk],
            )
            prev = forged
        cursor.execute("ALTER TABLE accounts_auditrecord ENABLE TRIGGER accounts_auditrecord_append_only")
    verify_fails(f"第 {target.pk} 号记录处断开：记录内容与哈希不符")


def test_tail_delete_is_named(trail):
    """R-43: deleting the newest 3 records leaves a consistent chain; the checkpoint names the loss."""
    as_owner("DELETE FROM accounts_auditrecord WHERE id > %s", [trail[-4].pk])
    assert AuditRecord.objects.count() == 17
    verify_fails(f"检查点记至第 {trail[-1].pk} 号记录（共 20 条），现仅有 17 条")


def test_tail_delete_then_new_records_is_named(trail):
    """R-43: deleting the newest records and writing new ones after them is still named."""
    as_owner("DELETE FROM accounts_auditrecord WHERE id > %s", [trail[-4].pk])
    for _ in range(5):
        audit.record(None, AuditAction.SIGN_IN)
    verify_fails(f"检查点记至第 {trail[-1].pk} 号记录")


def test_truncate_is_named(trail):
    """R-43: TRUNCATE as the table owner (the trigger does not fire on it) is named."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE accounts_auditrecord")
    verify_fails("现仅有 0 条.*审计表被清空")


def test_key_missing_is_named(trail, settings):
    """R-43: records signed with a key the environment no longer holds are named, not passed."""
    settings.AUDIT_HMAC_KEYS = "new:" + "22" * 32
    verify_fails("检查点的签名密钥“dev”未配置（密钥缺失）")
    settings.AUDIT_CHECKPOINT_FILE = ""
    verify_fails(f"第 {trail[0].pk} 号记录处断开：签名密钥“dev”未配置（密钥缺失）")


def test_wrong_key_is_named(trail, settings):
    """R-43: the right key id with the wrong key fails at the first record (and the checkpoint's seal)."""
    settings.AUDIT_HMAC_KEYS = OTHER_KEY
    verify_fails("检查点签名不符")
    settings.AUDIT_CHECKPOINT_FILE = ""
    verify_fails(f"第 {trail[0].pk} 号记录处断开：记录内容与哈希不符")


def test_forged_checkpoint_is_refused(trail, settings):
    """R-43: a checkpoint line appended without the key (to cover a tail delete) is refused."""
    as_owner("DELETE FROM accounts_auditrecord WHERE id > %s", [trail[-4].pk])
    last = AuditRecord.objects.order_by("-id").first()
    line = json.loads(open(settings.AUDIT_CHECKPOINT_FILE, encoding="utf-8").read().splitlines()[-1])
    line.update(last_id=last.pk, count=17, hash=last.hash, seal="0" * 64)
    with open(settings.AUDIT_CHECKPOINT_FILE, "a", encoding="utf-8") as sink:
        sink.write(json.dumps(line) + "\n")
    verify_fails("检查点签名不符")


def test_keys_rotate_with_a_key_id_per_record(settings):
    """R-43: a new key signs new records; the old key, still in the ring, verifies the old ones."""
    audit.record(None, AuditAction.SIGN_IN)
    settings.AUDIT_HMAC_KEYS = "k2026:" + "33" * 32 + "," + settings.AUDIT_HMAC_KEYS
    audit.record(None, AuditAction.SIGN_IN)
    assert list(AuditRecord.objects.order_by("id").values_list("key_id", flat=True)) == ["dev", "k2026"]
    call_command("verify_audit_chain")


def test_sha256_is_selectable(settings):
    """GB/T 39786: SM3 by default; SHA-256 when chosen, recorded per record."""
    settings.AUDIT_HMAC_ALGORITHM = "sha256"
    record = audit.record(None, AuditAction.SIGN_IN)
    assert record.algorithm == "sha256" and record.prev_hash == GENESIS_HASH
    call_command("verify_audit_chain")


def test_checkpoint_is_logged_and_mailed_to_auditors(settings, tmp_path, mailoutbox, caplog):
    """R-43: the head goes to the file, the log and, when configured, the auditors' mailbox."""
    settings.AUDIT_CHECKPOINT_FILE = str(tmp_path / "cp.jsonl")
    settings.AUDIT_CHECKPOINT_EMAILS = ["auditor@example.gov.cn"]
    record = audit.record(None, AuditAction.SIGN_IN)
    with caplog.at_level("INFO", logger="accounts.audit.checkpoint"):
        call_command("audit_checkpoint")
    assert f'"last_id":{record.pk}' in caplog.text
    assert mailoutbox[0].to == ["auditor@example.gov.cn"] and record.hash in mailoutbox[0].body
    assert audit_checkpoint.latest().hash == record.hash


def test_scheduled_checkpoint_task_is_in_beat(settings, tmp_path):
    """R-43: Celery beat writes checkpoints on a schedule."""
    from accounts.tasks import write_audit_checkpoint

    assert settings.CELERY_BEAT_SCHEDULE["audit-checkpoint"]["task"] == write_audit_checkpoint.name
    settings.AUDIT_CHECKPOINT_FILE = str(tmp_path / "cp.jsonl")
    assert write_audit_checkpoint.delay().get()["count"] == AuditRecord.objects.count()


def test_application_role_cannot_update_delete_or_truncate_the_trail():
    """R-43: the app's role owns no table and holds only SELECT and INSERT on the audit table."""
    role = f"{connection.settings_dict['NAME']}_app"[:60]
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}" NOLOGIN')  # rolled back with the test
    call_command("database_roles", "grant", role)
    assert database_roles.problems(connection, role) == []
    assert database_roles.problems(connection)  # the superuser the tests run as is unfit
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{role}"')
        try:
            written = audit.record(None, AuditAction.SIGN_IN)
            assert AuditRecord.objects.filter(pk=written.pk).exists()
            for sql in (
                "UPDATE accounts_auditrecord SET actor_username = 'x'",
                "DELETE FROM accounts_auditrecord",
                "TRUNCATE accounts_auditrecord",
                "ALTER TABLE accounts_auditrecord DISABLE TRIGGER accounts_auditrecord_append_only",
            ):
                with pytest.raises(DatabaseError, match="permission denied|must be owner"):
                    with transaction.atomic():
                        cursor.execute(sql)
        finally:
            cursor.execute("RESET ROLE")
    call_command("verify_audit_chain")
