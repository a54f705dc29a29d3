"""The participant list as an Excel workbook (the layout: rutan/workbooks.py)."""

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from participants.models import Enrollment
from participants.models import RiskLevel
from rutan.workbooks import Column
from rutan.workbooks import sheet_add
from rutan.workbooks import workbook_bytes
from rutan.workbooks import workbook_new

# (label, width in characters): the export streams, so widths are fixed rather than fitted.
COLUMNS = [
    (lambda: _("No. registrasi"), 16),
    (lambda: _("Register"), 9),
    (lambda: _("Nama"), 30),
    (lambda: _("L/P"), 5),
    (lambda: _("Tanggal lahir"), 12),
    (lambda: _("Blok"), 10),
    (lambda: _("Tanggal masuk"), 12),
    (lambda: _("Perkiraan bebas"), 14),
    (lambda: _("Angkatan"), 18),
    (lambda: _("Status keikutsertaan"), 20),
    (lambda: _("Risiko skrining terakhir"), 16),
]


def participants_xlsx(rows, *, scope: str, on: dt.date) -> bytes:
    """One sheet, one row per participant as filtered on the list page, dates as dates.

    NIK, case article and substance history are left out on purpose: a spreadsheet
    travels by e-mail and USB stick, outside any access control or audit.
    """
    statuses = dict(Enrollment.Status.choices)
    risks = dict(RiskLevel.choices)
    title = _("Daftar warga binaan")
    workbook = workbook_new(title=title)
    sheet_add(
        workbook,
        name=_("Warga binaan"),
        title=title,
        subtitle=_("%(scope)s — per %(day)s") % {"scope": scope, "day": date_format(on, "j F Y")},
        columns=[Column(label(), width) for label, width in COLUMNS],
        rows=(
            [
                participant.registration_number,
                participant.register_type,
                participant.name,
                "L" if participant.sex == "M" else "P",
                participant.birth_date,
                participant.cell_block,
                participant.admission_date,
                participant.expected_release_date,
                participant.current_cohort,
                str(statuses.get(participant.current_status, "")),
                str(risks.get(participant.latest_risk, "")),
            ]
            for participant in rows
        ),
    )
    return workbook_bytes(workbook)
