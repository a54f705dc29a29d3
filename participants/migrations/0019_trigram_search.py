"""Trigram indexes for the admin's name and number search at national size.

The admin searches with `UPPER(column::text) LIKE UPPER('%word%')`, which no B-tree serves: over
240,000 warga binaan (and the millions of rows that search through them) it read every row,
0.8-2 s a search. A GIN trigram index on the same UPPER expression answers it from the index.
PostgreSQL only (pg_trgm is a trusted extension since PostgreSQL 13, so the database owner may
create it); the embedded SQLite of `make run` searches its small demo as before.
"""

from django.db import migrations

COLUMNS = ("name", "registration_number", "nik")
TABLE = "participants_participant"


def _index(column: str) -> str:
    return f"participant_{column}_trgm"


def up(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {_index(column)} ON {TABLE} "
            f"USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def down(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {_index(column)}")


class Migration(migrations.Migration):
    dependencies = [("participants", "0018_integration_leaves_on")]

    operations = [migrations.RunPython(up, down, elidable=False)]
