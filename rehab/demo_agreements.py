"""Demo scenario: the PKS of 5 November 2025 between Rutan Balikpapan and Yayasan SEKATA,
and a fictional PKS at Samarinda that ends within 60 days, so the home warning shows."""

import datetime as dt
from functools import lru_cache

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape

from rehab.documents import inspect_pdf
from rehab.models import Agreement, AgreementScopeItem
from rehab.services.agreements import ScopeLine, agreement_save
from rutan.demo import DemoContext

LEGAL_BASIS = "Undang-Undang Nomor 22 Tahun 2022 tentang Pemasyarakatan"
SCOPE = [
    ScopeLine(
        AgreementScopeItem.Kind.TECHNICAL_GUIDANCE, "Bimbingan teknis dan materi tentang NAPZA"
    ),
    ScopeLine(
        AgreementScopeItem.Kind.ACCOMPANIMENT,
        "Pendampingan terhadap warga binaan peserta program rehabilitasi",
    ),
    ScopeLine(AgreementScopeItem.Kind.EVALUATION, "Evaluasi berkala"),
]

BALIKPAPAN_PKS = {
    # The agency numbers are fictional; the parties, date, place, scope and purpose follow
    # the press report of 5 November 2025.
    "facility_number": "W.18.PAS.PAS.5-PK.01.04-0451",
    "partner_number": "017/YS-BPN/XI/2025",
    "title": (
        "Perjanjian Kerja Sama tentang Program Rehabilitasi Pemasyarakatan bagi Warga Binaan "
        "Rutan Kelas IIA Balikpapan"
    ),
    "signed_place": "Rutan Kelas IIA Balikpapan",
    "signed_on": dt.date(2025, 11, 5),
    "facility_signatory": "Agus Salim",
    "facility_signatory_title": "Kepala Rutan Kelas IIA Balikpapan",
    "partner_signatory": "Mohammad Effendi",
    "partner_signatory_title": "Pimpinan Yayasan SEKATA",
    "valid_from": dt.date(2025, 11, 5),
    "valid_until": dt.date(2027, 11, 4),
    "guarantees_integration": True,
    "legal_basis": LEGAL_BASIS,
    "purpose": (
        "Maksud: sebagai landasan dalam melaksanakan Program Rehabilitasi Pemasyarakatan bagi "
        "Warga Binaan Rutan Kelas IIA Balikpapan.\n"
        "Tujuan: agar program tersebut dapat berjalan efektif dan berkesinambungan."
    ),
    "notes": (
        "Data demo. Nomor PKS dan masa berlaku dua tahun (5 November 2025 – 4 November 2027) "
        "adalah rincian fiktif; dokumen terlampir adalah contoh, bukan dokumen asli."
    ),
}

SAMARINDA_SCOPE = [
    SCOPE[1],
    ScopeLine(AgreementScopeItem.Kind.OTHER, "Kelas keterampilan kerja bagi peserta (fiktif)"),
]
SAMARINDA_DAYS_LEFT = 40


def seed(ctx: DemoContext) -> None:
    kepala = ctx.users["kepala"]
    balikpapan = _agreement(
        facility=ctx.facilities["rutan-balikpapan"],
        partner=ctx.partners["sekata"],
        values=BALIKPAPAN_PKS,
        scope=SCOPE,
        approved_at=timezone.make_aware(dt.datetime(2025, 11, 5, 14, 0)),
        approved_by=kepala,
    )
    _link(ctx.extra.get("programme"), balikpapan)
    until = timezone.localdate() + dt.timedelta(days=SAMARINDA_DAYS_LEFT)
    samarinda = _agreement(
        facility=ctx.facilities["rutan-samarinda"],
        partner=ctx.partners["mitra_b"],
        values={
            "facility_number": "W.18.PAS.PAS.6-PK.01.04-0112",
            "partner_number": "004/YHB-SMD/2025",
            "title": "Perjanjian Kerja Sama Pendampingan Rehabilitasi Warga Binaan (fiktif)",
            "signed_place": "Samarinda",
            "signed_on": until - dt.timedelta(days=365),
            "facility_signatory": "Kepala Rutan Samarinda (fiktif)",
            "facility_signatory_title": "Kepala Rutan Kelas IIA Samarinda",
            "partner_signatory": "Rina Wulandari",
            "partner_signatory_title": "Ketua Yayasan",
            "valid_from": until - dt.timedelta(days=364),
            "valid_until": until,
            "guarantees_integration": False,
            "legal_basis": LEGAL_BASIS,
            "purpose": "Pendampingan warga binaan peserta program rehabilitasi (data fiktif).",
            "notes": "Data demo fiktif: berakhir dalam 40 hari agar peringatan tampil.",
        },
        scope=SAMARINDA_SCOPE,
        # No kepala account exists at Samarinda in the demo: approved on paper, recorded here.
        approved_at=timezone.make_aware(
            dt.datetime.combine(until - dt.timedelta(days=364), dt.time(10, 0))
        ),
        approved_by=None,
    )
    _link(ctx.extra.get("programme_b"), samarinda)
    ctx.extra.update(agreement=balikpapan, agreement_b=samarinda)


def _agreement(
    *, facility, partner, values: dict, scope: list[ScopeLine], approved_at, approved_by
) -> Agreement:
    agreement = Agreement.objects.filter(
        facility=facility, facility_number=values["facility_number"]
    ).first() or Agreement(facility=facility, facility_number=values["facility_number"])
    agreement.partner = partner
    for name, value in values.items():
        setattr(agreement, name, value)
    agreement.approved_at = approved_at
    agreement.approved_by = approved_by
    document = info = None
    if not agreement.document or not agreement.document.storage.exists(agreement.document.name):
        document = SimpleUploadedFile(
            "PKS-contoh-demo.pdf", demo_pdf(agreement, scope), content_type="application/pdf"
        )
        info = inspect_pdf(document)
    return agreement_save(agreement=agreement, scope=scope, document=document, document_info=info)


def _link(programme, agreement: Agreement) -> None:
    if programme is not None and programme.agreement_id != agreement.pk:
        programme.agreement = agreement
        programme.save(update_fields=["agreement", "updated_at"])


def demo_pdf(agreement: Agreement, scope: list[ScopeLine]) -> bytes:
    """A one-page PDF standing in for the signed document, clearly marked as a demo copy."""
    items = "".join(f"<li>{escape(line.description)}</li>" for line in scope)
    html = f"""<!doctype html><html lang="id"><head><meta charset="utf-8"><style>
      @page {{ size: A4; margin: 2cm; }}
      body {{ font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; line-height: 1.45; }}
      .stamp {{ border: 3px solid #b02a37; color: #b02a37; font-weight: bold; padding: 6pt;
                text-align: center; font-size: 14pt; margin-bottom: 14pt; }}
      h1 {{ font-size: 13pt; text-align: center; margin: 0 0 4pt; }}
      p.c {{ text-align: center; margin: 0; }}
      table {{ width: 100%; margin-top: 28pt; }} td {{ width: 50%; text-align: center; }}
    </style></head><body>
      <div class="stamp">CONTOH — dokumen demo, bukan dokumen asli</div>
      <h1>{escape(agreement.title)}</h1>
      <p class="c">Nomor: {escape(agreement.facility_number)} &middot;
         {escape(agreement.partner_number)}</p>
      <p>Pada hari ini, {agreement.signed_on:%d-%m-%Y}, bertempat di
         {escape(agreement.signed_place)}, yang bertanda tangan di bawah ini:
         {escape(agreement.facility_signatory)} ({escape(agreement.facility_signatory_title)})
         dan {escape(agreement.partner_signatory)} ({escape(agreement.partner_signatory_title)})
         bersepakat mengadakan perjanjian kerja sama.</p>
      <p><b>Maksud dan tujuan.</b> {escape(agreement.purpose)}</p>
      <p><b>Ruang lingkup:</b></p><ol>{items}</ol>
      <p>{
        "Pihak kedua bersedia menjadi penjamin pelaksanaan Program Integrasi Warga Binaan "
        "sebagaimana diusulkan oleh pihak pertama."
        if agreement.guarantees_integration
        else ""
    }</p>
      <p><b>Dasar hukum:</b> {escape(agreement.legal_basis)}.</p>
      <p><b>Masa berlaku:</b> {agreement.valid_from:%d-%m-%Y} sampai
         {agreement.valid_until:%d-%m-%Y}.</p>
      <table><tr><td>Pihak Pertama<br><br><br>{escape(agreement.facility_signatory)}</td>
      <td>Pihak Kedua<br><br><br>{escape(agreement.partner_signatory)}</td></tr></table>
    </body></html>"""
    return _render_pdf(html)


@lru_cache(maxsize=8)
def _render_pdf(html: str) -> bytes:
    # Demo seeding runs in many browser tests: render each distinct page once per process.
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
