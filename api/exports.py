"""The de-identified programme records as a CSV or Excel file, for offices that upload files.

Rows are `api.records.record_rows` of the API's own serialized records; columns and codes are
documented in the README ("Data program terdeidentifikasi"). Every export writes an audit line.
"""

import csv
import io
from collections.abc import Iterable
from collections.abc import Iterator

import openpyxl
from django.http import HttpResponse
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from api.records import COLUMNS
from api.records import participant_records
from api.records import record_rows
from api.records import records_serialized
from participants.models import Participant
from rutan.audit import AuditAction
from rutan.audit import audit_record
from rutan.models import Facility
from rutan.spreadsheets import safe_row

FORMATS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Line:
    """A file-like object that hands back what csv.writer writes, one line at a time."""

    def write(self, value: str) -> str:
        return value


def records_csv(rows: Iterable[list]) -> Iterator[str]:
    """The header, then one CSV line per row (UTF-8, comma, RFC 4180 quoting), lazily."""
    writer = csv.writer(_Line())
    yield writer.writerow(COLUMNS)
    for row in rows:
        yield writer.writerow(safe_row(["" if value is None else value for value in row]))


def records_xlsx(rows: Iterable[list]) -> bytes:
    """One sheet: a bold header row of the column names, then the rows as written."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("records")
    header = []
    for name in COLUMNS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append(safe_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def records_export(user, *, fmt: str, facility_code: str = "", via: str = "") -> HttpResponse:
    """The records in `user`'s scope (one facility if asked) as a `fmt` download, audited.

    `via` names how it was asked for (the API token's organisation), for the audit line.
    A facility out of scope is a 404, as everywhere.
    """
    if facility_code:
        Facility.objects.get_visible(user, code=facility_code)
    scope = user.region.code if user.region_id else "nasional"
    audit_record(
        user=user,
        action=AuditAction.RECORDS_EXPORT,
        obj=Participant,
        detail=" ".join(part for part in (fmt, scope, facility_code, via) if part),
    )
    rows = record_rows(records_serialized(participant_records(user, facility_code=facility_code)))
    filename = f"data-program-{facility_code or scope}-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(records_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(records_xlsx(rows), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    response["Cache-Control"] = "no-store"
    return response
