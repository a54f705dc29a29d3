"""Reading a rendered PDF the way a person checks a filed document: text per page, fonts."""

import os
import re
import subprocess
from pathlib import Path

MINISTRY = "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA"
DIRECTORATE = "DIREKTORAT JENDERAL PEMASYARAKATAN"


def pdf_text(content: bytes) -> str:
    """The text of the whole PDF as pdftotext lays it out (columns kept, pages split by \\f)."""
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page, words joined by single spaces."""
    pages = pdf_text(content).split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [" ".join(page.split()) for page in pages]


def pdf_fonts(content: bytes) -> set[str]:
    """The font names `pdffonts` lists, without the subset prefix (ABCDEF+)."""
    lines = subprocess.run(
        ["pdffonts", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    names = [line.split()[0] for line in lines.splitlines()[2:] if line.strip()]
    return {name.split("+", 1)[-1] for name in names}


def keep_pages_as_png(content: bytes, name: str) -> None:
    """With PULIH_PDF_PNG=DIR set, the pages as PNG files (60 dpi) to look at."""
    folder = os.environ.get("PULIH_PDF_PNG")
    if not folder:
        return
    path = Path(folder) / f"{name}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(path.with_suffix(""))])


def assert_office_document(content: bytes, *, issuer_lines: list[str], number: str) -> list[str]:
    """The letterhead on page 1, the number and "Halaman X dari Y" on every page, and only
    the vendored font family embedded. Returns the pages' text."""
    assert content.startswith(b"%PDF")
    pages = pdf_pages(content)
    assert MINISTRY in pages[0] and DIRECTORATE in pages[0]
    for line in issuer_lines:
        assert line in pages[0], line
    for index, page in enumerate(pages, start=1):
        assert f"Halaman {index} dari {len(pages)}" in page, index
        assert number in page, index
    fonts = pdf_fonts(content)
    assert fonts and all(name.startswith("Pulih-Sans") for name in fonts), fonts
    return pages


def pdf_words(content: bytes) -> list[tuple[int, str, float, float, float, float]]:
    """Every word as (page, text, xMin, yMin, xMax, yMax) in points, from `pdftotext -bbox`."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    words = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for match in WORD.finditer(page):
            x_min, y_min, x_max, y_max = (float(match.group(name)) for name in POSITION)
            words.append((number, match.group("text"), x_min, y_min, x_max, y_max))
    return words


def words_off_the_page(content: bytes) -> list[str]:
    """Words (clipped to 30 characters) that reach past the right edge of their page."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    return [text[:30] for _page, text, _x, _y, x_max, _y2 in pdf_words(content) if x_max > width]


POSITION = ("xmin", "ymin", "xmax", "ymax")
WORD = re.compile(
    r'<word xMin="(?P<xmin>[\d.]+)" yMin="(?P<ymin>[\d.]+)" xMax="(?P<xmax>[\d.]+)" '
    r'yMax="(?P<ymax>[\d.]+)">(?P<text>[^<]*)</word>'
)
