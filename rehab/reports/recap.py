"""The PP No. 25 Tahun 2011 Pasal 18 recap of a region (Kanwil) or of the nation.

Built with the same `pp25_figures` as each facility's monthly report, over the participants
handled in every facility of the scope, so a region's recap for a month is the sum of its
facilities' monthly reports. A fixed number of queries, whatever the number of facilities.
"""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from participants.models import Participant
from rehab.models import Cohort
from rehab.reports.activity import handled_enrollments
from rehab.reports.figures import Pp25, pp25_figures
from rehab.reports.periods import Period
from rehab.reports.tables import Column, Table
from rutan.models import Facility, Region


@dataclass
class Recap:
    region: Region | None  # None: the nation
    period: Period
    per_facility: list[tuple[str, str, int]]  # (code, name, participants handled)
    pp25: Pp25

    @property
    def scope_label(self) -> str:
        return str(self.region) if self.region else _("Nasional (seluruh UPT)")

    @property
    def scope_slug(self) -> str:
        return self.region.code if self.region else "nasional"

    @property
    def facilities_reporting(self) -> int:
        return sum(1 for _code, _name, n in self.per_facility if n)

    def tables(self) -> list[Table]:
        per_facility = Table(
            key=_("Per UPT"),
            title=_("Warga binaan yang ditangani per UPT"),
            columns=[Column(_("UPT")), Column(_("Jumlah orang"), numeric=True)],
            rows=[[name, n] for _code, name, n in self.per_facility],
            total=[_("Jumlah"), sum(n for *_rest, n in self.per_facility)],
            section=_("UPT"),
            note=_("%(n)s dari %(all)s UPT menangani peserta dalam periode ini.")
            % {"n": self.facilities_reporting, "all": len(self.per_facility)},
        )
        return [*self.pp25.tables(), per_facility]


def recap_figures(
    *, facilities: QuerySet[Facility], region: Region | None, period: Period
) -> Recap:
    """The recap over `facilities` (a region's or every one) for `period`."""
    cohorts = Cohort.objects.filter(programme__facility__in=facilities)
    handled = handled_enrollments(cohorts, period.start, period.end)
    participants = Participant.objects.filter(id__in=handled.values("participant_id"))
    counts = dict(
        handled.values("cohort__programme__facility_id")
        .annotate(n=Count("participant", distinct=True))
        .order_by()
        .values_list("cohort__programme__facility_id", "n")
    )
    per_facility = [
        (code, name, counts.get(pk, 0))
        for pk, code, name in facilities.order_by("name").values_list("pk", "code", "name")
    ]
    return Recap(
        region=region,
        period=period,
        per_facility=per_facility,
        pp25=pp25_figures(participants=participants, end=period.end),
    )
