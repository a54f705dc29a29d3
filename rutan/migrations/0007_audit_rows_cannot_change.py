from django.db import migrations

MESSAGE = "rutan_auditevent: audit rows cannot be changed or deleted"

POSTGRES_UP = f"""
CREATE OR REPLACE FUNCTION rutan_auditevent_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER rutan_auditevent_append_only
    BEFORE UPDATE OR DELETE ON rutan_auditevent
    FOR EACH ROW EXECUTE FUNCTION rutan_auditevent_refuse_change();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS rutan_auditevent_append_only ON rutan_auditevent;
DROP FUNCTION IF EXISTS rutan_auditevent_refuse_change();
"""
SQLITE_UP = [
    f"CREATE TRIGGER rutan_auditevent_no_{verb.lower()} BEFORE {verb} ON rutan_auditevent "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
    for verb in ("UPDATE", "DELETE")
]
SQLITE_DOWN = [f"DROP TRIGGER IF EXISTS rutan_auditevent_no_{verb};" for verb in ("update", "delete")]


def up(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)
    elif vendor == "sqlite":
        for statement in SQLITE_UP:
            schema_editor.execute(statement)


def down(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)
    elif vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    # The audit trail is evidence: append-only, whatever code (or admin) runs against it.
    dependencies = [("rutan", "0006_audit_action_names")]

    operations = [migrations.RunPython(up, down)]
