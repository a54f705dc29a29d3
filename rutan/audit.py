"""Recording who opened or did something sensitive."""

from django.db.models import Model

from rutan.models import AuditEvent


def audit_record(
    *, user, action: str, obj: Model, facility_id: int | None = None, detail: str = ""
) -> AuditEvent:
    """Write one audit line for `user` doing `action` on `obj`."""
    return AuditEvent.objects.create(
        user=user,
        facility_id=facility_id,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        detail=detail[:300],
    )
