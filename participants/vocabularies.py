"""Coded vocabularies of the PP 25/2011 recap, like DHIS2 option sets.

What is counted upward (main substance, route of use, diagnosis, treatment history) is stored as
a code, so reports group by code and show the label; never by whatever text was typed. This
module holds the codes, their Indonesian labels, the lookup that the import uses (a code or a
label, any case) and the keyword guesses the data migration used on the old free text.
"""

import re
import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _

from participants import assist

# The recap fields that hold a code, in the order the recap shows them.
CODED_FIELDS = ("primary_substance", "use_route", "diagnosis", "treatment_history")


class Substance(models.TextChoices):
    """Main substance: the WHO ASSIST substance classes (participants/assist.py keys)."""

    TOBACCO = "tobacco", _("Tembakau")
    ALCOHOL = "alcohol", _("Alkohol")
    CANNABIS = "cannabis", _("Kanabis (ganja)")
    COCAINE = "cocaine", _("Kokain")
    AMPHETAMINES = "amphetamines", _("Amfetamin (sabu, ekstasi)")
    INHALANTS = "inhalants", _("Inhalansia (lem, tiner)")
    SEDATIVES = "sedatives", _("Sedatif (pil koplo, tramadol)")
    HALLUCINOGENS = "hallucinogens", _("Halusinogen")
    OPIOIDS = "opioids", _("Opioida (heroin, putaw)")
    OTHER = "other", _("Zat lain")


class Route(models.TextChoices):
    """How the main substance is taken."""

    SMOKED = "smoked", _("Dihisap/dibakar (merokok, bong)")
    SNIFFED = "sniffed", _("Dihirup melalui hidung")
    ORAL = "oral", _("Ditelan/diminum (oral)")
    INJECTED = "injected", _("Disuntikkan")
    OTHER = "other", _("Cara lain")


class Diagnosis(models.TextChoices):
    """ICD-10 F10–F19: mental and behavioural disorders due to psychoactive substance use."""

    F10 = "F10", _("F10 Gangguan akibat alkohol")
    F11 = "F11", _("F11 Gangguan akibat opioida")
    F12 = "F12", _("F12 Gangguan akibat kanabinoida")
    F13 = "F13", _("F13 Gangguan akibat sedativa/hipnotika")
    F14 = "F14", _("F14 Gangguan akibat kokain")
    F15 = "F15", _("F15 Gangguan akibat stimulansia lain")
    F16 = "F16", _("F16 Gangguan akibat halusinogenika")
    F17 = "F17", _("F17 Gangguan akibat tembakau")
    F18 = "F18", _("F18 Gangguan akibat pelarut mudah menguap")
    F19 = "F19", _("F19 Gangguan akibat zat multipel/lainnya")
    NONE = "none", _("Tidak ada diagnosis")


class TreatmentHistory(models.TextChoices):
    """Earlier treatment or rehabilitation (PP 25/2011 aspect 7)."""

    NEVER = "never", _("Belum pernah")
    OUTPATIENT = "outpatient", _("Pernah, rawat jalan")
    INPATIENT = "inpatient", _("Pernah, rawat inap")
    UPT = "upt", _("Pernah, di UPT Pemasyarakatan")
    OTHER = "other", _("Pernah, lainnya")


class DurationUnit(models.TextChoices):
    MONTHS = "months", _("bulan")
    YEARS = "years", _("tahun")


VOCABULARY_OF = {
    "primary_substance": Substance,
    "use_route": Route,
    "diagnosis": Diagnosis,
    "treatment_history": TreatmentHistory,
}


def _key(text: str) -> str:
    """Lower case, no accents, dashes and slashes as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def lookup(field: str, text: str) -> str | None:
    """The code for `text` when it is a code or a label of the field's vocabulary, any case."""
    wanted = _key(text)
    if not wanted:
        return None
    for code, label in VOCABULARY_OF[field].choices:
        # The ASSIST form's names ("Kanabis (ganja, gele, cimeng)") are labels too.
        long_label = assist.SUBSTANCE_LABELS.get(code, "") if field == "primary_substance" else ""
        if wanted in (_key(code), _key(label), _key(long_label)):
            return code
    # Diagnosis labels are long: "F15" or "F15.2" is what people type.
    if field == "diagnosis" and (match := re.fullmatch(r"f ?(1\d)( \d+)?", wanted)):
        return f"F{match.group(1)}"
    return None


def allowed_values(field: str) -> str:
    """The codes of a vocabulary, for an error message."""
    return ", ".join(VOCABULARY_OF[field].values)


# Keyword guesses for the old free text (used once, by the data migration): a text that points
# at exactly one code is mapped; none or several means a person has to look at it.
_GUESSES: dict[str, dict[str, tuple[str, ...]]] = {
    "primary_substance": {
        "tobacco": ("rokok", "tembakau", "nikotin", "kretek"),
        "alcohol": ("alkohol", "miras", "tuak", "arak", "ciu", "bir", "minuman keras"),
        "cannabis": ("ganja", "kanabis", "marijuana", "mariyuana", "cimeng", "gele"),
        "cocaine": ("kokain",),
        "amphetamines": ("sabu", "shabu", "metamfetamin", "amfetamin", "ekstasi", "ineks"),
        "inhalants": ("lem", "inhalan", "tiner", "thinner", "aibon", "bensin"),
        "sedatives": (
            "pil koplo",
            "tramadol",
            "sedatif",
            "benzodiazepin",
            "diazepam",
            "alprazolam",
            "obat tidur",
            "dextro",
            "trihexyphenidyl",
        ),
        "hallucinogens": ("lsd", "halusinogen", "jamur", "magic mushroom"),
        "opioids": ("heroin", "putaw", "putau", "morfin", "opioid", "opiat", "kodein", "metadon"),
    },
    "use_route": {
        "smoked": ("hisap", "dihisap", "bakar", "dibakar", "rokok", "dirokok", "bong", "merokok"),
        "sniffed": ("hirup", "dihirup", "hidung", "snort"),
        "oral": ("telan", "ditelan", "minum", "diminum", "oral", "pil", "tablet"),
        "injected": ("suntik", "disuntik", "disuntikkan", "injeksi", "penasun"),
    },
    "diagnosis": {
        "F10": ("alkohol",),
        "F11": ("opioid", "opiat", "heroin", "putaw", "morfin"),
        "F12": ("kanabis", "kanabinoid", "ganja", "marijuana"),
        "F13": ("sedatif", "hipnotik", "tramadol", "pil koplo", "benzodiazepin"),
        "F14": ("kokain",),
        "F15": ("stimulan", "amfetamin", "metamfetamin", "sabu", "shabu", "ekstasi"),
        "F16": ("halusinogen", "lsd"),
        "F17": ("tembakau", "nikotin"),
        "F18": ("pelarut", "inhalan", "lem"),
        "F19": ("multipel", "zat campuran", "polisubstansi", "polidrug"),
        "none": (
            "tidak ada diagnosis",
            "tanpa diagnosis",
            "tidak terdiagnosis",
            "belum didiagnosis",
        ),
    },
    "treatment_history": {
        "never": (),  # matched by _NEVER below: the text must say nothing else
        "outpatient": (
            "rawat jalan",
            "konseling",
            "puskesmas",
            "ipwl",
            "klinik",
            "metadon",
            "ptrm",
            "rumatan",
        ),
        "inpatient": ("rawat inap", "residensial", "panti", "detoks", "detoksifikasi"),
        "upt": ("lapas", "rutan", "upt", "pemasyarakatan"),
    },
}
_NEVER = re.compile(
    r"((belum|tidak) (pernah|ada)( sama sekali)?"
    r"( (menjalani |mengikuti )?(di)?(rehabilitasi|terapi|rawat|dirawat))?)|belum|tidak|nihil|none"
)


def guess_code(field: str, text: str) -> str | None:
    """The one code the old free text points at, else None (nothing or more than one found)."""
    if code := lookup(field, text):
        return code
    key = _key(text)
    if not key:
        return None
    if field == "treatment_history" and _NEVER.fullmatch(key):
        return TreatmentHistory.NEVER
    if field == "diagnosis" and (match := re.match(r"f ?(1\d)\b", key)):
        return f"F{match.group(1)}"
    padded = f" {key} "
    found = {
        code
        for code, words in _GUESSES[field].items()
        if any(f" {_key(word)} " in padded or _key(word) in key.split() for word in words)
    }
    # Stems ("disuntik", "dihisap") and compounds ("metamfetamin") inside longer words.
    if not found:
        found = {
            code
            for code, words in _GUESSES[field].items()
            if any(len(_key(word)) >= 5 and _key(word) in key for word in words)
        }
    return found.pop() if len(found) == 1 else None


# Duration: stored in months; typed as "18 bulan", "3 tahun", "2 thn".
_DURATION = re.compile(r"(\d{1,4})\s*(bulan|bln|bl|months?|tahun|thn|th|years?)?")
MAX_DURATION_MONTHS = 80 * 12


def parse_duration(text: str) -> tuple[int | None, str]:
    """(months, "") for "18 bulan" or "3 tahun"; (None, message) when it cannot be read."""
    key = _key(text)
    match = _DURATION.fullmatch(key.replace(" ", "")) or _DURATION.fullmatch(key)
    if not match:
        return None, str(_("tulis angka dan satuannya, mis. “18 bulan” atau “3 tahun”"))
    number, unit = int(match.group(1)), match.group(2)
    if unit is None:
        return None, str(_("sebutkan satuannya: bulan atau tahun (mis. “3 tahun”)"))
    months = number * 12 if unit.startswith(("t", "y")) else number
    if months > MAX_DURATION_MONTHS:
        return None, str(_("lebih dari 80 tahun tidak masuk akal"))
    return months, ""


def duration_display(months: int | None) -> str:
    """“3 tahun”, “1 tahun 6 bulan”, “8 bulan”, or "" when not recorded."""
    if months is None:
        return ""
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(_("%(n)s tahun") % {"n": years})
    if rest or not years:
        parts.append(_("%(n)s bulan") % {"n": rest})
    return " ".join(str(p) for p in parts)
