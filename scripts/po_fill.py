"""Fill English translations in locale/en from a JSON glossary (id -> en), then compile.

Usage: python scripts/po_fill.py locale/en/glossary.json
Keeping the glossary as data lets anyone add English without touching the .po by hand.

A glossary value is a string, or for plural entries (msgid_plural) a list
[singular, plural]. Filled entries lose the "fuzzy" flag; fuzzy entries that are
not in the glossary get their msgstr blanked, since makemessages' guesses are often wrong.
"""

import json
import sys
from pathlib import Path

import polib

PO = Path("locale/en/LC_MESSAGES/django.po")


def fill(entry: polib.POEntry, value) -> None:
    if entry.msgid_plural:
        singular, plural = (value, value) if isinstance(value, str) else value
        entry.msgstr_plural = {0: singular, 1: plural}
    else:
        entry.msgstr = value if isinstance(value, str) else value[0]


def main(glossary_path: str) -> None:
    glossary = json.loads(Path(glossary_path).read_text(encoding="utf-8"))
    po = polib.pofile(str(PO))
    filled = blanked = 0
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid in glossary:
            fill(entry, glossary[entry.msgid])
            filled += 1
        elif "fuzzy" in entry.flags:
            entry.msgstr = ""
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
            blanked += 1
        else:
            continue
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    po.save()
    po.save_as_mofile(str(PO.with_suffix(".mo")))
    print(f"{filled} of {len(po)} messages translated, {blanked} fuzzy guesses blanked")


if __name__ == "__main__":
    main(sys.argv[1])
