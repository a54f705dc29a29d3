"""The partner's co-signature on documents about work done under an agreement (PKS)."""

from rehab.models import Agreement
from rutan.signatories import Signatory
from rutan.signatories import partner_signatory


def agreement_partner(agreement: Agreement, *, prefix: str = "") -> Signatory:
    """The partner's signatory of `agreement` (as the PKS names them), partner staff: no NIP."""
    if not agreement.partner_signatory:
        return partner_signatory(agreement.partner, prefix=prefix)
    title = agreement.partner_signatory_title or agreement.partner.name
    return Signatory(f"{prefix}{title},", agreement.partner_signatory)
