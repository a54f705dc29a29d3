"""The PP 25/2011 recap a user may read, its title and file name."""

from django.http import Http404
from django.utils.translation import gettext as _

from rehab.permissions import NATIONAL_READERS
from rehab.reports.periods import period_parse
from rehab.reports.recap import Recap
from rehab.reports.recap import recap_figures
from rehab.selectors.reports import facilities_for
from rutan.models import Region


def recap_for(user, scope: str, period: str) -> Recap:
    """The recap of `scope` ("nasional" or a province code) the user may read, or 404."""
    chosen = period_parse(period)
    if chosen is None:
        raise Http404
    facilities = facilities_for(user)
    if scope == "nasional":
        if not user.has_role(*NATIONAL_READERS):
            raise Http404
        region = None
    else:
        region = Region.objects.distinct().get_visible(user, code=scope)
        facilities = facilities.filter(region=region)
    return recap_figures(facilities=facilities, region=region, period=chosen)


def recap_title(recap: Recap) -> str:
    return (
        _("Rekap PP No. 25 Tahun 2011 Pasal 18") + f" — {recap.scope_label}, {recap.period.label}"
    )


def recap_filename(recap: Recap, extension: str) -> str:
    return f"rekap-pp25-{recap.scope_slug}-{recap.period.slug}.{extension}"
