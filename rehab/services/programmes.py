"""Changes to programmes, cohorts and the module library that go beyond saving one form."""

import datetime as dt
import uuid
from collections.abc import Iterable
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from rehab.documents import PdfInfo
from rehab.models import Cohort
from rehab.models import Module
from rehab.selectors.programmes import Slot
from rehab.selectors.programmes import schedule_clashes
from rutan.models import User
from sessions.models import Session
from sessions.services import MAX_SERIES_SESSIONS
from sessions.services import ScheduleError


def cohort_schedule_plan(
    *,
    cohort: Cohort,
    modules: Sequence[Module],
    first_day: dt.date,
    weekdays: Iterable[int],
    start_time: dt.time,
    end_time: dt.time,
) -> list[Slot]:
    """One slot per module, in order, on the chosen weekdays from `first_day` on.

    Times are the facility's own (WITA in Balikpapan). Nothing is saved.
    """
    wanted = set(weekdays)
    if not modules:
        raise ScheduleError(_("Pilih sedikitnya satu modul."))
    if not wanted:
        raise ScheduleError(_("Pilih sedikitnya satu hari dalam seminggu."))
    if len(modules) > MAX_SERIES_SESSIONS:
        raise ScheduleError(
            _("Paling banyak %(n)s sesi sekali jadwal.") % {"n": MAX_SERIES_SESSIONS}
        )
    if end_time <= start_time:
        raise ScheduleError(_("Jam selesai harus sesudah jam mulai."))
    zone = ZoneInfo(cohort.programme.facility.timezone)
    slots = []
    day = first_day
    for module in modules:
        while day.weekday() not in wanted:
            day += dt.timedelta(days=1)
        slots.append(
            Slot(
                module=module,
                starts_at=dt.datetime.combine(day, start_time, tzinfo=zone),
                ends_at=dt.datetime.combine(day, end_time, tzinfo=zone),
            )
        )
        day += dt.timedelta(days=1)
    last_day = slots[-1].starts_at.date()
    if last_day > cohort.end_date:
        raise ScheduleError(
            _(
                "Sesi terakhir jatuh pada %(last)s, sesudah angkatan berakhir (%(end)s). "
                "Tambah hari dalam seminggu, kurangi modul, atau perpanjang angkatan."
            )
            % {"last": date_format(last_day), "end": date_format(cohort.end_date)}
        )
    return slots


@transaction.atomic
def cohort_schedule_create(
    *,
    cohort: Cohort,
    slots: Sequence[Slot],
    place: str,
    facilitators: Sequence[User],
    by: User,
) -> list[Session]:
    """Create the planned sessions as one weekly series, refusing any clash.

    The sessions are ordinary planned sessions afterwards: moved, cancelled or edited one
    by one (or "this and following") on the session pages.
    """
    # Lock the cohort so two people generating at once cannot both pass the clash check.
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    clashes = schedule_clashes(cohort=cohort, facilitators=facilitators, slots=slots)
    if clashes:
        raise ScheduleError(_("Jadwal bertabrakan: %(first)s") % {"first": clashes[0].message})
    series = uuid.uuid4() if len(slots) > 1 else None
    sessions = bulk_create_with_history(
        [
            Session(
                cohort=cohort,
                module=slot.module,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                place=place,
                series=series,
            )
            for slot in slots
        ],
        Session,
        default_user=by,
    )
    Through = Session.facilitators.through
    Through.objects.bulk_create(
        [Through(session_id=s.pk, user_id=u.pk) for s in sessions for u in facilitators]
    )
    return sessions


@transaction.atomic
def module_save(
    *,
    module: Module,
    materials: UploadedFile | None = None,
    materials_info: PdfInfo | None = None,
) -> Module:
    """Save a module of the library, with a new materials PDF when one was uploaded."""
    if materials is not None and materials_info is not None:
        # The storage API picks a random name (module_material_path); the given one is ignored.
        module.materials.save("materi.pdf", materials, save=False)
        module.materials_name = materials_info.name
    module.save()
    return module
