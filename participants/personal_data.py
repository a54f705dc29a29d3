"""What Pulih holds on one participant, found by walking the models (UU PDP).

Every record that points at a participant (directly, or through an enrolment or a screening)
is found from the models' relations, so a model another app adds later is covered without a
list to keep up to date. The subject access export (Pasal 32) and the retention job
(Pasal 42–44) both read from here.
"""

import datetime as dt
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal

from django.db import models
from django.utils import timezone

from participants.models import Participant
from rutan.models import AuditEvent

# Relations followed below a participant's direct records (enrolment → evaluations,
# screening → results); deeper than that the records are no longer about the person.
DEPTH = 2


@dataclass
class RecordSet:
    """All records of one model about the participant."""

    label: str  # e.g. "rehab_sessions.attendance"
    title: str  # the model's verbose name, plural
    objects: list[models.Model] = field(default_factory=list)


def related_record_sets(participant: Participant) -> list[RecordSet]:
    """Every record about `participant`, grouped by model, in a stable order."""
    found: dict[str, RecordSet] = {}

    def walk(obj: models.Model, depth: int) -> None:
        for relation in obj._meta.related_objects:
            # One-to-one relations too (an enrolment's certificate): a OneToOneRel is a
            # ManyToOneRel whose accessor is an object, so the rows are read from the model.
            if not isinstance(relation, models.ManyToOneRel):
                continue
            model = relation.related_model
            if model is Participant:
                continue
            label = model._meta.label_lower
            group = found.setdefault(label, RecordSet(label, str(model._meta.verbose_name_plural)))
            children = model._default_manager.filter(**{relation.field.name: obj})
            for child in children.order_by("pk"):
                group.objects.append(child)
                if depth < DEPTH:
                    walk(child, depth + 1)

    walk(participant, 1)
    return [group for group in found.values() if group.objects]


def json_value(value):
    """A field value as JSON can hold it."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def fields_of(obj: models.Model) -> dict:
    """Every concrete field of `obj`, by verbose name, choices shown as their labels."""
    values = {}
    for model_field in obj._meta.concrete_fields:
        if model_field.is_relation:
            value = getattr(obj, model_field.name)
        elif model_field.choices:
            value = getattr(obj, f"get_{model_field.name}_display")()
        else:
            value = getattr(obj, model_field.attname)
        values[str(model_field.verbose_name)] = json_value(value)
    return values


def history_of(participant: Participant) -> list[dict]:
    """Every saved version of the participant's record: who changed it, when, how."""
    kinds = {"+": "dibuat", "~": "diubah", "-": "dihapus"}
    rows = participant.history.select_related("history_user").order_by("history_date")
    return [
        {
            "waktu": json_value(row.history_date),
            "jenis": kinds.get(row.history_type, row.history_type),
            "oleh": str(row.history_user) if row.history_user else "",
            "alasan": row.history_change_reason or "",
        }
        for row in rows
    ]


def processing_of(participant: Participant) -> list[dict]:
    """Every recorded processing of the participant's data (the audit trail)."""
    rows = AuditEvent.objects.filter(participant_pk=participant.pk).select_related("user")
    return [
        {
            "waktu": json_value(event.at),
            "pengguna": event.user.username,
            "tindakan": event.action,
            "objek": f"{event.object_type}#{event.object_id}",
            "alamat_ip": event.address or "",
            "rincian": event.detail,
        }
        for event in rows.order_by("at", "pk")
    ]


def subject_access_data(participant: Participant) -> dict:
    """Everything Pulih holds on `participant` and every processing of it, as plain data."""
    return {
        "dibuat_pada": json_value(timezone.now()),
        "pengendali_data": participant.facility.name,
        "warga_binaan": fields_of(participant),
        "catatan_terkait": [
            {
                "jenis": group.title,
                "model": group.label,
                "catatan": [fields_of(obj) for obj in group.objects],
            }
            for group in related_record_sets(participant)
        ],
        "riwayat_perubahan": history_of(participant),
        "pemrosesan": processing_of(participant),
    }
