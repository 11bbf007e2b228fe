"""The audit chain becomes keyed (R-43): each record names its key id and algorithm, and its link is an
HMAC (accounts.audit_chain). Records written under the unkeyed SHA-256 chain are re-sealed once, here, in
their order, with the current key of AUDIT_HMAC_KEYS; the append-only trigger is suspended for that one
statement per row and restored in the same transaction. docs/decisions/0031-audit-trail.md says why.
"""

from django.db import migrations, models

from accounts.audit_chain import GENESIS_HASH, audit_keys, current_algorithm, link_mac, record_content

SUSPEND = {
    "postgresql": ["ALTER TABLE accounts_auditrecord DISABLE TRIGGER accounts_auditrecord_append_only"],
    "sqlite": ["DROP TRIGGER IF EXISTS accounts_auditrecord_no_update"],
}
RESTORE = {
    "postgresql": ["ALTER TABLE accounts_auditrecord ENABLE TRIGGER accounts_auditrecord_append_only"],
    "sqlite": [
        "CREATE TRIGGER accounts_auditrecord_no_update BEFORE UPDATE ON accounts_auditrecord "
        "BEGIN SELECT RAISE(ABORT, '审计记录只可追加，不可修改'); END;"
    ],
}


def reseal(apps, schema_editor):
    AuditRecord = apps.get_model("accounts", "AuditRecord")
    if not AuditRecord.objects.exists():
        return
    keys, algorithm = audit_keys(), current_algorithm()
    vendor = schema_editor.connection.vendor
    for statement in SUSPEND.get(vendor, []):
        schema_editor.execute(statement)
    prev = GENESIS_HASH
    with schema_editor.connection.cursor() as cursor:
        # Free the unique links first so that re-sealed values never collide with old ones.
        cursor.execute("UPDATE accounts_auditrecord SET prev_hash = 'old-' || id, hash = 'was-' || id")
        for record in AuditRecord.objects.order_by("id").iterator():
            record.key_id, record.algorithm = keys.current_id, algorithm
            mac = link_mac(keys.current, algorithm, prev, record_content(record))
            cursor.execute(
                "UPDATE accounts_auditrecord SET prev_hash = %s, hash = %s, key_id = %s, algorithm = %s "
                "WHERE id = %s",
                [prev, mac, keys.current_id, algorithm, record.pk],
            )
            prev = mac
    for statement in RESTORE.get(vendor, []):
        schema_editor.execute(statement)


def restore_sqlite_trigger(apps, schema_editor):
    """SQLite adds the columns by rebuilding the table, which drops its trigger: create it again."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SUSPEND["sqlite"][0])
        schema_editor.execute(RESTORE["sqlite"][0])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_audit_append_only_triggers")]

    operations = [
        migrations.AddField(
            model_name="auditrecord",
            name="key_id",
            field=models.CharField(default="", editable=False, max_length=8, verbose_name="密钥编号"),
        ),
        migrations.AddField(
            model_name="auditrecord",
            name="algorithm",
            field=models.CharField(default="", editable=False, max_length=10, verbose_name="算法"),
        ),
        migrations.AlterField(
            model_name="auditrecord",
            name="prev_hash",
            field=models.CharField(max_length=64, unique=True, verbose_name="前一条链接值"),
        ),
        migrations.AlterField(
            model_name="auditrecord",
            name="hash",
            field=models.CharField(max_length=64, unique=True, verbose_name="消息认证码"),
        ),
        migrations.RunPython(restore_sqlite_trigger, migrations.RunPython.noop),
        migrations.RunPython(reseal, migrations.RunPython.noop),
    ]
