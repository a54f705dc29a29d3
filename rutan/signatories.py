"""Who signs a printed document, with the NIP of those who are civil servants."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from rutan.models import Facility
from rutan.models import User
from rutan.roles import Role


@dataclass(frozen=True)
class Signatory:
    caption: str  # the lines above the signature, e.g. "Mengetahui,\nKepala Rutan …,"
    name: str
    # None: not a civil servant (partner staff), no NIP line. "": a civil servant whose NIP
    # is not recorded yet, printed as a line to fill in by hand.
    nip: str | None = None


def user_signatory(user: User | None, caption: str, *, civil_servant: bool) -> Signatory:
    """`user` signing under `caption`; an empty name line when nobody is known yet."""
    if user is None:
        return Signatory(caption, "", "" if civil_servant else None)
    nip = user.nip if civil_servant or user.nip else None
    return Signatory(caption, str(user), nip)


def kepala_accounts(facility: Facility) -> QuerySet[User]:
    """The facility's active kepala accounts, oldest first: who may sign as its head."""
    return User.objects.filter(
        facility=facility, groups__name=Role.KEPALA, is_active=True
    ).order_by("pk")


def facility_head(
    facility: Facility, *, prefix: str = "", heads: list[User] | None = None
) -> Signatory:
    """The head of `facility` as named on the facility, with the NIP of their account.

    The account is the facility's active kepala whose full name is the head's name (or the
    only active kepala when no name is set): the facility's record stays the one place that
    says who the head is. `heads`: `kepala_accounts(facility)` when the caller read them
    already (with its other lists, in one query); else they are read here.
    """
    caption = prefix + _("Kepala %(facility)s,") % {"facility": facility.name}
    if heads is None:
        heads = list(kepala_accounts(facility))
    name = facility.head_name.strip()
    if name:
        match = next((u for u in heads if u.get_full_name().strip().lower() == name.lower()), None)
        return Signatory(caption, name, match.nip if match else "")
    if len(heads) == 1:
        return Signatory(caption, str(heads[0]), heads[0].nip)
    return Signatory(caption, "", "")


def partner_signatory(partner, *, prefix: str = "") -> Signatory:
    """A partner's (rehab.Partner) leader, who signs for it; partner staff have no NIP."""
    title = partner.leader_title or _("Pimpinan %(partner)s") % {"partner": partner.name}
    return Signatory(f"{prefix}{title},", partner.leader_name)
