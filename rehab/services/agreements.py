"""Changes to an agreement that touch several rows: its scope, its programmes, its addenda."""

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from rehab.documents import PdfInfo
from rehab.models import Addendum
from rehab.models import Agreement
from rehab.models import AgreementScopeItem
from rehab.models import Programme
from rehab.models.agreements import AgreementError


@dataclass(frozen=True)
class ScopeLine:
    """One promised item: a standard kind with its usual wording, or a free description."""

    kind: str
    description: str


@transaction.atomic
def agreement_save(
    *,
    agreement: Agreement,
    scope: Sequence[ScopeLine],
    programmes: Iterable[Programme] | None = None,
    document: UploadedFile | None = None,
    document_info: PdfInfo | None = None,
) -> Agreement:
    """Save a new or edited agreement with its scope items, linked programmes and signed PDF."""
    if document is not None and document_info is not None:
        # The storage picks a random name (agreement_document_path); the given name is ignored.
        agreement.document.save("pks.pdf", document, save=False)
        agreement.document_name = document_info.name
        agreement.document_size = document_info.size
        agreement.document_sha256 = document_info.sha256
    agreement.save()
    _sync_scope(agreement, scope)
    if programmes is not None:
        _link_programmes(agreement, list(programmes))
    return agreement


def _sync_scope(agreement: Agreement, scope: Sequence[ScopeLine]) -> None:
    """Keep rows that stay (so their history stays), add new ones, delete dropped ones."""

    def key(kind: str, description: str) -> tuple[str, str]:
        return (kind, "") if kind != AgreementScopeItem.Kind.OTHER else (kind, description)

    existing = {key(item.kind, item.description): item for item in agreement.scope_items.all()}
    wanted = {}
    for line in scope:
        wanted.setdefault(key(line.kind, line.description), line)
    for item_key, item in existing.items():
        if item_key not in wanted:
            item.delete()
    for order, (item_key, line) in enumerate(wanted.items()):
        item = existing.get(item_key)
        if item is None:
            AgreementScopeItem.objects.create(
                agreement=agreement, kind=line.kind, description=line.description, order=order
            )
        elif item.order != order or item.description != line.description:
            item.order = order
            item.description = line.description
            item.save(update_fields=["order", "description", "updated_at"])


def _link_programmes(agreement: Agreement, programmes: list[Programme]) -> None:
    chosen = {programme.pk for programme in programmes}
    for programme in Programme.objects.filter(agreement=agreement).exclude(pk__in=chosen):
        programme.agreement = None
        programme.save(update_fields=["agreement", "updated_at"])
    for programme in programmes:
        if programme.agreement_id != agreement.pk:
            programme.agreement = agreement
            programme.save(update_fields=["agreement", "updated_at"])


@transaction.atomic
def addendum_add(*, agreement: Agreement, addendum: Addendum, by) -> Addendum:
    """Record an amendment; one that moves the end of validity moves the agreement's end too."""
    if agreement.is_terminated:
        raise AgreementError(_("PKS yang sudah diakhiri tidak dapat diubah dengan adendum."))
    addendum.agreement = agreement
    addendum.created_by = by
    addendum.save()
    if addendum.new_valid_until and addendum.new_valid_until != agreement.valid_until:
        agreement.extend_to(addendum.new_valid_until)
    return addendum
