"""A national-scale data set for benchmarks, written with PostgreSQL COPY.

Shapes follow the programme as it runs: about 500 warga binaan a facility, cohorts of 20-60
people meeting two or three times a week for eight to ten weeks, two cohorts at a time, two
years of history up to today. The demo facility (Balikpapan, partner SEKATA) gets the same load
on top of its demo data, so the demo users see a large facility; every other facility gets its
own partner and three users (petugas_sN, kepala_sN, fasilitator_sN; the demo password).

Rows go in through COPY, table by table, a few facilities at a time. Every column a model has
is written: what the generator does not set takes the field's default, so the loader keeps
working when a model gains a column. Constraints stay on and hold (unique numbers per facility,
one active enrolment a person, reasons for izin/sakit/sidang, first-of-month periods…).
"""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection
from django.db import models
from django.utils import timezone

from participants.models import Consent
from participants.models import Enrollment
from participants.models import Participant
from participants.models import Screening
from participants.models import SubstanceResult
from rehab.models import Cohort
from rehab.models import Evaluation
from rehab.models import Module
from rehab.models import Partner
from rehab.models import Programme
from rutan import dates
from rutan.models import Facility
from rutan.models import Region
from rutan.models import User
from rutan.roles import Role
from sessions.models import Attendance
from sessions.models import Observation
from sessions.models import Session

ZONES = ["Asia/Jakarta"] * 6 + ["Asia/Makassar"] * 3 + ["Asia/Jayapura"]
FIRST = [
    "Andi",
    "Budi",
    "Cahyo",
    "Dedi",
    "Eko",
    "Fajar",
    "Gilang",
    "Hendra",
    "Indra",
    "Joko",
    "Kurnia",
    "Lukman",
    "Made",
    "Nyoman",
    "Putu",
    "Rizky",
    "Slamet",
    "Teguh",
    "Wahyu",
    "Yusuf",
]  # noqa: E501
LAST = [
    "Saputra",
    "Pratama",
    "Hidayat",
    "Nugroho",
    "Siregar",
    "Simanjuntak",
    "Wijaya",
    "Setiawan",
    "Kusuma",
    "Lubis",
    "Harahap",
    "Sembiring",
    "Gultom",
    "Ramadhan",
    "Syahputra",
    "Firmansyah",
]  # noqa: E501
BLOCKS = ["Blok A", "Blok B", "Blok C", "Blok D", "Blok E", "Blok F"]
REGISTERS = ["A.I", "A.II", "A.III", "A.III", "B.I", "B.I", "B.I", "B.IIa", "B.IIb"]
SUBSTANCES = ["amphetamines", "cannabis", "alcohol", "tobacco", "sedatives"]
# (status, weight, reason) for attendance rows.
ATTENDANCE_MIX = [
    ("present", 80, ""),
    ("late", 5, ""),
    ("excused", 4, "Kunjungan keluarga"),
    ("sick", 4, "Dirawat di klinik"),
    ("court", 4, "Sidang di PN"),
    ("absent", 3, ""),
]
RELAPSE = ["negative_environment", "emotional_control", "old_habits", "unmanaged_stress"]


@dataclass
class Ids:
    """Hands out primary keys above what each table holds; sequences are moved at the end."""

    next: dict[type, int] = field(default_factory=dict)

    def take(self, model: type[models.Model]) -> int:
        if model not in self.next:
            with connection.cursor() as cursor:
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")  # noqa: S608
                self.next[model] = cursor.fetchone()[0] + 1
        value = self.next[model]
        self.next[model] = value + 1
        return value

    def move_sequences(self) -> None:
        with connection.cursor() as cursor:
            for model in self.next:
                table = model._meta.db_table
                quoted = connection.ops.quote_name(table)
                sql = f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT coalesce(max(id), 1) FROM {quoted}))"  # noqa: E501, S608
                cursor.execute(sql, [table])
        self.next.clear()  # rows written by others since then: read the maximum again


class Batch:
    """Rows per table, written with COPY when flushed; missing columns take field defaults."""

    def __init__(self) -> None:
        self.rows: dict[object, list[dict]] = {}
        self.written: dict[str, int] = {}

    def add(self, model, **values) -> dict:
        self.rows.setdefault(model, []).append(values)
        return values

    def flush(self) -> None:
        for model, rows in self.rows.items():
            if isinstance(model, str):  # an M2M table given by name: columns from the first row
                table, columns = model, list(rows[0])
                adapters = [None] * len(columns)
                defaults = [None] * len(columns)
            else:
                fields = model._meta.concrete_fields
                table = model._meta.db_table
                columns = [f.column for f in fields]
                defaults = [f.get_default() for f in fields]
                adapters = [
                    (lambda v, f=f: f.get_db_prep_save(v, connection))
                    if isinstance(f, models.JSONField)
                    else None
                    for f in fields
                ]
                names = [f.attname for f in fields]
            column_list = ", ".join(f'"{c}"' for c in columns)
            statement = f"COPY {table} ({column_list}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
                for row in rows:
                    if isinstance(model, str):
                        copy.write_row([row[c] for c in columns])
                        continue
                    values = []
                    for name, default, adapt in zip(names, defaults, adapters, strict=True):
                        value = row.get(name, default)
                        values.append(adapt(value) if adapt else value)
                    copy.write_row(values)
            self.written[table] = self.written.get(table, 0) + len(rows)
        self.rows.clear()


def _weighted(rng: random.Random, mix: list[tuple]) -> tuple:
    return rng.choices(mix, weights=[m[1] for m in mix])[0]


class ScaleLoader:
    def __init__(self, *, seed: int = 11, today: dt.date | None = None) -> None:
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        self.now = timezone.now()
        self.ids = Ids()
        self.batch = Batch()
        self.password = make_password(settings.DEMO_PASSWORD)
        self.groups = {
            role: Group.objects.get_or_create(name=role)[0].pk
            for role in (Role.PETUGAS, Role.KEPALA, Role.FASILITATOR)
        }
        self.modules = list(Module.objects.order_by("order").values_list("pk", flat=True)) or [None]
        self.counts = {"participants": 0, "sessions": 0, "attendance": 0}
        # Participant rows of the current batch, to keep their latest screening's risk.
        self.people: dict[int, dict] = {}
        # Regions per zone: each scale facility lands in a province of its own zone, in turn,
        # so the regional dashboard and its map are filled at national size.
        self.regions: dict[str, list[int]] = {}
        for pk, zone in Region.objects.order_by("code").values_list("pk", "timezone"):
            self.regions.setdefault(zone, []).append(pk)

    def stamp(self, **values) -> dict:
        return {"created_at": self.now, "updated_at": self.now, **values}

    def insert(self, model: type[models.Model], **values) -> int:
        """Queue one row of `model` under a new primary key, stamped with the load's time; the key."""
        pk = self.ids.take(model)
        self.batch.add(model, **self.stamp(id=pk, **values))
        return pk

    # Facilities and the people who work there.

    def new_facility(self, index: int) -> tuple[int, str, int, int, int, int]:
        """(facility, zone, partner, petugas, kepala, fasilitator) for a new facility."""
        b = self.batch
        zone = self.rng.choice(ZONES)
        regions = self.regions.get(zone) or [None]
        facility = self.insert(
            Facility,
            name=f"Rutan Skala {index:03d}",
            code=f"skala-{index:03d}",
            kind="rutan",
            city=f"Kota {index:03d}",
            timezone=zone,
            region_id=regions[index % len(regions)],
            head_name=f"Kepala Skala {index:03d}",
        )
        partner = self.insert(Partner, name=f"Yayasan Skala {index:03d}", city="Kota")
        users = []
        for role, facility_id, partner_id in (
            (Role.PETUGAS, facility, None),
            (Role.KEPALA, facility, None),
            (Role.FASILITATOR, None, partner),
        ):
            pk = self.ids.take(User)
            b.add(
                User,
                id=pk,
                username=f"{role}_s{index:03d}",
                password=self.password,
                first_name=role.capitalize(),
                last_name=f"Skala {index:03d}",
                email=f"{role}_s{index:03d}@pulih.invalid",
                is_active=True,
                date_joined=self.now,
                facility_id=facility_id,
                partner_id=partner_id,
            )
            b.add("rutan_user_groups", user_id=pk, group_id=self.groups[role])
            users.append(pk)
        return (facility, zone, partner, *users)

    # One facility's programme: people, cohorts, sessions and everything recorded in them.

    def load_facility(
        self, *, facility: int, zone: str, partner: int, petugas: int, kepala: int,
        fasilitator: int, prefix: str, people: int, largest_current: int | None = None,
    ) -> None:  # fmt: skip
        history_start = self.today - dt.timedelta(days=720)
        programme = self.insert(
            Programme,
            facility_id=facility,
            partner_id=partner,
            name=f"Program Rehabilitasi {prefix}",
            start_date=history_start,
        )
        participants = [self._participant(facility, prefix, n) for n in range(people)]
        self.counts["participants"] += people
        self._cohorts(
            programme=programme, prefix=prefix, participants=participants,
            history_start=history_start, largest_current=largest_current, tz=ZoneInfo(zone),
            staff={"petugas": petugas, "kepala": kepala, "fasilitator": fasilitator},
        )  # fmt: skip

    def _participant(self, facility: int, prefix: str, n: int) -> int:
        """The n-th participant of a facility, with a plausible, random profile."""
        rng = self.rng
        pk = self.ids.take(Participant)
        admission = self.today - dt.timedelta(days=rng.randint(30, 1400))
        self.people[pk] = self.batch.add(
            Participant,
            **self.stamp(
                id=pk,
                facility_id=facility,
                register_type=rng.choice(REGISTERS),
                registration_number=f"{prefix}-{n + 1:05d}",
                name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {prefix}{n + 1}",
                birth_date=dt.date(rng.randint(1970, 2004), rng.randint(1, 12), 1),
                sex="M" if rng.random() < 0.93 else "F",
                admission_date=admission,
                expected_release_date=admission + dt.timedelta(days=rng.randint(400, 2500)),
                cell_block=rng.choice(BLOCKS),
                education=rng.choice(["sd", "smp", "sma", "sma", "diploma"]),
                religion=rng.choice(["islam"] * 8 + ["protestan", "katolik"]),
                primary_substance=rng.choice(SUBSTANCES),
                use_duration_months=rng.randint(6, 180),
                use_route=rng.choice(["smoked", "smoked", "sniffed", "oral", "injected"]),
                diagnosis=rng.choice(["F15", "F15", "F12", "F10", "F19"]),
                treatment_history=rng.choice(["never", "never", "outpatient", "upt"]),
            ),
        )
        return pk

    def _cohorts(
        self, *, programme, prefix, participants, history_start, largest_current, tz, staff,
    ) -> None:  # fmt: skip
        """Two tracks of cohorts, one after another, each cohort 8-10 weeks; the pool of
        people is used in order (a few people take part twice)."""
        rng = self.rng
        # Each track draws from its own half, so nobody is active in two cohorts at once.
        shuffled = participants[:]
        rng.shuffle(shuffled)
        number = 0
        if largest_current:
            # A cohort of exactly `largest_current` people meets today (a full sheet to open).
            big, shuffled = shuffled[:largest_current], shuffled[largest_current:]
            number += 1
            self._cohort(
                programme=programme, number=number, prefix=prefix,
                start=self.today - dt.timedelta(days=14), end=self.today + dt.timedelta(days=41),
                members=big, tz=tz, today_session=True, **staff,
            )  # fmt: skip
        for track in range(2):
            pool = shuffled[track::2]
            cursor = 0
            start = history_start + dt.timedelta(days=35 * track)
            while start <= self.today + dt.timedelta(days=14):
                weeks = rng.randint(8, 10)
                end = start + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
                current = start <= self.today <= end
                size = rng.randint(20, 60)
                if cursor + size > len(pool):
                    cursor = 0
                members = pool[cursor : cursor + size]
                cursor += size
                number += 1
                self._cohort(
                    programme=programme, number=number, prefix=prefix, start=start, end=end,
                    members=members, tz=tz, today_session=current, **staff,
                )  # fmt: skip
                start = end + dt.timedelta(days=rng.randint(7, 21))

    def _cohort(
        self, *, programme, number, prefix, start, end, members, tz, petugas, kepala,
        fasilitator, today_session,
    ) -> None:  # fmt: skip
        cohort = self.insert(
            Cohort,
            programme_id=programme,
            name=f"Angkatan {number} {prefix}",
            start_date=start,
            end_date=end,
            capacity=60,
        )
        self.batch.add("rehab_cohort_facilitators", cohort_id=cohort, user_id=fasilitator)
        # (participant, enrolment id, enrolled_on, ended_on or None, status) per member
        enrolments = [
            self._enrolment(
                participant,
                cohort=cohort,
                start=start,
                end=end,
                petugas=petugas,
                kepala=kepala,
                fasilitator=fasilitator,
            )  # fmt: skip
            for participant in members
        ]
        self._sessions(
            cohort=cohort, start=start, end=end, tz=tz, enrolments=enrolments, petugas=petugas,
            fasilitator=fasilitator, today_session=today_session,
        )  # fmt: skip

    def _enrolment(
        self, participant, *, cohort, start, end, petugas, kepala, fasilitator
    ) -> tuple[int, int, dt.date, dt.date | None, str]:
        """One member's enrolment, consent, screenings and evaluations."""
        rng, today = self.rng, self.today
        enrolled_on = start - dt.timedelta(days=3)
        if end < today:
            status, ended = rng.choices(
                [("completed", end), ("dropped_out", None), ("released", None)],
                weights=[85, 10, 5],
            )[0]
            if ended is None:
                ended = start + dt.timedelta(days=rng.randint(7, (end - start).days))
        elif start > today:
            status, ended = "enrolled", None
        else:
            status, ended = "active", None
        pk = self.insert(
            Enrollment,
            participant_id=participant,
            cohort_id=cohort,
            status=status,
            enrolled_on=enrolled_on,
            activated_on=start if status != "enrolled" else None,
            ended_on=ended,
            end_reason="" if status in ("completed", "active", "enrolled") else "Bebas",
            status_changed_on=ended or enrolled_on,
        )
        self.insert(
            Consent,
            participant_id=participant,
            given_on=enrolled_on,
            recorded_by_id=petugas,
        )
        self._screening(participant, "entry", enrolled_on - dt.timedelta(days=4), petugas)
        if status == "completed" and rng.random() < 0.8:
            self._screening(participant, "exit", end, petugas)
        self._evaluations(pk, start, ended or min(end, today), status, fasilitator, kepala)
        return (participant, pk, enrolled_on, ended, status)

    def _sessions(
        self, *, cohort, start, end, tz, enrolments, petugas, fasilitator, today_session
    ) -> None:
        """Two or three weekdays a week at 09:00 local; a current cohort meets today."""
        rng, today = self.rng, self.today
        weekdays = sorted(rng.sample(range(5), rng.choice([2, 3])))
        if today_session and today.weekday() not in weekdays:
            weekdays[0] = today.weekday()
        day = start
        module_index = 0
        while day <= end:
            if day.weekday() in weekdays:
                self._session(
                    cohort=cohort, day=day, tz=tz, enrolments=enrolments, petugas=petugas,
                    fasilitator=fasilitator, module=self.modules[module_index % len(self.modules)],
                )  # fmt: skip
                module_index += 1
            day += dt.timedelta(days=1)

    def _session(self, *, cohort, day, tz, enrolments, petugas, fasilitator, module) -> None:
        b, rng = self.batch, self.rng
        starts = dt.datetime.combine(day, dt.time(9, 0), tzinfo=tz)
        held = day < self.today
        observed = held and rng.random() < 0.35
        pk = self.insert(
            Session,
            cohort_id=cohort,
            module_id=module,
            starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=90),
            place="Aula pembinaan",
            status="held" if held else "planned",
            kind="regular",
            attendance_version=1 if held else 0,
            methods=["group_discussion", "self_reflection"] if observed else [],
            summary="Diskusi kelompok dan refleksi diri." if observed else "",
            notes_by_id=fasilitator if observed else None,
            notes_at=starts + dt.timedelta(hours=2) if observed else None,
        )
        b.add("rehab_sessions_session_facilitators", session_id=pk, user_id=fasilitator)
        self.counts["sessions"] += 1
        if not held:
            return
        for participant, _enrolment, enrolled_on, ended, _status in enrolments:
            if enrolled_on > day or (ended is not None and ended < day):
                continue
            status, _w, reason = _weighted(rng, ATTENDANCE_MIX)
            self.insert(
                Attendance,
                session_id=pk,
                participant_id=participant,
                status=status,
                reason=reason,
                recorded_by_id=petugas,
                sheet_version=1,
            )
            self.counts["attendance"] += 1
            if observed and status in ("present", "late"):
                self.insert(
                    Observation,
                    session_id=pk,
                    participant_id=participant,
                    engagement=rng.randint(2, 5),
                    remark="",
                    author_id=fasilitator,
                )

    def _screening(self, participant: int, kind: str, day: dt.date, screener: int) -> None:
        rng = self.rng
        risk = rng.choices(["low", "moderate", "high"], weights=[20, 55, 25])[0]
        person = self.people[participant]
        if day >= person.get("_latest_screening", dt.date.min):
            person["_latest_screening"] = day
            person["latest_risk"] = risk
        pk = self.insert(
            Screening,
            participant_id=participant,
            kind=kind,
            screened_on=day,
            screener_id=screener,
            injected="no",
            highest_risk=risk,
        )
        for substance, score, level in (
            (rng.choice(SUBSTANCES[:2]), {"low": 3, "moderate": 14, "high": 29}[risk], risk),
            ("tobacco", 12, "moderate"),
        ):
            self.batch.add(
                SubstanceResult,
                id=self.ids.take(SubstanceResult),
                screening_id=pk,
                substance=substance,
                ever_used=True,
                responses={"2": "weekly"},
                score=score,
                risk=level,
            )

    def _evaluations(self, enrolment, start, last, status, fasilitator, kepala) -> None:
        rng = self.rng
        current_month = dates.month_start(self.today)
        for period in dates.months_between(start, last):
            closed = period < current_month
            review = "approved" if closed else rng.choice(["draft", "submitted"])
            self.insert(
                Evaluation,
                enrollment_id=enrolment,
                kind="monthly",
                period=period,
                status=review,
                submitted_at=self.now if review != "draft" else None,
                reviewed_at=self.now if review == "approved" else None,
                reviewed_by_id=kepala if review == "approved" else None,
                knowledge_pre=rng.randint(30, 60),
                knowledge_post=rng.randint(50, 95),
                motivation=rng.randint(2, 5),
                emotional_control=rng.randint(2, 5),
                social_support=rng.randint(2, 5),
                unit_behaviour=rng.randint(2, 5),
                relapse_risks=rng.sample(RELAPSE, 2),
                recommendation="continue",
                author_id=fasilitator,
            )


def load_scale(
    *,
    facilities: int,
    people: int = 500,
    seed: int = 11,
    report: Callable[[str], None] = lambda line: None,
) -> dict[str, int]:
    """Bring the data set up to `facilities` facilities (the demo facility is the first) of
    about `people` warga binaan each; returns the rows written per table."""
    demo = Facility.objects.get(code="rutan-balikpapan")
    demo_loaded = Participant.objects.filter(
        facility=demo, registration_number__startswith="SC-"
    ).exists()
    existing = Facility.objects.filter(code__startswith="skala-").count()
    todo: list[int | None] = [] if demo_loaded else [None]
    todo += list(range(existing + 1, facilities))  # skala-001 … skala-(N-1)
    loader = ScaleLoader(seed=seed + existing)
    if not todo:
        return loader.batch.written
    demo_partner = Partner.objects.get(users__username="fasilitator")
    by_name = dict(
        User.objects.filter(username__in=["petugas", "kepala", "fasilitator"]).values_list(
            "username", "pk"
        )
    )
    per_batch = 10
    for first in range(0, len(todo), per_batch):
        for index in todo[first : first + per_batch]:
            if index is None:
                # The demo facility, with a cohort of 60 meeting today (a full sheet).
                loader.load_facility(
                    facility=demo.pk, zone=demo.timezone, partner=demo_partner.pk,
                    petugas=by_name["petugas"], kepala=by_name["kepala"],
                    fasilitator=by_name["fasilitator"], prefix="SC", people=people,
                    largest_current=60,
                )  # fmt: skip
                continue
            facility, zone, partner, petugas, kepala, fasilitator = loader.new_facility(index)
            loader.load_facility(
                facility=facility, zone=zone, partner=partner, petugas=petugas, kepala=kepala,
                fasilitator=fasilitator, prefix=f"S{index}",
                people=loader.rng.randint(people * 8 // 10, people * 12 // 10),
            )  # fmt: skip
        loader.batch.flush()
        loader.people.clear()
        report(
            f"{min(first + per_batch, len(todo))}/{len(todo)} UPT: "
            f"{loader.counts['participants']} warga binaan, {loader.counts['attendance']} kehadiran"
        )
    loader.ids.move_sequences()
    return loader.batch.written


def loaded_facilities() -> int:
    """How many facilities of the scale set are in the database (the demo one included)."""
    demo = Participant.objects.filter(
        facility__code="rutan-balikpapan", registration_number__startswith="SC-"
    ).exists()
    return int(demo) + Facility.objects.filter(code__startswith="skala-").count()
