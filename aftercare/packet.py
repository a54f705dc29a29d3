"""The handover packet: what the Bapas receives about a participant, frozen as a plain record."""

import datetime as dt

from django.db.models import Prefetch

from participants import selectors as participant_selectors
from participants.models import IntegrationProgramme
from participants.models import Participant
from participants.models import Screening
from participants.models import SubstanceResult
from rehab.models import Evaluation
from rehab.models import ReviewStatus
from rehab.models.evaluations import SCORED_DOMAINS
from rehab.models.evaluations import RelapseRisk
from sessions.participant_page import attendance_summary


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _screening(screening: Screening | None) -> dict | None:
    if screening is None:
        return None
    return {"kind": screening.kind, "date": _day(screening.screened_on)}


def _assist(participant: Participant) -> dict:
    comparison = participant_selectors.screening_comparison(participant)
    if comparison is None:
        return {"entry": None, "exit": None, "rows": []}
    return {
        "entry": _screening(comparison["entry"]),
        "exit": _screening(comparison["exit"]),
        "rows": [
            {
                "substance": row.substance,
                "label": row.label,
                "entry": row.entry.score if row.entry else None,
                "entry_risk": row.entry.get_risk_display() if row.entry else None,
                "exit": row.exit.score if row.exit else None,
                "exit_risk": row.exit.get_risk_display() if row.exit else None,
            }
            for row in comparison["rows"]
        ],
    }


def _evaluations(participant: Participant) -> list[dict]:
    """Approved evaluations, oldest first: the trend the Bapas continues from."""
    evaluations = Evaluation.objects.filter(
        enrollment__participant=participant, status=ReviewStatus.APPROVED
    ).order_by("period", "id")
    return [
        {
            "kind": e.kind,
            "kind_label": str(e.get_kind_display()),
            "period": _day(e.period),
            "scores": {name: getattr(e, name) for name in SCORED_DOMAINS},
            "relapse_risks": [code for code in e.relapse_risks if code in RelapseRisk.values],
            "relapse_risk_labels": [str(label) for label in e.relapse_risk_labels],
            "recommendation": str(e.get_recommendation_display()),
            "recommendation_note": e.recommendation_note,
        }
        for e in evaluations
    ]


def _guarantor(participant: Participant) -> dict | None:
    programme = (
        IntegrationProgramme.objects.filter(participant=participant, guarantor__isnull=False)
        .select_related("guarantor")
        .order_by("-proposed_on", "-id")
        .first()
    )
    if programme is None:
        return None
    partner = programme.guarantor
    return {
        "name": partner.name,
        "contact": partner.contact_name,
        "phone": partner.contact_phone or partner.phone,
        "programme": str(programme.get_kind_display()),
        "statement": programme.guarantor_statement,
    }


def build_record(
    participant: Participant, *, include_nik: bool, recommendations: str, on: dt.date
) -> dict:
    """The packet as a JSON-ready dict; NIK only when the kepala includes it."""
    participant = Participant.objects.prefetch_related(
        Prefetch(
            "screenings",
            queryset=Screening.objects.prefetch_related(
                Prefetch("results", queryset=SubstanceResult.objects.order_by("id"))
            ),
        )
    ).get(pk=participant.pk)
    enrollments = participant.enrollments.select_related(
        "cohort__programme__partner", "certificate"
    ).order_by("enrolled_on", "id")
    attendance = attendance_summary(participant)
    return {
        "as_of": _day(on),
        "participant": {
            "name": participant.name,
            "registration_number": participant.registration_number,
            "register_type": participant.register_type,
            "sex": str(participant.get_sex_display()),
            "birth_date": _day(participant.birth_date),
            "facility": participant.facility.name,
            "nik": participant.nik if include_nik else None,
        },
        "enrollments": [
            {
                "cohort": e.cohort.name,
                "programme": e.cohort.programme.name,
                "partner": e.cohort.programme.partner.name,
                "status": str(e.get_status_display()),
                "start": _day(e.activated_on or e.enrolled_on),
                "end": _day(e.ended_on),
                "certificate": getattr(getattr(e, "certificate", None), "number", None),
            }
            for e in enrollments
        ],
        "attendance": {"total": attendance["total"], "rate": attendance["rate"]},
        "assist": _assist(participant),
        "evaluations": _evaluations(participant),
        "recommendations": recommendations.strip(),
        "guarantor": _guarantor(participant),
    }
