"""Demo scenario: the Balikpapan programme with SEKATA, its 15-module curriculum and its cohort."""

import datetime as dt

from rehab.models import Cohort
from rehab.models import Module
from rehab.models import Programme
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

# Summary, learning objectives and delivery methods of each module, in Indonesian, as a
# partner would write them in its curriculum book. RHB-09 follows the press report of the
# 19 November 2025 session.
CONTENT = {
    "RHB-01": (
        "Perkenalan program, aturan kelompok dan kerahasiaan. Peserta memahami alur 15 "
        "pertemuan, hak untuk berhenti, serta menuliskan alasan pribadi untuk pulih.",
        "Peserta memahami tujuan dan aturan program; peserta menandatangani komitmen pemulihan "
        "dan menyebutkan satu harapan pribadi.",
        "Ceramah singkat, permainan perkenalan, diskusi kelompok",
    ),
    "RHB-02": (
        "Jenis-jenis NAPZA yang beredar (sabu, ganja, tramadol, heroin), cara kerjanya pada "
        "tubuh dan otak, serta dampak jangka pendek dan panjang bagi kesehatan, keluarga dan "
        "hukum.",
        "Peserta dapat menyebutkan golongan NAPZA dan dampaknya; peserta mengaitkan dampak itu "
        "dengan pengalamannya sendiri.",
        "Paparan materi, pemutaran video, tanya jawab",
    ),
    "RHB-03": (
        "Adiksi dipahami sebagai gangguan otak yang kronis dan dapat kambuh, bukan semata "
        "kelemahan moral. Pemulihan adalah proses panjang yang membutuhkan dukungan.",
        "Peserta memahami konsep adiksi dan pemulihan; stigma terhadap diri sendiri berkurang.",
        "Paparan materi, berbagi pengalaman, refleksi diri",
    ),
    "RHB-04": (
        "Mengenali pemicu internal (perasaan, pikiran) dan eksternal (orang, tempat, benda) "
        "yang membangkitkan keinginan memakai, serta teknik menunda dan mengalihkan craving.",
        "Peserta menyusun daftar pemicu pribadi dan dua cara menghadapi craving.",
        "Diskusi kelompok, lembar kerja pemicu, latihan pernapasan",
    ),
    "RHB-05": (
        "Emosi marah, sedih, bosan dan kesepian sering mendahului kekambuhan. Peserta belajar "
        "menamai emosi, mengenali tanda tubuh, dan memilih respons yang aman.",
        "Peserta dapat mengenali emosinya dan mempraktikkan satu teknik menenangkan diri.",
        "Refleksi diri, bermain peran, latihan relaksasi",
    ),
    "RHB-06": (
        "Pola pikir keliru seperti 'sekali saja tidak apa-apa' atau 'saya sudah kebal' dikenali "
        "dan diganti dengan pikiran yang lebih sehat dan realistis.",
        "Peserta mengenali tiga pola pikir keliru miliknya dan menuliskan pikiran penggantinya.",
        "Diskusi kelompok, contoh kasus, lembar kerja pikiran",
    ),
    "RHB-07": (
        "Berkomunikasi dengan tegas tanpa agresif: menyatakan kebutuhan, menolak tawaran "
        "memakai atau ajakan lama, dan menjaga hubungan tetap baik.",
        "Peserta mampu menolak tawaran dengan kalimat yang jelas dalam latihan bermain peran.",
        "Bermain peran, umpan balik kelompok",
    ),
    "RHB-08": (
        "Peran keluarga dan teman yang mendukung pemulihan, memperbaiki hubungan yang rusak, "
        "dan memilih lingkungan pergaulan setelah bebas.",
        "Peserta memetakan orang-orang pendukung dan satu langkah memperbaiki hubungan keluarga.",
        "Berbagi pengalaman, peta dukungan sosial, diskusi kelompok",
    ),
    "RHB-09": (
        "Sepuluh faktor yang dapat mengancam keberhasilan pemulihan, mulai dari godaan "
        "lingkungan negatif, kurangnya kontrol emosi, hingga kebiasaan lama yang dapat memicu "
        "relapse. Peserta diajak mengenali tanda-tanda awal yang berpotensi menimbulkan risiko, "
        "memahami pentingnya dukungan sosial, dan mengembangkan strategi untuk mempertahankan "
        "komitmen pemulihan.",
        "Peserta mengenali tanda bahaya pribadinya, memahami pentingnya dukungan sosial, dan "
        "menuliskan strategi mempertahankan komitmen pemulihan.",
        "Diskusi kelompok, refleksi diri, contoh kasus nyata",
    ),
    "RHB-10": (
        "Kekambuhan adalah proses yang dimulai jauh sebelum memakai lagi: tahap emosional, "
        "mental dan fisik. Peserta menyusun rencana pencegahan kekambuhan pribadi.",
        "Peserta memiliki rencana pencegahan kekambuhan tertulis dengan nomor kontak pendukung.",
        "Paparan materi, lembar kerja rencana, diskusi berpasangan",
    ),
    "RHB-11": (
        "Penularan HIV dan hepatitis B/C, risiko alat suntik dan perilaku seksual, pentingnya "
        "tes dan pengobatan, serta layanan kesehatan yang tersedia di rutan dan di luar.",
        "Peserta memahami cara penularan dan pencegahan; peserta tahu cara mengakses tes.",
        "Paparan oleh petugas kesehatan, tanya jawab, pemutaran video",
    ),
    "RHB-12": (
        "Nilai hidup, rasa syukur dan makna sebagai sumber kekuatan pemulihan, sesuai keyakinan "
        "masing-masing peserta.",
        "Peserta menuliskan nilai hidup yang ingin dijaga dan bagaimana nilai itu menopang "
        "pemulihannya.",
        "Refleksi diri, berbagi pengalaman, kegiatan keagamaan sesuai keyakinan",
    ),
    "RHB-13": (
        "Mengelola waktu dan uang, menyusun riwayat hidup sederhana, mengenal pelatihan kerja "
        "dan usaha kecil sebagai bekal hidup produktif setelah bebas.",
        "Peserta menyusun rencana kerja atau usaha sederhana dan daftar keterampilan yang dimiliki.",
        "Paparan materi, simulasi wawancara kerja, diskusi kelompok",
    ),
    "RHB-14": (
        "Peserta menyusun rencana pemulihan pribadi setelah bebas: tempat tinggal, pekerjaan, "
        "layanan rehabilitasi lanjutan (IPWL/BNN), kelompok dukungan dan peran Bapas.",
        "Peserta memiliki rencana pemulihan setelah bebas yang disepakati dengan fasilitator.",
        "Konseling individual, lembar kerja rencana, diskusi kelompok",
    ),
    "RHB-15": (
        "Menilai kembali perjalanan selama program, skrining ASSIST ulang, umpan balik peserta "
        "untuk mitra dan rutan, serta penutupan dan penyerahan sertifikat.",
        "Peserta menilai perubahan dirinya; fasilitator dan rutan memperoleh umpan balik program.",
        "Refleksi diri, evaluasi tertulis, upacara penutupan",
    ),
}


def _programme_and_cohort(facility, *, name, cohort_name, dates, partner, facilitator, **extra):
    """A programme at `facility` and its one cohort over the same dates, with its facilitator."""
    start, end = dates
    programme, _created = Programme.objects.update_or_create(
        facility=facility,
        name=name,
        defaults={"partner": partner, "start_date": start, "end_date": end, **extra},
    )
    cohort, _created = Cohort.objects.update_or_create(
        programme=programme, name=cohort_name, defaults={"start_date": start, "end_date": end}
    )
    cohort.facilitators.set([facilitator])
    return programme, cohort


def seed(ctx: DemoContext) -> None:
    modules = []
    for order, (code, title) in enumerate(CURRICULUM, start=1):
        summary, objectives, methods = CONTENT[code]
        module, _created = Module.objects.update_or_create(
            code=code,
            defaults={
                "title": title,
                "order": order,
                "summary": summary,
                "objectives": objectives,
                "methods": methods,
                "duration_minutes": 120,
            },
        )
        modules.append(module)
    programme, cohort = _programme_and_cohort(
        ctx.facilities["rutan-balikpapan"],
        name="Program Rehabilitasi Pemasyarakatan 2025",
        cohort_name="Angkatan I 2025",
        dates=(dt.date(2025, 11, 5), dt.date(2025, 12, 5)),
        partner=ctx.partners["sekata"],
        facilitator=ctx.users["fasilitator"],
        description=(
            "Program rehabilitasi bagi warga binaan Rutan Kelas IIA Balikpapan bersama "
            "Yayasan SEKATA, berdasarkan PKS 5 November 2025."
        ),
    )
    programme_b, cohort_b = _programme_and_cohort(
        ctx.facilities["rutan-samarinda"],
        name="Program Rehabilitasi Rutan Samarinda 2026",
        cohort_name="Angkatan I Samarinda 2026",
        dates=(dt.date(2026, 11, 2), dt.date(2026, 12, 18)),
        partner=ctx.partners["mitra_b"],
        facilitator=ctx.users["fasilitator_b"],
    )
    ctx.extra.update(
        modules=modules,
        programme=programme,
        cohort=cohort,
        programme_b=programme_b,
        cohort_b=cohort_b,
    )
