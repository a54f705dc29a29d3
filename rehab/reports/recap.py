"""The PP No. 25 Tahun 2011 Pasal 18 recap of a region (Kanwil) or of the nation.

The sum of each facility's counts (`rehab.reports.pp25`, the monthly report's own counting), so
a region's recap for a month is the sum of its facilities' monthly reports. The counts of a
period the summary job has kept are read from it (`rehab.reports.summary`); otherwise they are
counted here. A fixed number of queries, whatever the number of facilities.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from rehab.reports.periods import Period
from rehab.reports.pp25 import Pp25
from rehab.reports.pp25 import empty_counts
from rehab.reports.pp25 import pp25_from_counts
from rehab.reports.pp25 import pp25_sum
from rehab.reports.summary import facility_pp25_counts
from rehab.reports.tables import Column
from rehab.reports.tables import Table
from rutan.models import Facility
from rutan.models import Region


@dataclass
class Recap:
    region: Region | None  # None: the nation
    period: Period
    per_facility: list[tuple[str, str, int]]  # (code, name, participants handled)
    pp25: Pp25
    refreshed_at: dt.datetime | None = None  # when the summary was computed; None: just now

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
    listed = list(facilities.order_by("name").values_list("pk", "code", "name"))
    counts, refreshed_at = facility_pp25_counts([pk for pk, *_rest in listed], period)
    return Recap(
        region=region,
        period=period,
        per_facility=[
            (code, name, counts.get(pk, empty_counts())["handled"]) for pk, code, name in listed
        ],
        pp25=pp25_from_counts(pp25_sum(counts.values())),
        refreshed_at=refreshed_at,
    )
