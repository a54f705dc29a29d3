"""Handing a participant over to a Bapas."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aftercare.models import FollowUp
from aftercare.models import Handover
from aftercare.models import PlannedTransfer
from aftercare.packet import build_record
from participants.models import Participant
from rutan.models import BapasOffice


@transaction.atomic
def handover_create(
    *,
    participant: Participant,
    bapas_office: BapasOffice,
    reason: str,
    handed_over_on: dt.date,
    recommendations: str,
    include_nik: bool,
    by,
) -> Handover:
    """Hand `participant` over to `bapas_office`, freezing the packet as it stands today."""
    if not bapas_office.facilities.filter(pk=participant.facility_id).exists():
        raise ValidationError({"bapas_office": _("Bapas ini tidak melayani UPT warga binaan ini.")})
    if Handover.objects.filter(
        participant=participant, bapas_office=bapas_office, handed_over_on=handed_over_on
    ).exists():
        raise ValidationError(_("Serah terima ini sudah tercatat."))
    record = build_record(
        participant, include_nik=include_nik, recommendations=recommendations, on=handed_over_on
    )
    return Handover.objects.create(
        participant=participant,
        bapas_office=bapas_office,
        reason=reason,
        handed_over_on=handed_over_on,
        recommendations=recommendations.strip(),
        include_nik=include_nik,
        record=record,
        handed_over_by=by,
    )


@transaction.atomic
def follow_up_record(*, handover: Handover, by, **fields) -> FollowUp:
    """Record the contact at one milestone; a contact that did not reach the person knows nothing."""
    if FollowUp.objects.filter(handover=handover, milestone=fields["milestone"]).exists():
        raise ValidationError({"milestone": _("Kontak tahap ini sudah tercatat.")})
    if fields["contacted_on"] < handover.handed_over_on:
        raise ValidationError(
            {"contacted_on": _("Tanggal kontak tidak boleh sebelum serah terima.")}
        )
    if not fields["reached"]:
        fields.update(FollowUp.UNREACHED)
    return FollowUp.objects.create(handover=handover, recorded_by=by, **fields)


def transfer_plan(
    *,
    participant: Participant,
    destination: str,
    expected_on: dt.date,
    decision_number: str,
    by,
    today: dt.date,
) -> PlannedTransfer:
    """Plan a transfer to another UPT: release planning lists the person from now on."""
    if expected_on < today:
        raise ValidationError(
            {"expected_on": _("Tanggal pindah sudah lewat: catat pemindahan pada keikutsertaan.")}
        )
    return PlannedTransfer.objects.create(
        participant=participant,
        destination=destination.strip(),
        expected_on=expected_on,
        decision_number=decision_number.strip(),
        recorded_by=by,
    )
