"""Import of participants from a CSV or .xlsx file as exported from SDP.

Three steps, none of which trusts the previous one: `read_table` turns the file into rows
(or refuses it with a clear message), `check_rows` validates every row against the file
and the database and says what would happen, and `import_commit` writes all rows in one
transaction — or nothing. The key is (facility, registration number): importing the same
file again updates the records instead of creating twins. Between the steps the upload waits
in storage (`stage`); `templates` makes the empty file a facility fills in.
"""

from participants.importing.check import Preview
from participants.importing.check import RowResult
from participants.importing.check import check_rows
from participants.importing.columns import COLUMN_KEYS
from participants.importing.columns import COLUMNS
from participants.importing.commit import import_commit
from participants.importing.read import LIMITS
from participants.importing.read import MAX_BYTES
from participants.importing.read import MAX_ROWS
from participants.importing.read import ImportFileError
from participants.importing.read import Table
from participants.importing.read import check_upload
from participants.importing.read import read_table
from participants.importing.stage import IMPORT_DIR
from participants.importing.stage import _local_copy
from participants.importing.stage import discard
from participants.importing.stage import remove_stale
from participants.importing.stage import store_upload
from participants.importing.stage import stored_path
from participants.importing.templates import template_csv
from participants.importing.templates import template_xlsx

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
