"""Full-text indexes of the database fallback, per database vendor.

PostgreSQL: a trigger keeps `search_vector` (title weight A, body weight B, 'simple' configuration over the
jieba-segmented columns) and a GIN index serves it. SQLite: an FTS5 table over the segmented columns, with
external content and triggers that keep it in step with the table.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    """
    CREATE FUNCTION search_searchentry_vector() RETURNS trigger AS $$
    BEGIN
      NEW.search_vector :=
        setweight(to_tsvector('simple', coalesce(NEW.title_segmented, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(NEW.body_segmented, '')), 'B');
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER search_searchentry_vector_update
    BEFORE INSERT OR UPDATE OF title_segmented, body_segmented ON search_searchentry
    FOR EACH ROW EXECUTE FUNCTION search_searchentry_vector();
    """,
    "CREATE INDEX search_searchentry_vector_gin ON search_searchentry USING gin (search_vector);",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_searchentry_vector_gin;",
    "DROP TRIGGER IF EXISTS search_searchentry_vector_update ON search_searchentry;",
    "DROP FUNCTION IF EXISTS search_searchentry_vector();",
]

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_searchentry_fts USING fts5(
      title_segmented, body_segmented, content='search_searchentry', content_rowid='id'
    );
    """,
    """
    CREATE TRIGGER search_searchentry_fts_insert AFTER INSERT ON search_searchentry BEGIN
      INSERT INTO search_searchentry_fts(rowid, title_segmented, body_segmented)
      VALUES (new.id, new.title_segmented, new.body_segmented);
    END;
    """,
    """
    CREATE TRIGGER search_searchentry_fts_delete AFTER DELETE ON search_searchentry BEGIN
      INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, title_segmented, body_segmented)
      VALUES ('delete', old.id, old.title_segmented, old.body_segmented);
    END;
    """,
    """
    CREATE TRIGGER search_searchentry_fts_update AFTER UPDATE ON search_searchentry BEGIN
      INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, title_segmented, body_segmented)
      VALUES ('delete', old.id, old.title_segmented, old.body_segmented);
      INSERT INTO search_searchentry_fts(rowid, title_segmented, body_segmented)
      VALUES (new.id, new.title_segmented, new.body_segmented);
    END;
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_searchentry_fts_update;",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_delete;",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_insert;",
    "DROP TABLE IF EXISTS search_searchentry_fts;",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
