"""The paper daftar hadir as a machine-readable form: one home for its layout and its code.

The PDF (sessions/pdf.py) draws from these numbers and the reader (sessions/omr.py) measures
with them, so a change here moves both. Lengths are millimetres on an A4 page.
"""

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

PAGE_W, PAGE_H = 210.0, 297.0
# Solid squares near each page corner; the reader straightens the photo on their centres.
MARK_SIZE = 6.0
MARK_CENTRES = ((13.0, 13.0), (197.0, 13.0), (197.0, 284.0), (13.0, 284.0))  # TL TR BR BL
QR_LEFT, QR_TOP, QR_SIZE = 168.0, 19.0, 26.0
TABLE_LEFT, TABLE_RIGHT = 18.0, 192.0
HEAD_TOP, HEAD_H = 68.0, 9.0
ROW_TOP, ROW_H = HEAD_TOP + HEAD_H, 10.0
ROWS_PER_PAGE = 16
# Columns (left edge, width).
COL_NO = (18.0, 8.0)
COL_NAME = (26.0, 52.0)
COL_REG = (78.0, 26.0)
BOXES_LEFT, BOX_CELL = 104.0, 9.0
COL_SIGN = (158.0, 34.0)
BOX_SIZE = 6.0
# Box order on paper: H T I S Sd A.
BOX_STATUSES = ("present", "late", "excused", "sick", "court", "absent")
BOX_LABELS = ("H", "T", "I", "S", "Sd", "A")

CODE_PREFIX = "PULIH-DH"
MAC_LENGTH = 12


def box_centre(row: int, box: int) -> tuple[float, float]:
    """Centre (x, y) of status box `box` in row `row` (both from 0) of a page."""
    return BOXES_LEFT + BOX_CELL * box + BOX_CELL / 2, ROW_TOP + ROW_H * row + ROW_H / 2


def page_chunks(items: Sequence, size: int = ROWS_PER_PAGE) -> list[list]:
    """The rows of each printed page; an empty sheet still prints one page."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)] or [[]]


def _mac(session_id: int, version: int, page: int, pages: int, ids: Sequence[int]) -> str:
    message = f"{session_id}:{version}:{page}:{pages}:{','.join(map(str, ids))}"
    key = f"pulih-daftar-hadir:{settings.SECRET_KEY}".encode()
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()[:MAC_LENGTH]


def sheet_code(
    *, session_id: int, version: int, page: int, pages: int, participant_ids: Sequence[int]
) -> str:
    """The QR text of one page: session, sheet version, page, and a checksum of all that and of
    who is printed on the page (in order), keyed with SECRET_KEY so it cannot be forged."""
    mac = _mac(session_id, version, page, pages, participant_ids)
    return f"{CODE_PREFIX}:{session_id}:{version}:{page}:{pages}:{mac}"


@dataclass(frozen=True)
class SheetCode:
    session_id: int
    version: int
    page: int  # from 1
    pages: int
    mac: str

    def is_valid_for(self, participant_ids: Sequence[int]) -> bool:
        """Whether the checksum matches this page printed with `participant_ids`."""
        expected = _mac(self.session_id, self.version, self.page, self.pages, participant_ids)
        return hmac.compare_digest(expected, self.mac)


def sheet_code_parse(text: str) -> SheetCode | None:
    """The parts of a page's QR text, or None for anything else."""
    parts = text.strip().split(":")
    if len(parts) != 6 or parts[0] != CODE_PREFIX:
        return None
    try:
        session_id, version, page, pages = (int(p) for p in parts[1:5])
    except ValueError:
        return None
    if not (1 <= page <= pages) or len(parts[5]) != MAC_LENGTH:
        return None
    return SheetCode(session_id, version, page, pages, parts[5])
