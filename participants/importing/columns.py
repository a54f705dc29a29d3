"""The columns an SDP file may hold, their labels, and the spellings each cell may take."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from participants.models import Participant
from participants.models import RegisterType


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    example: str = ""
    help: str = ""


COLUMNS = [
    Column(
        "no_registrasi",
        gettext_lazy("Nomor registrasi"),
        True,
        ("nomor registrasi", "no registrasi", "no reg", "noreg", "nomor register"),
        "AIII.0123/2025",
        gettext_lazy("Nomor registrasi SDP; kunci impor (sama = diperbarui)."),
    ),
    Column(
        "jenis_register",
        gettext_lazy("Jenis register"),
        True,
        ("register", "golongan", "gol register", "jenis registrasi"),
        "A.III",
        gettext_lazy("A.I–A.V (tahanan) atau B.I, B.IIa, B.IIb, B.III (narapidana)."),
    ),
    Column(
        "nama",
        gettext_lazy("Nama"),
        True,
        ("nama lengkap", "nama warga binaan", "nama wbp"),
        "Contoh Nama Fiktif",
    ),
    Column(
        "nik",
        gettext_lazy("NIK"),
        False,
        ("no ktp", "nomor induk kependudukan", "no nik"),
        "6471990101900001",
        gettext_lazy("16 angka; format kolom sebagai Teks di Excel agar angka tidak terpotong."),
    ),
    Column("tempat_lahir", gettext_lazy("Tempat lahir"), False, ("tmp lahir",), "Balikpapan"),
    Column(
        "tanggal_lahir",
        gettext_lazy("Tanggal lahir"),
        False,
        ("tgl lahir",),
        "15-08-1993",
        gettext_lazy("HH-BB-TTTT, HH/BB/TTTT atau TTTT-BB-HH."),
    ),
    Column(
        "jenis_kelamin",
        gettext_lazy("Jenis kelamin"),
        True,
        ("jk", "l p", "kelamin"),
        "L",
        gettext_lazy("L atau P."),
    ),
    Column("agama", gettext_lazy("Agama"), False, (), "Islam"),
    Column(
        "pendidikan",
        gettext_lazy("Pendidikan terakhir"),
        False,
        ("pendidikan terakhir",),
        "SMA",
        gettext_lazy("Tidak sekolah, SD, SMP, SMA/SMK, Diploma, S1, S2."),
    ),
    Column("pasal", gettext_lazy("Pasal perkara"), False, ("pasal perkara", "perkara"), ""),
    Column(
        "tanggal_masuk",
        gettext_lazy("Tanggal masuk"),
        True,
        ("tgl masuk", "tanggal penahanan", "tgl penahanan"),
        "02-06-2025",
    ),
    Column(
        "perkiraan_bebas",
        gettext_lazy("Perkiraan tanggal bebas"),
        False,
        ("tanggal bebas", "tgl bebas", "ekspirasi", "tanggal ekspirasi"),
        "01-06-2026",
    ),
    Column(
        "blok", gettext_lazy("Blok hunian"), False, ("blok hunian", "kamar", "blok kamar"), "Blok A"
    ),
    # The PP 25/2011 recap: a code or its Indonesian label (participants/vocabularies.py).
    Column(
        "zat_utama",
        gettext_lazy("Zat utama"),
        False,
        ("zat", "zat utama yang digunakan", "jenis narkotika"),
        "amphetamines",
        gettext_lazy("Kode atau nama: amphetamines / Amfetamin (sabu, ekstasi), cannabis, …"),
    ),
    Column(
        "lama_pakai",
        gettext_lazy("Lama pemakaian"),
        False,
        ("lama pemakaian", "lama penggunaan"),
        "3 tahun",
        gettext_lazy("Angka dan satuan: “18 bulan” atau “3 tahun”."),
    ),
    Column(
        "cara_pakai",
        gettext_lazy("Cara pakai"),
        False,
        ("cara pemakaian", "cara penggunaan"),
        "smoked",
        gettext_lazy("Kode atau nama: smoked, sniffed, oral, injected, other."),
    ),
    Column(
        "diagnosis",
        gettext_lazy("Diagnosis (ICD-10)"),
        False,
        ("diagnosa", "icd 10", "diagnosis icd 10"),
        "F15",
        gettext_lazy("F10–F19 atau “none” (tidak ada diagnosis)."),
    ),
    Column(
        "riwayat_terapi",
        gettext_lazy("Riwayat terapi/rehabilitasi"),
        False,
        ("riwayat rehabilitasi", "riwayat terapi rehabilitasi"),
        "never",
        gettext_lazy("Kode atau nama: never, outpatient, inpatient, upt, other."),
    ),
]
# Recap column → coded field.
CODED_COLUMNS = {
    "zat_utama": "primary_substance",
    "cara_pakai": "use_route",
    "diagnosis": "diagnosis",
    "riwayat_terapi": "treatment_history",
}
COLUMN_KEYS = [column.key for column in COLUMNS]
# Lazy: translated only when a message is actually built (5,000 rows, mostly clean).
LABEL_OF = {column.key: column.label for column in COLUMNS}

# Column → model field, for the columns that copy across as they are.
FIELD_OF = {
    "no_registrasi": "registration_number",
    "jenis_register": "register_type",
    "nama": "name",
    "nik": "nik",
    "tempat_lahir": "birth_place",
    "tanggal_lahir": "birth_date",
    "jenis_kelamin": "sex",
    "agama": "religion",
    "pendidikan": "education",
    "pasal": "case_article",
    "tanggal_masuk": "admission_date",
    "perkiraan_bebas": "expected_release_date",
    "blok": "cell_block",
}
MAX_LENGTHS = {
    "registration_number": 40,
    "name": 200,
    "birth_place": 100,
    "case_article": 200,
    "cell_block": 40,
}

REGISTERS = {value.replace(".", "").upper(): value for value in RegisterType.values}
SEXES = {
    **dict.fromkeys(("l", "lk", "laki laki", "laki", "pria", "m"), Participant.Sex.MALE),
    **dict.fromkeys(("p", "pr", "perempuan", "wanita", "f"), Participant.Sex.FEMALE),
}
RELIGIONS = {
    "islam": "islam",
    "kristen": "protestan",
    "protestan": "protestan",
    "kristen protestan": "protestan",
    "katolik": "katolik",
    "katholik": "katolik",
    "kristen katolik": "katolik",
    "hindu": "hindu",
    "buddha": "buddha",
    "budha": "buddha",
    "konghucu": "konghucu",
    "khonghucu": "konghucu",
    "lainnya": "lainnya",
    "kepercayaan": "lainnya",
}
EDUCATION = {
    "tidak sekolah": "none",
    "belum sekolah": "none",
    "tidak tamat sd": "none",
    "sd": "sd",
    "sd sederajat": "sd",
    "smp": "smp",
    "sltp": "smp",
    "mts": "smp",
    "sma": "sma",
    "smk": "sma",
    "slta": "sma",
    "ma": "sma",
    "sma smk": "sma",
    "diploma": "diploma",
    "d1": "diploma",
    "d2": "diploma",
    "d3": "diploma",
    "d4": "s1",
    "s1": "s1",
    "sarjana": "s1",
    "s2": "s2",
    "s3": "s2",
}
DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d-%m-%y", "%d/%m/%y")
