"""Import of participants from a CSV or .xlsx file as exported from SDP.

Three steps, none of which trusts the previous one: `read_table` turns the file into rows
(or refuses it with a clear message), `check_rows` validates every row against the file
and the database and says what would happen, and `import_commit` writes all rows in one
transaction — or nothing. The key is (facility, registration number): importing the same
file again updates the records instead of creating twins. Between the steps the upload waits
in storage (`stage`); `templates` makes the empty file a facility fills in.
"""

from participants.importing.check import Preview, RowResult, check_rows
from participants.importing.columns import COLUMN_KEYS, COLUMNS
from participants.importing.commit import import_commit
from participants.importing.read import (
    LIMITS,
    MAX_BYTES,
    MAX_ROWS,
    ImportFileError,
    Table,
    check_upload,
    read_table,
)
from participants.importing.stage import (
    IMPORT_DIR,
    _local_copy,
    discard,
    remove_stale,
    store_upload,
    stored_path,
)
from participants.importing.templates import template_csv, template_xlsx

__all__ = [
    "COLUMNS",
    "COLUMN_KEYS",
    "IMPORT_DIR",
    "LIMITS",
    "MAX_BYTES",
    "MAX_ROWS",
    "ImportFileError",
    "Preview",
    "RowResult",
    "Table",
    "_local_copy",
    "check_rows",
    "check_upload",
    "discard",
    "import_commit",
    "read_table",
    "remove_stale",
    "store_upload",
    "stored_path",
    "template_csv",
    "template_xlsx",
]
