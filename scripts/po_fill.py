"""Fill empty English translations in locale/en from a JSON glossary (id -> en), then compile.

Usage: python scripts/po_fill.py locale/en/glossary.json
Keeping the glossary as data lets anyone add English without touching the .po by hand.
"""

import json
import sys
from pathlib import Path

import polib

PO = Path("locale/en/LC_MESSAGES/django.po")


def main(glossary_path: str) -> None:
    glossary = json.loads(Path(glossary_path).read_text(encoding="utf-8"))
    po = polib.pofile(str(PO))
    filled = 0
    for entry in po:
        if entry.msgid in glossary:
            entry.msgstr = glossary[entry.msgid]
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            filled += 1
    po.save()
    po.save_as_mofile(str(PO.with_suffix(".mo")))
    print(f"{filled} of {len(po)} messages translated")


if __name__ == "__main__":
    main(sys.argv[1])
