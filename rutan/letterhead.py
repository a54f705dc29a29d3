"""What the letterhead of a PDF says (templates/includes/letterhead.html draws it).

Every PDF is issued by a facility (UPT), a regional office (Kanwil) or the directorate
general itself; the ministry and directorate lines above it are the same on all of them.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from rutan.models import Facility
from rutan.models import Region


@dataclass(frozen=True)
class Letterhead:
    region: str = ""  # the Kanwil above a facility, or the Kanwil issuing a regional recap
    issuer: str = ""  # the facility's name; empty when the Kanwil or Ditjenpas issues it
    address: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Heading:
    """The letterhead, title and number at the top of a document, and its page markings."""

    letterhead: Letterhead
    title: str
    number: str = ""
    confidential: bool = False  # "RAHASIA" at the top and bottom of every page


def _region_line(region: Region) -> str:
    return f"KANTOR WILAYAH DIREKTORAT JENDERAL PEMASYARAKATAN {region.name.upper()}"


def facility_letterhead(facility: Facility) -> Letterhead:
    contact = [
        _("Telepon %(phone)s") % {"phone": facility.phone} if facility.phone else "",
        _("Pos-el %(email)s") % {"email": facility.email} if facility.email else "",
    ]
    return Letterhead(
        region=_region_line(facility.region) if facility.region_id else "",
        issuer=facility.name.upper(),
        address=facility.address,
        contact=" · ".join(part for part in contact if part),
    )


def region_letterhead(region: Region | None) -> Letterhead:
    """A regional office's letterhead, or the directorate general's (region None)."""
    return Letterhead(region=_region_line(region) if region is not None else "")
