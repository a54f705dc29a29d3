"""Numbers of issued documents: `001/LB/RUTAN-BALIKPAPAN/XI/2026`, one register per issuer.

Writing a row when a PDF is first downloaded is the office's agenda book (like the audit
trail), not a change of anyone's data: the same document printed again finds its number.
"""

import datetime as dt

from django.db import IntegrityError
from django.db import transaction
from django.db.models import Max
from django.db.models import QuerySet

from rutan.models import DocumentNumber
from rutan.models import Facility
from rutan.models import Region

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
NATIONAL_ISSUER = "DITJENPAS"


def facility_issuer(facility: Facility) -> str:
    return facility.code.upper()


def region_issuer(region: Region | None) -> str:
    """The Kanwil of `region`, or the directorate general for the national recap."""
    return f"KANWIL-{region.code}" if region is not None else NATIONAL_ISSUER


def issued(issuer: str, kind: str, subject: str) -> QuerySet[DocumentNumber]:
    """The number issued for `subject` (one row at most), for a caller that reads it together
    with its other lists (rutan.aggregates.fetch_together)."""
    return DocumentNumber.objects.filter(issuer=issuer, kind=kind, subject=subject)


def _existing(issuer: str, kind: str, subject: str) -> str | None:
    return issued(issuer, kind, subject).values_list("number", flat=True).first()


def document_number(
    *, issuer: str, kind: DocumentNumber.Kind, subject: str, on: dt.date, known: str = ""
) -> str:
    """The number of the document `kind` about `subject`: the one it got when first issued,
    or the next one of `issuer`'s register for the year of `on`. `known`: the number the
    caller read already (`issued`); when it found none, a new one is issued here."""
    if known:
        return known
    if number := _existing(issuer, kind, subject):
        return number
    # Two first downloads at once: the unique constraints let one win; the other reads its
    # number (same subject) or takes the next sequence (another subject).
    for _attempt in range(5):
        last = DocumentNumber.objects.filter(issuer=issuer, kind=kind, year=on.year).aggregate(
            n=Max("sequence")
        )["n"]
        sequence = (last or 0) + 1
        number = f"{sequence:03d}/{kind}/{issuer}/{ROMAN_MONTHS[on.month - 1]}/{on.year}"
        try:
            with transaction.atomic():
                DocumentNumber.objects.create(
                    issuer=issuer,
                    kind=kind,
                    year=on.year,
                    sequence=sequence,
                    subject=subject,
                    number=number,
                    issued_on=on,
                )
        except IntegrityError:
            if number := _existing(issuer, kind, subject):
                return number
            continue
        return number
    raise RuntimeError("No free document number after five tries")
