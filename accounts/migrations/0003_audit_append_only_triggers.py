"""The database refuses to change or delete audit records (R-43), whatever the application does.

PostgreSQL: a row trigger raises on UPDATE and DELETE. (TRUNCATE is left to privileges: the application's
database role must not own the table in production; Django's test flush uses TRUNCATE.)
SQLite: a trigger aborts UPDATE. No DELETE trigger on SQLite: Django's test flush empties tables with
DELETE there, and SQLite is only the embedded development default (docs/decisions/0004-audit-trail.md).
"""

from django.db import migrations

PG_CREATE = """
CREATE OR REPLACE FUNCTION accounts_auditrecord_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '审计记录只可追加，不可修改或删除（%）', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER accounts_auditrecord_append_only
    BEFORE UPDATE OR DELETE ON accounts_auditrecord
    FOR EACH ROW EXECUTE FUNCTION accounts_auditrecord_refuse_change();
"""
PG_DROP = """
DROP TRIGGER IF EXISTS accounts_auditrecord_append_only ON accounts_auditrecord;
DROP FUNCTION IF EXISTS accounts_auditrecord_refuse_change();
"""
SQLITE_CREATE = """
CREATE TRIGGER accounts_auditrecord_no_update BEFORE UPDATE ON accounts_auditrecord
BEGIN
    SELECT RAISE(ABORT, '审计记录只可追加，不可修改');
END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS accounts_auditrecord_no_update;"


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_CREATE, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE, params=None)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_audit_record")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
