"""The participant list as an Excel workbook."""

import io

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from participants.models import Enrollment, RiskLevel
from rutan.spreadsheets import safe_row

HEADERS = [
    ("registration_number", lambda: _("No. registrasi")),
    ("register_type", lambda: _("Register")),
    ("name", lambda: _("Nama")),
    ("sex", lambda: _("L/P")),
    ("birth_date", lambda: _("Tanggal lahir")),
    ("cell_block", lambda: _("Blok")),
    ("admission_date", lambda: _("Tanggal masuk")),
    ("expected_release_date", lambda: _("Perkiraan bebas")),
    ("current_cohort", lambda: _("Angkatan")),
    ("current_status", lambda: _("Status keikutsertaan")),
    ("latest_risk", lambda: _("Risiko skrining terakhir")),
]


def participants_xlsx(rows) -> bytes:
    """One sheet, one row per participant as filtered on the list page.

    NIK, case article and substance history are left out on purpose: a spreadsheet
    travels by e-mail and USB stick, outside any access control or audit.
    """
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Warga binaan"))
    header = []
    for _key, label in HEADERS:
        cell = WriteOnlyCell(sheet, value=label())
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    statuses = dict(Enrollment.Status.choices)
    risks = dict(RiskLevel.choices)
    for participant in rows:
        sheet.append(
            safe_row(
                [
                    participant.registration_number,
                    participant.register_type,
                    participant.name,
                    "L" if participant.sex == "M" else "P",
                    participant.birth_date,
                    participant.cell_block,
                    participant.admission_date,
                    participant.expected_release_date,
                    participant.current_cohort or "",
                    str(statuses.get(participant.current_status, "")),
                    str(risks.get(participant.latest_risk, "")),
                ]
            )
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
