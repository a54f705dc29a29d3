"""The rules of a participant record that every way in must keep: the form, the import, the API.

Forms only collect input and call these; the importer calls them for each row.
"""

import datetime as dt
import re

from django.utils.translation import gettext_lazy as _

from rutan import dates

# The identity and case facts of a record, in the order the form shows them: the form edits them
# and an import row may update them (the register number and type identify a row; kept apart).
RECORD_FACTS = [
    "nik",
    "birth_place",
    "birth_date",
    "sex",
    "religion",
    "education",
    "case_article",
    "admission_date",
    "expected_release_date",
    "cell_block",
    "primary_substance",
]


def normalise_nik(value: str) -> str:
    """NIK as typed or pasted: spaces, dots and dashes are dropped."""
    return re.sub(r"[\s.\-]", "", value or "")


def nik_error(nik: str) -> str | None:
    if nik and not re.fullmatch(r"\d{16}", nik):
        return _("NIK harus terdiri dari tepat 16 angka (sekarang %(n)s karakter).") % {
            "n": len(nik)
        }
    return None


def date_errors(
    *,
    birth_date: dt.date | None,
    admission_date: dt.date | None,
    expected_release_date: dt.date | None,
    today: dt.date,
) -> dict[str, str]:
    """The date rules of a participant record, shared by the form and the import."""
    errors = {}
    if birth_date:
        if birth_date > today:
            errors["birth_date"] = _("Tanggal lahir tidak boleh di masa depan.")
        elif error := dates.date_error(dates.validate_birth_date, birth_date):
            errors["birth_date"] = error
    if admission_date:
        if admission_date > today:
            errors["admission_date"] = _("Tanggal masuk tidak boleh di masa depan.")
        elif error := dates.date_error(dates.validate_custody_date, admission_date):
            errors["admission_date"] = error
        elif birth_date and admission_date <= birth_date:
            errors["admission_date"] = _("Tanggal masuk harus sesudah tanggal lahir.")
    if expected_release_date and (
        error := dates.date_error(dates.validate_release_date, expected_release_date)
    ):
        errors["expected_release_date"] = error
    elif expected_release_date and admission_date and expected_release_date < admission_date:
        errors["expected_release_date"] = _(
            "Perkiraan tanggal bebas tidak boleh sebelum tanggal masuk."
        )
    return errors
