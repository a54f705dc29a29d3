"""Recording who opened or did something sensitive: user, time, address, object, participant.

Actions are named `<object>.<verb>` and listed in `AuditAction`; the rows cannot be changed or
deleted (a database trigger refuses it, see migration rutan 0006) nor through the admin.
"""

from contextvars import ContextVar

from axes.helpers import get_client_ip_address
from django.db import models
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from rutan.models import AuditEvent

# The client address of the request being served, set by `AuditAddressMiddleware`, so that
# services writing audit lines need no request.
current_address: ContextVar[str | None] = ContextVar("audit_address", default=None)


class AuditAction(models.TextChoices):
    PARTICIPANT_VIEW_SENSITIVE = "participant.view_sensitive", _("Membuka data sensitif")
    PARTICIPANT_EXPORT = "participant.export", _("Mengekspor daftar warga binaan")
    PARTICIPANT_IMPORT = "participant.import", _("Mengimpor warga binaan")
    PARTICIPANT_SUBJECT_ACCESS = "participant.subject_access", _("Mengekspor data subjek (UU PDP)")
    PARTICIPANT_ANONYMISE = "participant.anonymise", _("Menganonimkan data (retensi)")
    SCREENING_VIEW = "screening.view", _("Membuka hasil skrining")
    REPORT_DOWNLOAD = "report.download", _("Mengunduh laporan bulanan")
    DOSSIER_DOWNLOAD = "dossier.download", _("Mengunduh berkas Sidang TPP")
    AGREEMENT_DOWNLOAD_DOCUMENT = "agreement.download_document", _("Mengunduh dokumen PKS")
    ATTENDANCE_CORRECT = "attendance.correct", _("Mengoreksi daftar hadir")
    SESSION_CONFIRM_OVERLAP = "session.confirm_overlap", _("Mengonfirmasi jadwal bentrok")
    ATTENDANCE_DOWNLOAD = "attendance.download", _("Mengunduh daftar hadir")
    ADMIN_VIEW = "admin.view", _("Membuka data di admin")
    ADMIN_SEARCH = "admin.search", _("Mencari di admin")
    AUDIT_EXPORT = "audit.export", _("Mengekspor jejak audit")
    RECORDS_EXPORT = "records.export", _("Mengekspor data program terdeidentifikasi")
    ACCOUNT_RESET_TWO_FACTOR = (
        "account.reset_two_factor",
        _("Mengatur ulang verifikasi dua langkah"),
    )
    AUDIT_BREACH_NOTICE = "audit.breach_notice", _("Menyusun draf pemberitahuan kebocoran")


def _participant_pk(obj: Model | type[Model]) -> int | None:
    """The participant an object is about, when it is about one."""
    if not isinstance(obj, Model):
        return None
    if obj._meta.label_lower == "participants.participant":
        return obj.pk
    return first_along(obj, ("participant_id", "enrollment.participant_id"))


def first_along(obj, paths: tuple[str, ...]):
    """The first value that is not None at the end of one of the dotted `paths` from `obj`."""
    for path in paths:
        value = obj
        for part in path.split("."):
            value = getattr(value, part, None)
            if value is None:
                break
        if value is not None:
            return value
    return None


def audit_record(
    *,
    user,
    action: str,
    obj: Model | type[Model],
    facility_id: int | None = None,
    detail: str = "",
) -> AuditEvent:
    """Write one audit line for `user` doing `action` on `obj` (a model class: on its list)."""
    return AuditEvent.objects.create(
        user=user,
        facility_id=facility_id,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk) if isinstance(obj, Model) else "",
        participant_pk=_participant_pk(obj),
        address=current_address.get(),
        detail=detail[:300],
    )


def audit_own_scope(user, action: str, detail: str = "") -> AuditEvent:
    """An action on what the user sees as a whole (an export, a notice), under their facility."""
    return audit_record(
        user=user,
        action=action,
        obj=user.facility or user,
        facility_id=user.facility_id,
        detail=detail,
    )


def audit_facility_record(user, action: str, obj: Model, detail: str = "") -> AuditEvent:
    """An action on one record that carries its facility (a participant, an agreement)."""
    return audit_record(
        user=user, action=action, obj=obj, facility_id=obj.facility_id, detail=detail
    )


class AuditAddressMiddleware:
    """Make the client's address (as django-axes finds it behind proxies) known to audit_record."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_address.set(get_client_ip_address(request) or None)
        try:
            return self.get_response(request)
        finally:
            current_address.reset(token)
