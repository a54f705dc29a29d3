"""Demo scenario: the Balikpapan programme with SEKATA, its 15-module curriculum and its cohort."""

import datetime as dt

from rehab.models import Cohort, Module, Programme
from rutan.demo import DemoContext

# A realistic curriculum for a 15-session NAPZA rehabilitation programme in a rutan.
CURRICULUM = [
    ("RHB-01", "Orientasi program dan komitmen pemulihan"),
    ("RHB-02", "Mengenal NAPZA dan dampaknya bagi tubuh"),
    ("RHB-03", "Adiksi sebagai penyakit otak yang dapat dipulihkan"),
    ("RHB-04", "Mengenali pemicu (trigger) dan craving"),
    ("RHB-05", "Mengelola emosi: marah, sedih dan bosan"),
    ("RHB-06", "Berpikir sehat: mengubah pola pikir keliru"),
    ("RHB-07", "Komunikasi asertif dan menolak tawaran"),
    ("RHB-08", "Keluarga dan dukungan sosial dalam pemulihan"),
    ("RHB-09", "10 Hal Berbahaya dalam Proses Recovery"),
    ("RHB-10", "Pencegahan kekambuhan (relapse prevention)"),
    ("RHB-11", "Kesehatan: HIV, hepatitis dan perilaku berisiko"),
    ("RHB-12", "Spiritualitas dan makna hidup"),
    ("RHB-13", "Keterampilan hidup dan kesiapan kerja"),
    ("RHB-14", "Rencana pemulihan pribadi setelah bebas"),
    ("RHB-15", "Evaluasi akhir dan penutupan program"),
]

SUMMARIES = {
    "RHB-09": (
        "Sepuluh faktor yang dapat mengancam pemulihan, mulai dari godaan lingkungan negatif, "
        "kurangnya kontrol emosi, hingga kebiasaan lama yang dapat memicu relapse."
    ),
}


def seed(ctx: DemoContext) -> None:
    modules = []
    for order, (code, title) in enumerate(CURRICULUM, start=1):
        module, _created = Module.objects.update_or_create(
            code=code,
            defaults={"title": title, "order": order, "summary": SUMMARIES.get(code, "")},
        )
        modules.append(module)
    balikpapan = ctx.facilities["rutan-balikpapan"]
    programme, _created = Programme.objects.update_or_create(
        facility=balikpapan,
        name="Program Rehabilitasi Pemasyarakatan 2025",
        defaults={
            "partner": ctx.partners["sekata"],
            "start_date": dt.date(2025, 11, 5),
            "end_date": dt.date(2025, 12, 5),
            "description": (
                "Program rehabilitasi bagi warga binaan Rutan Kelas IIA Balikpapan bersama "
                "Yayasan SEKATA, berdasarkan PKS 5 November 2025."
            ),
        },
    )
    cohort, _created = Cohort.objects.update_or_create(
        programme=programme,
        name="Angkatan I 2025",
        defaults={"start_date": dt.date(2025, 11, 5), "end_date": dt.date(2025, 12, 5)},
    )
    cohort.facilitators.set([ctx.users["fasilitator"]])
    samarinda = ctx.facilities["rutan-samarinda"]
    programme_b, _created = Programme.objects.update_or_create(
        facility=samarinda,
        name="Program Rehabilitasi Rutan Samarinda 2026",
        defaults={
            "partner": ctx.partners["mitra_b"],
            "start_date": dt.date(2026, 11, 2),
            "end_date": dt.date(2026, 12, 18),
        },
    )
    cohort_b, _created = Cohort.objects.update_or_create(
        programme=programme_b,
        name="Angkatan I Samarinda 2026",
        defaults={"start_date": dt.date(2026, 11, 2), "end_date": dt.date(2026, 12, 18)},
    )
    cohort_b.facilitators.set([ctx.users["fasilitator_b"]])
    ctx.extra.update(
        modules=modules,
        programme=programme,
        cohort=cohort,
        programme_b=programme_b,
        cohort_b=cohort_b,
    )
