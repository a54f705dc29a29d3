"""Demo scenario: the PKS of 5 November 2025 between Rutan Balikpapan and Yayasan SEKATA,
and a fictional PKS at Samarinda that ends within 60 days, so the home warning shows."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from rehab.documents import inspect_pdf
from rehab.models import Agreement
from rehab.models import AgreementScopeItem
from rehab.reports.pdf import STYLESHEET
from rehab.services.agreements import ScopeLine
from rehab.services.agreements import agreement_save
from rehab.signatories import agreement_partner
from rutan.demo import DemoContext
from rutan.letterhead import Heading
from rutan.letterhead import facility_letterhead
from rutan.pdf import render_pdf
from rutan.signatories import Signatory
from rutan.signatories import facility_head

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
    """A PDF standing in for the signed document, clearly marked as a demo copy: the
    facility's letterhead, both parties' numbers, and both parties' signatures."""
    facility = agreement.facility
    head = facility_head(facility)
    first = Signatory(
        f"Pihak Pertama,\n{agreement.facility_signatory_title},",
        agreement.facility_signatory,
        head.nip if head.name == agreement.facility_signatory else "",
    )
    second = agreement_partner(agreement, prefix="Pihak Kedua,\n")
    numbers = " · ".join(n for n in (agreement.facility_number, agreement.partner_number) if n)
    heading = Heading(facility_letterhead(facility), agreement.title.upper(), numbers)
    context = {
        "agreement": agreement,
        "scope": [line.description for line in scope],
        "signatories": [first, second],
        "place_date": "",
    }
    # Demo seeding runs in many browser tests: render each distinct document once per process.
    fields = [getattr(agreement, f.attname) for f in Agreement._meta.concrete_fields]
    key = repr((fields, context["scope"], heading, context["signatories"]))
    if key not in _RENDERED:
        if len(_RENDERED) >= 8:
            _RENDERED.clear()
        _RENDERED[key] = render_pdf(
            "rehab/agreement_demo_pdf.html", context, stylesheet=STYLESHEET, heading=heading
        )
    return _RENDERED[key]


_RENDERED: dict[str, bytes] = {}
