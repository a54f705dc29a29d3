"""Reading a photographed or scanned daftar hadir back: QR code, corner marks, status boxes.

Pure image work (OpenCV, zxing-cpp), no database: sessions.services decides what a reading
means for a session. Every message raised is for the petugas who took the photo.
"""

import functools
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import segno
import zxingcpp
from django.utils.translation import gettext as _

from sessions import paper
from sessions.paper import SheetCode
from sessions.paper import sheet_code_parse

# The straightened page, in pixels per millimetre.
PX_PER_MM = 5
MAX_PAGES = 10
# Phone photos are downscaled to this longest side before reading: enough for 6 mm boxes.
MAX_SIDE = 2600
PDF_DPI = 150
# Mean darkness (0 white … 1 black) of a box's inside: at or above MARKED it holds a mark,
# at or below EMPTY it is empty; in between, or two marks, a person decides.
MARKED = 0.10
EMPTY = 0.045
# Half the side of the measured inside of a box (the printed box is 6 mm, its line 0.35 mm).
INNER_HALF_MM = 2.1
# The printed box frames must stay this dark after straightening, or the photo is too blurred.
MIN_FRAME_DARKNESS = 0.30


class SheetUnreadable(ValueError):
    """The photo or scan cannot be read safely; the message says what to do."""


@dataclass(frozen=True)
class RowReading:
    row: int  # from 0, on its page
    scores: tuple[float, ...]  # darkness of each box, in paper.BOX_STATUSES order
    status: str | None  # None when no box, or more than one, is clearly marked
    confidence: float  # 0 … 1
    unsure: bool


@dataclass(frozen=True)
class PageReading:
    code: SheetCode
    image: np.ndarray  # the straightened page, grey, PX_PER_MM
    rows: list[RowReading]
    frame_darkness: float


def images_from_upload(data: bytes) -> list[np.ndarray]:
    """The pages of an uploaded PDF, or the one image of a photo, in grey."""
    if data[:5] == b"%PDF-":
        return _pdf_pages(data)
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise SheetUnreadable(_("Berkas ini bukan foto (JPG/PNG) atau PDF yang dapat dibaca."))
    return [_limit_size(image)]


def _pdf_pages(data: bytes) -> list[np.ndarray]:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "scan.pdf"
        source.write_bytes(data)
        try:
            subprocess.run(  # noqa: S603 - a fixed program; the upload is only a file argument
                ["pdftoppm", "-r", str(PDF_DPI), "-gray", "-png", "-l", str(MAX_PAGES)]
                + [str(source), str(Path(tmp) / "page")],
                check=True,
                capture_output=True,
                timeout=120,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            raise SheetUnreadable(_("PDF ini tidak dapat dibuka.")) from None
        pages = [
            cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
            for path in sorted(Path(tmp).glob("page*.png"))
        ]
    pages = [_limit_size(p) for p in pages if p is not None]
    if not pages:
        raise SheetUnreadable(_("PDF ini tidak berisi halaman."))
    return pages


def _limit_size(image: np.ndarray) -> np.ndarray:
    scale = MAX_SIDE / max(image.shape[:2])
    if scale >= 1:
        return image
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def _find_code(image: np.ndarray) -> tuple[SheetCode, np.ndarray, str]:
    """The sheet's QR code: its parts, its four corners in the image (TL TR BR BL), its text."""
    for candidate in (image, cv2.GaussianBlur(image, (0, 0), 1.0)):
        for barcode in zxingcpp.read_barcodes(candidate, formats=zxingcpp.BarcodeFormat.QRCode):
            code = sheet_code_parse(barcode.text)
            if code is not None:
                p = barcode.position
                corners = [p.top_left, p.top_right, p.bottom_right, p.bottom_left]
                return code, np.float32([[c.x, c.y] for c in corners]), barcode.text
    raise SheetUnreadable(
        _(
            "Kode QR lembar tidak terbaca. Foto ulang seluruh lembar, tegak lurus, cukup terang "
            "dan tajam; pastikan ini daftar hadir yang dicetak dari Pulih."
        )
    )


@functools.lru_cache(maxsize=64)
def _qr_corners_mm(text: str) -> np.ndarray:
    """Where the QR symbol's corners are printed on the page (mm), quiet zone excluded."""
    modules = segno.make(text, error="m").symbol_size(border=0)[0]
    module = paper.QR_SIZE / (modules + 4)  # the PDF draws a 2-module border
    left, top = paper.QR_LEFT + 2 * module, paper.QR_TOP + 2 * module
    right, bottom = left + modules * module, top + modules * module
    return np.float32([[left, top], [right, top], [right, bottom], [left, bottom]])


def _mark_candidates(image: np.ndarray, px_per_mm: float) -> list[tuple[float, float]]:
    """Centres of solid dark squares about the size of a corner mark."""
    side = paper.MARK_SIZE * px_per_mm
    block = int(side * 3) | 1
    binary = cv2.adaptiveThreshold(
        cv2.GaussianBlur(image, (5, 5), 0),
        255,
        cv2.ADAPTIVE_THRESH_MEAN_C,
        cv2.THRESH_BINARY_INV,
        max(block, 3),
        15,
    )
    contours, _hierarchy = cv2.findContours(binary, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    centres = []
    for contour in contours:
        area = cv2.contourArea(contour)
        if not (0.3 * side * side <= area <= 3.0 * side * side):
            continue
        (_cx, _cy), (w, h), _angle = cv2.minAreaRect(contour)
        if min(w, h) == 0 or max(w, h) / min(w, h) > 1.8 or area < 0.8 * w * h:
            continue
        x, y, bw, bh = cv2.boundingRect(contour)
        mask = np.zeros((bh, bw), np.uint8)
        cv2.drawContours(mask, [contour - [x, y]], -1, 255, -1)
        inside = binary[y : y + bh, x : x + bw][mask > 0]
        if inside.size == 0 or inside.mean() < 0.85 * 255:
            continue  # a ring (a QR finder pattern), not a solid mark
        m = cv2.moments(contour)
        centres.append((m["m10"] / m["m00"], m["m01"] / m["m00"]))
    return centres


def _nearest(candidates: np.ndarray, point: np.ndarray, radius: float) -> np.ndarray:
    """The candidate closest to `point`, if within `radius` px; else the sheet is cut off."""
    if len(candidates):
        distances = np.linalg.norm(candidates - point, axis=1)
        best = int(np.argmin(distances))
        if distances[best] <= radius:
            return candidates[best]
    raise SheetUnreadable(
        _(
            "Lembar terpotong atau tertutup: keempat kotak hitam di sudut lembar harus "
            "ikut terfoto. Foto ulang seluruh lembar."
        )
    )


def _find_marks(image: np.ndarray, qr_image: np.ndarray, qr_mm: np.ndarray) -> np.ndarray:
    """The four corner marks' centres in the image (TL TR BR BL).

    The QR code tells where the two top marks are (it sits close to them); the top edge
    they make gives the direction and scale to find the bottom two, which a small QR
    code's own perspective would guess badly.
    """
    to_image = cv2.getPerspectiveTransform(qr_mm, qr_image)
    px_per_mm = float(np.linalg.norm(qr_image[1] - qr_image[0]) / (qr_mm[1][0] - qr_mm[0][0]))
    candidates = np.float32(_mark_candidates(image, px_per_mm)).reshape(-1, 2)
    (tl, tr, br, bl) = paper.MARK_CENTRES
    top = cv2.perspectiveTransform(np.float32([[tl, tr]]), to_image)[0]
    found_tl = _nearest(candidates, top[0], 30 * px_per_mm)
    found_tr = _nearest(candidates, top[1], 30 * px_per_mm)
    across = (found_tr - found_tl) / (tr[0] - tl[0])  # one mm along the top edge
    down = np.float32([-across[1], across[0]])
    found_bl = _nearest(candidates, found_tl + down * (bl[1] - tl[1]), 50 * px_per_mm)
    found_br = _nearest(candidates, found_tr + down * (br[1] - tr[1]), 50 * px_per_mm)
    return np.float32([found_tl, found_tr, found_br, found_bl])


def _normalise(page: np.ndarray) -> np.ndarray:
    """Darkness 0 (paper) … 1 (ink), with uneven light and shadows divided out."""
    # The paper's own brightness, estimated at a quarter size: brightest nearby, smoothed.
    small = cv2.resize(page, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    side = int(9 * PX_PER_MM / 4) | 1
    level = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (side, side)))
    level = cv2.GaussianBlur(level, (0, 0), PX_PER_MM)
    level = cv2.resize(level, (page.shape[1], page.shape[0]), interpolation=cv2.INTER_LINEAR)
    ratio = page.astype(np.float32) / np.maximum(level.astype(np.float32), 1)
    return np.clip(1 - ratio, 0, 1)


def _frame_template() -> np.ndarray:
    """The printed frames of one row's six boxes, as they look straightened (1 = ink)."""
    s = PX_PER_MM
    width, height = int(paper.BOX_CELL * 6 * s) + 20, int(paper.ROW_H * s) + 20
    template = np.zeros((height, width), np.float32)
    line = max(1, round(0.35 * s))
    for box in range(6):
        cx = 10 + (paper.BOX_CELL * box + paper.BOX_CELL / 2) * s
        cy = 10 + paper.ROW_H / 2 * s
        half = paper.BOX_SIZE / 2 * s
        cv2.rectangle(
            template,
            (round(cx - half), round(cy - half)),
            (round(cx + half) - 1, round(cy + half) - 1),
            1.0,
            line,
        )
    return template


_TEMPLATE = _frame_template()


def _row_offset(dark: np.ndarray, row: int) -> tuple[int, int]:
    """How far (dx, dy px) this row's boxes sit from where the layout puts them: paper bends."""
    s = PX_PER_MM
    search = 2 * s
    left = int(paper.BOXES_LEFT * s) - 10 - search
    top = int((paper.ROW_TOP + paper.ROW_H * row) * s) - 10 - search
    th, tw = _TEMPLATE.shape
    window = dark[top : top + th + 2 * search, left : left + tw + 2 * search]
    if window.shape != (th + 2 * search, tw + 2 * search):
        return 0, 0
    result = cv2.matchTemplate(window, _TEMPLATE, cv2.TM_CCORR_NORMED)
    _min, _max, _minloc, (x, y) = cv2.minMaxLoc(result)
    return x - search, y - search


def _frame_darkness(dark: np.ndarray, row: int, dx: int, dy: int) -> float:
    """How dark the printed left and right edges of the first empty-looking box are."""
    s = PX_PER_MM
    values = []
    for box in range(6):
        cx, cy = paper.box_centre(row, box)
        x0 = round((cx - paper.BOX_SIZE / 2) * s) + dx
        y = round(cy * s) + dy
        strip = dark[y - 2 * s : y + 2 * s, x0 - 3 : x0 + 4]
        if strip.size:
            values.append(float(strip.max(axis=1).mean()))
    return float(np.median(values)) if values else 0.0


def _row_scores(dark: np.ndarray, row: int) -> tuple[list[float], float]:
    """Darkness inside each box of the row, and how dark its printed frames look."""
    s = PX_PER_MM
    dx, dy = _row_offset(dark, row)
    half = round(INNER_HALF_MM * s)
    scores = []
    for box in range(len(paper.BOX_STATUSES)):
        cx, cy = paper.box_centre(row, box)
        x, y = round(cx * s) + dx, round(cy * s) + dy
        scores.append(float(dark[y - half : y + half, x - half : x + half].mean()))
    return scores, _frame_darkness(dark, row, dx, dy)


def _classify(row: int, raw: list[float], baseline: float) -> RowReading:
    """One clearly marked box gives the status; none or several leave it to a person."""
    scores = [round(max(0.0, value - baseline), 4) for value in raw]
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    first, second = scores[order[0]], scores[order[1]]
    clear = first >= MARKED and second <= EMPTY
    status = paper.BOX_STATUSES[order[0]] if clear else None
    confidence = min(1.0, (first - second) / (2 * MARKED)) if clear else 0.0
    return RowReading(row, tuple(scores), status, round(confidence, 2), not clear)


def read_page(
    image: np.ndarray, rows_for: Callable[[SheetCode], int] = lambda code: paper.ROWS_PER_PAGE
) -> PageReading:
    """Find the sheet in a grey photo, straighten it and read its rows.

    `rows_for` says how many rows the page identified by its code holds; it may refuse the
    page (raise) before any box is measured.
    """
    code, qr_image, text = _find_code(image)
    rows = rows_for(code)
    qr_mm = _qr_corners_mm(text)
    marks = _find_marks(image, qr_image, qr_mm)
    target = np.float32(paper.MARK_CENTRES) * PX_PER_MM
    to_page = cv2.getPerspectiveTransform(marks, target)
    # The QR must land where it is printed: otherwise a wrong blob was taken for a mark.
    qr_on_page = cv2.perspectiveTransform(qr_image.reshape(1, -1, 2), to_page)[0] / PX_PER_MM
    if np.abs(qr_on_page - qr_mm).max() > 4:
        raise SheetUnreadable(
            _("Lembar tidak dapat diluruskan: foto ulang seluruh lembar di atas alas yang rata.")
        )
    size = (int(paper.PAGE_W * PX_PER_MM), int(paper.PAGE_H * PX_PER_MM))
    page = cv2.warpPerspective(image, to_page, size, flags=cv2.INTER_AREA, borderValue=255)
    dark = _normalise(page)
    measured = [_row_scores(dark, row) for row in range(rows)]
    frames = [frame for _scores, frame in measured]
    frame_darkness = float(np.median(frames)) if frames else 1.0
    if frames and frame_darkness < MIN_FRAME_DARKNESS:
        raise SheetUnreadable(
            _("Foto terlalu buram untuk membaca kotak isian. Foto ulang dengan tangan diam.")
        )
    # Most boxes are empty: their median is this photo's paper grain and noise.
    every = [value for scores, _frame in measured for value in scores]
    baseline = float(np.median(every)) if every else 0.0
    readings = [_classify(row, scores, baseline) for row, (scores, _f) in enumerate(measured)]
    return PageReading(code, page, readings, frame_darkness)


def row_crop(page: np.ndarray, row: int) -> np.ndarray:
    """The row's strip of the straightened page, the evidence shown beside its reading."""
    s = PX_PER_MM
    top = round((paper.ROW_TOP + paper.ROW_H * row - 1) * s)
    bottom = round((paper.ROW_TOP + paper.ROW_H * (row + 1) + 1) * s)
    return page[top:bottom, round((paper.TABLE_LEFT - 1) * s) : round((paper.TABLE_RIGHT + 1) * s)]
