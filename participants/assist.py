"""WHO ASSIST v3.1 scoring: pure functions, no database (DESIGN.md, "WHO ASSIST v3.1 scoring").

The Specific Substance Involvement Score of a substance is the sum of the scores of
questions 2–7 (tobacco has no question 5). Question 1 (ever used) and question 8
(injecting) are recorded by the screening but never scored.
"""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

SUBSTANCES: tuple[str, ...] = (
    "tobacco",
    "alcohol",
    "cannabis",
    "cocaine",
    "amphetamines",
    "inhalants",
    "sedatives",
    "hallucinogens",
    "opioids",
    "other",
)

# How the Indonesian ASSIST names each substance class, with examples as printed on the form.
SUBSTANCE_LABELS = {
    "tobacco": _("Produk tembakau (rokok, kretek, cerutu, tembakau kunyah)"),
    "alcohol": _("Minuman beralkohol (bir, anggur, tuak, ciu, arak)"),
    "cannabis": _("Kanabis (ganja, gele, cimeng)"),
    "cocaine": _("Kokain"),
    "amphetamines": _("Stimulan jenis amfetamin (sabu, ekstasi, amfetamin)"),
    "inhalants": _("Inhalansia (lem, bensin, tiner, aerosol)"),
    "sedatives": _("Sedatif atau obat tidur (pil koplo, diazepam, alprazolam, tramadol)"),
    "hallucinogens": _("Halusinogen (LSD, jamur, PCP)"),
    "opioids": _("Opioida (heroin/putaw, morfin, metadon, kodein)"),
    "other": _("Zat lain"),
}

FREQUENCY = ("never", "once_twice", "monthly", "weekly", "daily")
EVER = ("no", "yes_past_3m", "yes_earlier")

FREQUENCY_LABELS = {
    "never": _("Tidak pernah"),
    "once_twice": _("Satu atau dua kali"),
    "monthly": _("Setiap bulan"),
    "weekly": _("Setiap minggu"),
    "daily": _("Setiap hari atau hampir setiap hari"),
}
EVER_LABELS = {
    "no": _("Tidak pernah"),
    "yes_past_3m": _("Ya, dalam 3 bulan terakhir"),
    "yes_earlier": _("Ya, tetapi tidak dalam 3 bulan terakhir"),
}

QUESTION_SCORES: dict[int, dict[str, int]] = {
    2: dict(zip(FREQUENCY, (0, 2, 3, 4, 6), strict=True)),
    3: dict(zip(FREQUENCY, (0, 3, 4, 5, 6), strict=True)),
    4: dict(zip(FREQUENCY, (0, 4, 5, 6, 7), strict=True)),
    5: dict(zip(FREQUENCY, (0, 5, 6, 7, 8), strict=True)),
    6: dict(zip(EVER, (0, 6, 3), strict=True)),
    7: dict(zip(EVER, (0, 6, 3), strict=True)),
}

QUESTIONS = {
    1: _("Sepanjang hidup Anda, zat mana yang pernah Anda pakai (bukan untuk keperluan medis)?"),
    2: _("Dalam 3 bulan terakhir, seberapa sering Anda memakai zat ini?"),
    3: _(
        "Dalam 3 bulan terakhir, seberapa sering Anda merasakan keinginan yang kuat "
        "atau dorongan untuk memakai zat ini?"
    ),
    4: _(
        "Dalam 3 bulan terakhir, seberapa sering pemakaian zat ini menyebabkan masalah "
        "kesehatan, sosial, hukum atau keuangan bagi Anda?"
    ),
    5: _(
        "Dalam 3 bulan terakhir, seberapa sering Anda gagal melakukan hal yang biasanya "
        "diharapkan dari Anda karena pemakaian zat ini?"
    ),
    6: _(
        "Apakah teman, kerabat atau orang lain pernah menyatakan kekhawatiran "
        "tentang pemakaian zat ini oleh Anda?"
    ),
    7: _("Apakah Anda pernah mencoba mengurangi atau menghentikan pemakaian zat ini tetapi gagal?"),
    8: _(
        "Apakah Anda pernah memakai zat apa pun dengan cara disuntik (bukan untuk keperluan medis)?"
    ),
}

# Questions 3–5 are asked only about substances used in the past three months (Q2 not "never").
RECENT_USE_QUESTIONS = (3, 4, 5)

LOW, MODERATE, HIGH = "low", "moderate", "high"

# Upper bound of the low band per substance; 27 and above is high for every substance.
LOW_UPPER = {"alcohol": 10}
LOW_UPPER_DEFAULT = 3
HIGH_FROM = 27

RECOMMENDATIONS = {
    LOW: _("Edukasi: informasi tentang bahaya zat dan dukungan untuk tetap tidak memakai."),
    MODERATE: _("Intervensi singkat, atau rehabilitasi dalam program pembinaan."),
    HIGH: _("Rehabilitasi dan rujukan untuk asesmen serta terapi lanjutan."),
}


def questions_for(substance: str) -> tuple[int, ...]:
    """The scored questions asked about `substance` (tobacco has no question 5)."""
    _check_substance(substance)
    if substance == "tobacco":
        return (2, 3, 4, 6, 7)
    return (2, 3, 4, 5, 6, 7)


def involvement_score(substance: str, responses: Mapping[int, str]) -> int:
    """Specific Substance Involvement Score: the sum of the scored answers to questions 2–7.

    A question without an answer counts 0 (it was not asked); an answer to a question the
    substance does not have (tobacco's question 5) is ignored; an unknown answer raises.
    """
    total = 0
    for question in questions_for(substance):
        answer = responses.get(question)
        if answer in (None, ""):
            continue
        try:
            total += QUESTION_SCORES[question][answer]
        except KeyError:
            raise ValueError(f"Unknown answer {answer!r} to question {question}") from None
    return total


def risk_level(substance: str, score: int) -> str:
    """The risk band of an involvement score: "low", "moderate" or "high"."""
    _check_substance(substance)
    if score < 0:
        raise ValueError(f"A score cannot be negative: {score}")
    if score >= HIGH_FROM:
        return HIGH
    if score > LOW_UPPER.get(substance, LOW_UPPER_DEFAULT):
        return MODERATE
    return LOW


def highest_risk(levels: list[str]) -> str:
    """The most serious of several risk levels ("low" when there are none)."""
    order = (LOW, MODERATE, HIGH)
    return max(levels, key=order.index, default=LOW)


def _check_substance(substance: str) -> None:
    if substance not in SUBSTANCES:
        raise ValueError(f"Unknown substance {substance!r}")
