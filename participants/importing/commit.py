"""Step 3, commit: every row of a clean preview in one transaction, or nothing."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history
from simple_history.utils import bulk_update_with_history

from participants.importing.check import Preview
from participants.models import Participant
from participants.models import RegisterChange
from rutan.models import Facility

# --- writing ------------------------------------------------------------------------------


@transaction.atomic
def import_commit(*, preview: Preview, facility: Facility, user, source_name: str) -> dict:
    """Write every row of a clean preview, or nothing. Returns the counts written."""
    if preview.error_rows:
        raise ValidationError(_("Masih ada baris yang salah; tidak ada data yang disimpan."))
    now = timezone.now()
    today = timezone.localdate()
    reason = _("Impor dari berkas %(name)s") % {"name": source_name}
    new = [
        Participant(facility=facility, **{k: v or _blank(k) for k, v in row.values.items()})
        for row in preview.rows
        if row.action == "create"
    ]
    changed, register_changes, fields = _updates(preview, user=user, reason=reason, today=today)
    for participant in changed:
        participant.updated_at = now
    try:
        with transaction.atomic():
            if new:
                bulk_create_with_history(
                    new,
                    Participant,
                    batch_size=500,
                    default_user=user,
                    default_change_reason=reason,
                )
            if changed:
                bulk_update_with_history(
                    changed,
                    Participant,
                    sorted(fields),
                    batch_size=500,
                    default_user=user,
                    default_change_reason=reason,
                )
            if register_changes:
                bulk_create_with_history(
                    register_changes, RegisterChange, batch_size=500, default_user=user
                )
    except IntegrityError:
        raise ValidationError(
            _("Data berubah selama impor (mungkin diimpor bersamaan). Ulangi pratinjau.")
        )
    return {"create": len(new), "update": len(changed), "register": len(register_changes)}


def _updates(
    preview: Preview, *, user, reason: str, today
) -> tuple[list[Participant], list[RegisterChange], set[str]]:
    """The records the preview's update rows change, their register changes, the fields written."""
    changed, register_changes, fields = [], [], {"updated_at"}
    for row in preview.rows:
        if row.action != "update":
            continue
        participant = row.existing
        for name in row.changes:
            if name == "register_type":
                register_changes.append(
                    RegisterChange(
                        participant=participant,
                        changed_on=today,
                        from_type=participant.register_type,
                        to_type=row.values["register_type"],
                        from_number=participant.registration_number,
                        to_number=participant.registration_number,
                        reason=reason,
                        recorded_by=user,
                    )
                )
            setattr(participant, name, row.values[name])
            fields.add(name)
            if participant.recap_reviewed([name]):
                fields.add("recap_unmapped")
        # A petugas's edit form opened before the import is now stale (rutan.versioning).
        participant.version += 1
        fields.add("version")
        changed.append(participant)
    return changed, register_changes, fields


def _blank(name: str):
    """The stored value of an empty cell: NULL for dates and numbers, "" for text."""
    return None if name.endswith(("date", "_months")) else ""
