"""PDF rendering with WeasyPrint: an HTML template with the shared letterhead, the vendored
fonts and one print stylesheet; nothing is fetched from outside the static files."""

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.formats import date_format

from rutan.document_numbers import document_number
from rutan.document_numbers import facility_issuer
from rutan.letterhead import Heading
from rutan.letterhead import facility_letterhead
from rutan.pdf_fonts import font_face_css

# Letterhead and signature block (after the fonts): before the document's own stylesheet.
BASE_STYLESHEET = "css/pdf_base.css"


class PdfResourceRefused(ValueError):
    """A template or stylesheet asked for something outside the static files."""


@lru_cache(maxsize=1)
def _static_roots() -> tuple[Path, ...]:
    roots = [Path(root).resolve() for root in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return tuple(roots)


def is_static_file_url(url: str) -> bool:
    """Whether `url` is a file:// URL of a file inside the static folders."""
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return False
    path = Path(unquote(parsed.path)).resolve()
    return any(path.is_relative_to(root) for root in _static_roots())


def _fetcher():
    # Imported here: WeasyPrint takes most of a second to load, and only PDF views need it.
    from weasyprint import URLFetcher

    class StaticFetcher(URLFetcher):
        """Inline data (QR codes) and static files (fonts) only: a prison network is often
        offline, and a PDF must never reach out to an address a template happens to hold."""

        def fetch(self, url, headers=None):
            if url.startswith("data:") or is_static_file_url(url):
                return super().fetch(url, headers)
            raise PdfResourceRefused(f"Not a static file: {url}")

    return StaticFetcher()


# A word longer than this gets a zero-width space (a break opportunity) after every LONG_WORD
# characters before layout, so that it wraps instead of running off the page. (CSS could do it,
# `overflow-wrap: anywhere`, but WeasyPrint's time for that grows with the square of a word's
# length and with every letter of a long table.) 40 letters fit any column of the documents;
# a document number (31) and a NIK (16) stay whole for search and copy.
LONG_WORD = 40
_TEXT = re.compile(r">([^<]+)<")
_LONG = re.compile(rf"(?:&[#\w]+;|[^\s<&]){{{LONG_WORD}}}")


def break_long_words(html: str) -> str:
    """`html` with a zero-width space after every LONG_WORD characters of a long word in its
    text (never inside a tag or an entity)."""

    def text(match: re.Match) -> str:
        return ">" + _LONG.sub(lambda word: word.group(0) + "\u200b", match.group(1)) + "<"

    return _TEXT.sub(text, html)


def render_pdf(template: str, context: dict, *, stylesheet: str, heading: Heading) -> bytes:
    """`template` rendered to PDF under `heading` (letterhead, title, number), with the
    static `stylesheet` (e.g. "css/report_pdf.css") after the shared one."""
    # Imported here: WeasyPrint takes most of a second to load, and only PDF views need it.
    from weasyprint import CSS
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    html = break_long_words(render_to_string(template, {**context, "heading": heading}))
    fetcher = _fetcher()
    # Without a font configuration WeasyPrint ignores @font-face and takes system fonts.
    fonts = FontConfiguration()
    base = finders.find(BASE_STYLESHEET)
    stylesheets = [
        CSS(string=font_face_css(), base_url=base, url_fetcher=fetcher, font_config=fonts),
        *(
            CSS(filename=finders.find(name), url_fetcher=fetcher, font_config=fonts)
            for name in (BASE_STYLESHEET, stylesheet)
        ),
    ]
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher)
    return document.write_pdf(stylesheets=stylesheets, font_config=fonts)


def place_date(facility, day) -> str:
    """ "<city>, <day>" above the signatures of a document the facility issues."""
    return f"{facility.city}, {date_format(day, 'j F Y')}"


def render_facility_pdf(
    template: str,
    context: dict,
    *,
    facility,
    kind: str,
    subject: str,
    on,
    title: str,
    confidential: bool = False,
    stylesheet: str = "css/report_pdf.css",
) -> bytes:
    """A document the facility issues: numbered in its register for `kind` and `subject` on
    `on`, under its letterhead, marked RAHASIA when `confidential`."""
    number = document_number(issuer=facility_issuer(facility), kind=kind, subject=subject, on=on)
    heading = Heading(facility_letterhead(facility), title, number, confidential=confidential)
    return render_pdf(template, context, stylesheet=stylesheet, heading=heading)
