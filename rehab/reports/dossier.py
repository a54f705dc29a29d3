"""The review-board (Sidang TPP) dossier of one participant proposed for an integration programme.

Identity, programme participation (sessions, attendance), evaluations, the facilitator's
recommendation and the guarantor partner's statement, on a few pages of one PDF.
"""

import datetime as dt
from dataclasses import dataclass
from dataclasses import field

from django.db.models import Avg
from django.db.models import Count
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from participants.models import Enrollment
from participants.models import IntegrationProgramme
from participants.models import Participant
from rehab.models import Agreement
from rehab.models import Evaluation
from rehab.relapse import RelapseTrend
from rehab.relapse import evaluations_relapse_trend
from rehab.reports.activity import COUNTED_EVALUATION_STATUSES
from rehab.reports.activity import AttendanceByStatus
from rehab.reports.pdf import STYLESHEET
from rehab.signatories import agreement_partner
from rutan.document_numbers import document_number
from rutan.document_numbers import facility_issuer
from rutan.letterhead import Heading
from rutan.letterhead import facility_letterhead
from rutan.models import DocumentNumber
from rutan.pdf import render_pdf
from rutan.signatories import Signatory
from rutan.signatories import facility_head
from rutan.signatories import partner_signatory
from rutan.signatories import user_signatory
from sessions.models import Attendance
from sessions.models import Session
from sessions.selectors import observations_for


@dataclass
class Dossier(AttendanceByStatus):
    integration: IntegrationProgramme
    participant: Participant
    age: int | None
    enrollments: list[Enrollment]
    attendance_by_status: dict[str, int]
    observations: int
    engagement_average: float | None
    evaluations: list[Evaluation]
    agreement: Agreement | None
    printed_on: dt.date
    status_labels: dict[str, str] = field(default_factory=lambda: dict(Attendance.Status.choices))

    # The dossier's names for the counts.
    sessions_recorded = AttendanceByStatus.recorded
    sessions_attended = AttendanceByStatus.attended

    @property
    def attendance_rows(self) -> list[tuple[str, int]]:
        return [(self.status_labels[s], n) for s, n in self.attendance_by_status.items()]

    @property
    def relapse_trend(self) -> RelapseTrend | None:
        # The evaluations above, oldest first: the trend the participant page draws too.
        return evaluations_relapse_trend(self.evaluations)

    @property
    def recommendation(self) -> Evaluation | None:
        """The latest evaluation that reached the kepala: the facilitator's current advice."""
        return self.evaluations[-1] if self.evaluations else None


def _age(birth_date: dt.date | None, on: dt.date) -> int | None:
    if birth_date is None:
        return None
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def dossier_for(integration: IntegrationProgramme, *, printed_on: dt.date, viewer) -> Dossier:
    """Everything the dossier shows, in a fixed number of queries."""
    participant = integration.participant
    enrollments = list(
        participant.enrollments.select_related("cohort__programme__partner").order_by(
            "enrolled_on", "id"
        )
    )
    attendance = dict(
        Attendance.objects.filter(participant=participant, session__status=Session.Status.HELD)
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("status", "n")
    )
    observed = (
        observations_for(viewer)
        .filter(participant=participant)
        .aggregate(n=Count("id"), engagement=Avg("engagement"))
    )
    evaluations = list(
        Evaluation.objects.filter(
            enrollment__participant=participant, status__in=COUNTED_EVALUATION_STATUSES
        )
        .select_related("enrollment__cohort", "author", "reviewed_by")
        .order_by("period", "kind", "id")
    )
    agreement = None
    if integration.guarantor_id:
        agreement = (
            Agreement.objects.filter(
                facility_id=participant.facility_id,
                partner_id=integration.guarantor_id,
                terminated_on__isnull=True,
            )
            .filter(Q(valid_until__gte=integration.proposed_on))
            .order_by("-valid_from")
            .first()
        )
    return Dossier(
        integration=integration,
        participant=participant,
        age=_age(participant.birth_date, printed_on),
        enrollments=enrollments,
        attendance_by_status={s: attendance.get(s, 0) for s in Attendance.Status.values},
        observations=observed["n"],
        engagement_average=round(observed["engagement"], 1) if observed["engagement"] else None,
        evaluations=evaluations,
        agreement=agreement,
        printed_on=printed_on,
    )


def _signatories(dossier: Dossier) -> list[Signatory]:
    """The facilitator who advised, the guarantor (as its agreement names them) and the head."""
    integration = dossier.integration
    author = dossier.recommendation.author if dossier.recommendation else None
    if dossier.agreement is not None:
        guarantor = agreement_partner(dossier.agreement, prefix=_("Penjamin,\n"))
    elif integration.guarantor is not None:
        guarantor = partner_signatory(integration.guarantor, prefix=_("Penjamin,\n"))
    else:
        guarantor = Signatory(_("Penjamin,"), "")
    return [
        user_signatory(author, _("Fasilitator,"), civil_servant=False),
        guarantor,
        facility_head(dossier.participant.facility, prefix=_("Mengetahui,\n")),
    ]


def render_dossier_pdf(dossier: Dossier) -> bytes:
    """The dossier, marked RAHASIA on every page: it holds a person's case and evaluations."""
    facility = dossier.participant.facility
    number = document_number(
        issuer=facility_issuer(facility),
        kind=DocumentNumber.Kind.TPP_DOSSIER,
        subject=f"integration:{dossier.integration.pk}",
        on=dossier.printed_on,
    )
    title = _("BERKAS SIDANG TIM PENGAMAT PEMASYARAKATAN")
    return render_pdf(
        "rehab/report_dossier_pdf.html",
        {
            "dossier": dossier,
            "facility": facility,
            "signatories": _signatories(dossier),
            "place_date": f"{facility.city}, {date_format(dossier.printed_on, 'j F Y')}",
        },
        stylesheet=STYLESHEET,
        heading=Heading(facility_letterhead(facility), title, number, confidential=True),
    )
