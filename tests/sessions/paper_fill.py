"""Filled daftar hadir sheets the way paper comes back: pen marks, a tilted phone, bad light."""

import random
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from sessions import paper

DPI = 150
PX_PER_MM = DPI / 25.4


def render_page(pdf: bytes, page: int = 1, dpi: int = DPI) -> np.ndarray:
    """One page of the PDF in grey, as a scanner would give it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sheet.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(page), "-l", str(page)]
            + [str(path), str(Path(tmp) / "p")],
            check=True,
        )
        (png,) = Path(tmp).glob("p*.png")
        return cv2.imread(str(png), cv2.IMREAD_GRAYSCALE)


@dataclass
class Filled:
    image: np.ndarray
    # Per row: the status marked, None for a row left empty, "double" for two marks.
    truth: list[str | None]


def stroke(img: np.ndarray, rng: random.Random, cx: float, cy: float, ink: int) -> None:
    """One pen mark in the box centred at (cx, cy) px: a cross, a tick, or a scribble."""
    s = PX_PER_MM
    half = paper.BOX_SIZE / 2 * s * rng.uniform(0.55, 0.95)
    jx, jy = rng.uniform(-0.7, 0.7) * s, rng.uniform(-0.7, 0.7) * s
    cx, cy = cx + jx, cy + jy
    width = rng.choice([2, 2, 3, 4])
    kind = rng.choice(["cross", "cross", "tick", "scribble", "fill"])

    def pt(x, y):
        return (round(cx + x * half), round(cy + y * half))

    if kind == "cross":
        cv2.line(img, pt(-1, -1), pt(1, 1), ink, width, cv2.LINE_AA)
        cv2.line(img, pt(-1, 1), pt(1, -1), ink, width, cv2.LINE_AA)
    elif kind == "tick":
        cv2.line(img, pt(-0.9, 0.1), pt(-0.2, 0.9), ink, width + 1, cv2.LINE_AA)
        cv2.line(img, pt(-0.2, 0.9), pt(1.0, -1.0), ink, width + 1, cv2.LINE_AA)
    elif kind == "scribble":
        points = [pt(rng.uniform(-1, 1), rng.uniform(-1, 1)) for _ in range(7)]
        cv2.polylines(img, [np.int32(points)], False, ink, width + 1, cv2.LINE_AA)
    else:
        cv2.rectangle(img, pt(-0.8, -0.8), pt(0.8, 0.8), ink, -1)


def fill(page: np.ndarray, rows: int, rng: random.Random, blank_rate=0.05, double_rate=0.03):
    """Mark one box per row (sometimes none, sometimes two) with pens of varying darkness."""
    img = page.copy()
    truth: list[str | None] = []
    for row in range(rows):
        ink = rng.choice([rng.randint(10, 60), rng.randint(60, 120), rng.randint(120, 160)])
        roll = rng.random()
        if roll < blank_rate:
            truth.append(None)
            continue
        boxes = rng.sample(range(6), 2 if roll < blank_rate + double_rate else 1)
        for box in boxes:
            x, y = paper.box_centre(row, box)
            stroke(img, rng, x * PX_PER_MM, y * PX_PER_MM, ink)
        truth.append("double" if len(boxes) == 2 else paper.BOX_STATUSES[boxes[0]])
    return Filled(img, truth)


def photograph(img: np.ndarray, rng: random.Random, *, tilt=4.0, warp=0.03, blur=1.0, noise=6.0):
    """The sheet as a phone sees it: on a table, rotated, in perspective, blurred, noisy,
    under uneven light, saved as JPEG."""
    h, w = img.shape
    pad = int(0.08 * max(h, w))
    canvas = np.full((h + 2 * pad, w + 2 * pad), rng.randint(60, 140), np.uint8)
    canvas[pad : pad + h, pad : pad + w] = img
    H, W = canvas.shape
    src = np.float32([[pad, pad], [pad + w, pad], [pad + w, pad + h], [pad, pad + h]])
    angle = np.deg2rad(rng.uniform(-tilt, tilt))
    centre = np.float32([W / 2, H / 2])
    rot = np.float32([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    dst = (src - centre) @ rot.T + centre
    dst += np.float32([[rng.uniform(-warp, warp) * w, rng.uniform(-warp, warp) * h] for _ in dst])
    matrix = cv2.getPerspectiveTransform(src, np.float32(dst))
    background = int(canvas[0, 0])
    out = cv2.warpPerspective(canvas, matrix, (W, H), borderValue=background)
    # Uneven light: a shadow falling across the sheet from one side.
    gx, gy = rng.uniform(-1, 1), rng.uniform(-1, 1)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    light = 1 - 0.35 * np.clip((gx * (xx / W - 0.5) + gy * (yy / H - 0.5)) + 0.5, 0, 1)
    out = out.astype(np.float32) * light
    if blur:
        out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.3, blur))
    out += np.random.default_rng(rng.randint(0, 10**6)).normal(0, noise, out.shape)
    out = np.clip(out, 0, 255).astype(np.uint8)
    ok, jpeg = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, 80])
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)
