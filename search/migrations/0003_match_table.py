"""The database fallback's match table on PostgreSQL (docs/decisions/0146): one narrow row per entry.

`search_searchmatch` holds, per entry, the 64-bit hashes of its tsvector's lexemes (`bigint[]` under a GIN
index, whose @> and && answers need no recheck) and its facet values as codes of `search_facetvalue`, with
the year and the date. A search counts and facets over these rows (about 300 bytes each) rather than over
the entries (about 1.6 kB with their texts and tsvector); the page of hits is still scored on the entries.

Statement-level triggers keep it in step with `search_searchentry` inside the writing transaction: an
insert or an update upserts the rows written (and any new facet value), a delete removes them, a TRUNCATE
empties it. The hashes come from one SQL function, `search_term_hashes`, which the queries use too.
Nothing of this exists on SQLite, where the FTS5 table serves.
"""

from django.db import migrations

FACETS = ("kind", "type", "key_field", "district", "centre")

UPSERT = f"""
    CREATE FUNCTION search_searchmatch_upsert() RETURNS trigger AS $$
    BEGIN
      INSERT INTO search_facetvalue (facet, value)
      SELECT DISTINCT f.facet, f.value
      FROM new_rows n
      CROSS JOIN LATERAL (VALUES {", ".join(f"('{facet}', n.{facet})" for facet in FACETS)}) AS f (facet, value)
      ORDER BY 1, 2
      ON CONFLICT (facet, value) DO NOTHING;

      INSERT INTO search_searchmatch (entry_id, terms, {", ".join(FACETS)}, year, date)
      SELECT n.id, search_term_hashes(n.search_vector), {", ".join(f"f_{facet}.id" for facet in FACETS)},
             n.year, n.date
      FROM new_rows n
      {" ".join(f"JOIN search_facetvalue f_{facet} ON f_{facet}.facet = '{facet}' AND f_{facet}.value = n.{facet}" for facet in FACETS)}
      ORDER BY n.id
      ON CONFLICT (entry_id) DO UPDATE SET
        terms = EXCLUDED.terms, {", ".join(f"{facet} = EXCLUDED.{facet}" for facet in FACETS)},
        year = EXCLUDED.year, date = EXCLUDED.date;
      RETURN NULL;
    END
    $$ LANGUAGE plpgsql;
"""

POSTGRES_FORWARD = [
    """
    CREATE FUNCTION search_term_hashes(vector tsvector) RETURNS bigint[] AS $$
      SELECT COALESCE(array_agg(hashtextextended(lexeme, 0)), '{}')
      FROM unnest(tsvector_to_array(vector)) AS lexeme
    $$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;
    """,
    """
    CREATE TABLE search_facetvalue (
      id serial PRIMARY KEY,
      facet varchar(20) NOT NULL,
      value varchar(120) NOT NULL,
      UNIQUE (facet, value)
    );
    """,
    f"""
    CREATE TABLE search_searchmatch (
      entry_id integer PRIMARY KEY,
      terms bigint[] NOT NULL,
      {", ".join(f"{facet} integer NOT NULL" for facet in FACETS)},
      year smallint,
      date date
    );
    """,
    "CREATE INDEX search_searchmatch_terms_gin ON search_searchmatch USING gin (terms);",
    "CREATE INDEX search_searchmatch_date ON search_searchmatch (date, entry_id);",
    UPSERT,
    """
    CREATE FUNCTION search_searchmatch_delete() RETURNS trigger AS $$
    BEGIN
      DELETE FROM search_searchmatch m USING old_rows o WHERE m.entry_id = o.id;
      RETURN NULL;
    END
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE FUNCTION search_searchmatch_truncate() RETURNS trigger AS $$
    BEGIN
      TRUNCATE search_searchmatch;
      RETURN NULL;
    END
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER search_searchmatch_after_insert AFTER INSERT ON search_searchentry
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_searchmatch_upsert();
    """,
    """
    CREATE TRIGGER search_searchmatch_after_update AFTER UPDATE ON search_searchentry
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_searchmatch_upsert();
    """,
    """
    CREATE TRIGGER search_searchmatch_after_delete AFTER DELETE ON search_searchentry
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_searchmatch_delete();
    """,
    """
    CREATE TRIGGER search_searchmatch_after_truncate AFTER TRUNCATE ON search_searchentry
    FOR EACH STATEMENT EXECUTE FUNCTION search_searchmatch_truncate();
    """,
    # The entries already indexed: an update of every row fires the upsert once.
    "UPDATE search_searchentry SET id = id;",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_searchmatch_after_truncate ON search_searchentry;",
    "DROP TRIGGER IF EXISTS search_searchmatch_after_delete ON search_searchentry;",
    "DROP TRIGGER IF EXISTS search_searchmatch_after_update ON search_searchentry;",
    "DROP TRIGGER IF EXISTS search_searchmatch_after_insert ON search_searchentry;",
    "DROP FUNCTION IF EXISTS search_searchmatch_truncate();",
    "DROP FUNCTION IF EXISTS search_searchmatch_delete();",
    "DROP FUNCTION IF EXISTS search_searchmatch_upsert();",
    "DROP TABLE IF EXISTS search_searchmatch;",
    "DROP TABLE IF EXISTS search_facetvalue;",
    "DROP FUNCTION IF EXISTS search_term_hashes(tsvector);",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_indexes")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
