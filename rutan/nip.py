"""The NIP (Nomor Induk Pegawai) of a civil servant, printed under their signature.

18 digits: birth date (YYYYMMDD), month of appointment (YYYYMM), sex (1 man, 2 woman) and a
three-digit sequence, as set by the civil service agency (BKN).
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NIP_RE = re.compile(r"\d{18}")


def nip_problem(nip: str) -> str | None:
    """Why `nip` is not a NIP, in Indonesian, or None when it is one."""
    if not NIP_RE.fullmatch(nip):
        return str(_("NIP terdiri dari 18 angka, tanpa spasi atau tanda baca."))
    try:
        dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return str(_("Delapan angka pertama NIP harus tanggal lahir (TTTTBBHH)."))
    if not 1 <= int(nip[12:14]) <= 12:
        return str(_("Angka ke-13 dan ke-14 NIP harus bulan pengangkatan (01–12)."))
    if nip[14] not in "12":
        return str(_("Angka ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan)."))
    return None


def validate_nip(nip: str) -> None:
    if problem := nip_problem(nip):
        raise ValidationError(problem, code="invalid_nip")
