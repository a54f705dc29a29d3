"""The vendored fonts of every PDF, as @font-face rules built from one table.

Noto Sans (static/fonts, OFL) comes in a Latin and a Latin Extended file per weight and
style; ticks, arrows and comparison signs (✓ → ≤) that it leaves out come from Noto Sans
Symbols 2 under the same family name. The family name is one no operating system has, so a
PDF never picks a system font silently: a missing file would show at once as a different
font in `pdffonts` (tests/rutan/test_pdf_documents.py).
"""

FAMILY = "Pulih Sans"

# Relative to static/css/, where the shared stylesheet is: url()s resolve against it.
_NOTO = "../fonts/noto-sans/noto-sans-{subset}-{weight}-{style}.woff"
_SYMBOLS = "../fonts/noto-sans-symbols-2/noto-sans-symbols-2-{subset}-400-normal.woff"

_NOTO_SUBSETS = {
    "latin": (
        "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, "
        "U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, "
        "U+FEFF, U+FFFD"
    ),
    "latin-ext": (
        "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+1D00-1DBF, "
        "U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, "
        "U+A720-A7FF"
    ),
}
_SYMBOL_SUBSETS = {"symbols": "U+2190-21FF, U+2300-23FF, U+25A0-27BF", "math": "U+2200-22FF"}
_FACES = ((400, "normal"), (400, "italic"), (700, "normal"), (700, "italic"))


def _rule(src: str, unicode_range: str, weight: int = 400, style: str = "normal") -> str:
    return (
        f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{src}") format("woff"); unicode-range: {unicode_range}; }}'
    )


def font_face_css() -> str:
    """Every @font-face rule the PDFs need, one a line."""
    rules = [
        _rule(_NOTO.format(subset=subset, weight=weight, style=style), codes, weight, style)
        for weight, style in _FACES
        for subset, codes in _NOTO_SUBSETS.items()
    ]
    rules += [_rule(_SYMBOLS.format(subset=s), codes) for s, codes in _SYMBOL_SUBSETS.items()]
    return "\n".join(rules)
