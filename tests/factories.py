"""factory-boy factories for every model the tests build."""

import datetime as dt
from io import BytesIO

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from pypdf import PdfWriter

from participants.models import Consent
from participants.models import Enrollment
from participants.models import IntegrationProgramme
from participants.models import Participant
from participants.models import RegisterChange
from participants.models import RegisterType
from participants.models import Screening
from rehab.models import Addendum
from rehab.models import Agreement
from rehab.models import AgreementScopeItem
from rehab.models import Cohort
from rehab.models import Evaluation
from rehab.models import Module
from rehab.models import Partner
from rehab.models import Programme
from rehab.models import ProgrammeEvaluation
from rehab.models import ReviewStatus
from rutan.models import Facility
from rutan.models import User
from rutan.roles import Role
from sessions.models import Attendance
from sessions.models import Observation
from sessions.models import Session

PASSWORD = "pulih-test-pass"


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Rutan Kelas IIB Uji {n}")
    code = factory.Sequence(lambda n: f"rutan-uji-{n}")
    kind = Facility.Kind.RUTAN
    city = "Balikpapan"
    timezone = "Asia/Makassar"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Yayasan Mitra Uji {n}")
    short_name = factory.Sequence(lambda n: f"Mitra {n}")
    leader_name = "Pimpinan Uji"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    last_name = factory.Faker("last_name", locale="id_ID")
    facility = factory.SubFactory(FacilityFactory)
    partner = None

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            group, _ = Group.objects.get_or_create(name=extracted)
            self.groups.add(group)
            if extracted == Role.ADMIN:
                self.is_staff = self.is_superuser = True
                self.save(update_fields=["is_staff", "is_superuser"])


class NovemberRunFactory(factory.django.DjangoModelFactory):
    """A programme or a cohort: both run from 5 November to 5 December 2025."""

    class Meta:
        abstract = True

    start_date = dt.date(2025, 11, 5)
    end_date = dt.date(2025, 12, 5)


class ProgrammeFactory(NovemberRunFactory):
    class Meta:
        model = Programme

    facility = factory.SubFactory(FacilityFactory)
    partner = factory.SubFactory(PartnerFactory)
    name = factory.Sequence(lambda n: f"Program Rehabilitasi Uji {n}")


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    code = factory.Sequence(lambda n: f"M{n:03d}")
    title = factory.Sequence(lambda n: f"Modul uji {n}")
    order = factory.Sequence(int)


class CohortFactory(NovemberRunFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Angkatan {n}")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    facility = factory.SubFactory(FacilityFactory)
    register_type = RegisterType.A_II
    registration_number = factory.Sequence(lambda n: f"AII.{n:04d}/2025")
    name = factory.Faker("name", locale="id_ID")
    nik = factory.Sequence(lambda n: f"6471{n:012d}")
    birth_date = dt.date(1990, 1, 1)
    sex = Participant.Sex.MALE
    admission_date = dt.date(2025, 6, 1)
    expected_release_date = dt.date(2026, 6, 1)
    cell_block = "Blok A"

    class Params:
        # Released in 2000: long past the retention period, due to be anonymised.
        released_long_ago = factory.Trait(
            admission_date=dt.date(1999, 1, 1), expected_release_date=dt.date(2000, 1, 1)
        )


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment
        skip_postgeneration_save = True

    participant = factory.SubFactory(ParticipantFactory)
    cohort = factory.SubFactory(CohortFactory)
    status = Enrollment.Status.ACTIVE
    enrolled_on = dt.date(2025, 11, 1)
    activated_on = dt.date(2025, 11, 5)
    # An ended enrolment has the day it ended (the lifecycle always records it).
    ended_on = factory.LazyAttribute(
        lambda o: o.cohort.end_date
        if o.status
        in (
            Enrollment.Status.COMPLETED,
            Enrollment.Status.DROPPED_OUT,
            Enrollment.Status.TRANSFERRED,
            Enrollment.Status.RELEASED,
        )
        else None
    )

    @factory.post_generation
    def consent(obj, create, extracted, **kwargs):
        """An enrolment past terdaftar comes with the consent it needed (consent=False: none)."""
        taken_part = obj.status not in (Enrollment.Status.SCREENED, Enrollment.Status.ENROLLED)
        if not create or extracted is False or not taken_part:
            return
        if not Consent.objects.filter(participant=obj.participant).exists():
            days = [d for d in (obj.enrolled_on, obj.activated_on) if d]
            ConsentFactory(
                participant=obj.participant,
                given_on=min(days, default=dt.date(2025, 11, 1)),
                recorded_by=User.objects.filter(facility=obj.participant.facility).first()
                or UserFactory(facility=obj.participant.facility),
            )


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory)
    module = factory.SubFactory(ModuleFactory)
    starts_at = factory.LazyFunction(lambda: timezone.make_aware(dt.datetime(2025, 11, 19, 9, 0)))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    place = "Aula Rutan"


class ParticipantRecordFactory(factory.django.DjangoModelFactory):
    """What is recorded of one participant: consent, a screening, a register change..."""

    class Meta:
        abstract = True

    participant = factory.SubFactory(ParticipantFactory)


class SessionRowFactory(factory.django.DjangoModelFactory):
    """What is recorded of one participant at one session: attendance or an observation."""

    class Meta:
        abstract = True

    session = factory.SubFactory(SessionFactory)
    participant = factory.SubFactory(ParticipantFactory)


class AttendanceFactory(SessionRowFactory):
    class Meta:
        model = Attendance

    status = Attendance.Status.PRESENT
    recorded_by = factory.SubFactory(UserFactory)


class ObservationFactory(SessionRowFactory):
    class Meta:
        model = Observation

    engagement = 4
    remark = "Aktif berdiskusi"
    author = factory.SubFactory(UserFactory)


class ConsentFactory(ParticipantRecordFactory):
    class Meta:
        model = Consent

    given_on = dt.date(2025, 11, 1)
    recorded_by = factory.SubFactory(UserFactory)


class ScreeningFactory(ParticipantRecordFactory):
    class Meta:
        model = Screening
        skip_postgeneration_save = True

    kind = Screening.Kind.ENTRY
    screened_on = dt.date(2025, 11, 1)
    screener = factory.SubFactory(UserFactory)

    @factory.post_generation
    def latest_risk(self, create, extracted, **kwargs):
        # What screening_record does after storing a screening.
        if create:
            self.participant.refresh_latest_risk()


class IntegrationProgrammeFactory(ParticipantRecordFactory):
    class Meta:
        model = IntegrationProgramme

    kind = IntegrationProgramme.Kind.PB
    guarantor = factory.SubFactory(PartnerFactory)
    proposed_on = dt.date(2025, 11, 20)


# Agreements (PKS), their scope items and addenda, and a small valid PDF for uploads.


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    facility = factory.SubFactory(FacilityFactory)
    partner = factory.SubFactory(PartnerFactory)
    facility_number = factory.Sequence(lambda n: f"W18.PAS.PAS.{n}/PKS/2025")
    partner_number = factory.Sequence(lambda n: f"{n:03d}/SKT/XI/2025")
    title = "Perjanjian Kerja Sama Program Rehabilitasi Pemasyarakatan"
    signed_place = "Balikpapan"
    signed_on = dt.date(2025, 11, 5)
    valid_from = dt.date(2025, 11, 5)
    valid_until = dt.date(2026, 11, 4)


class AgreementScopeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementScopeItem

    agreement = factory.SubFactory(AgreementFactory)
    kind = AgreementScopeItem.Kind.OTHER
    description = factory.Sequence(lambda n: f"Butir kerja sama uji {n}")


class AddendumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Addendum

    agreement = factory.SubFactory(AgreementFactory)
    number = factory.Sequence(lambda n: f"ADD-{n:03d}/2026")
    title = "Perubahan masa berlaku"
    signed_on = dt.date(2026, 10, 1)
    effective_from = dt.date(2026, 10, 1)
    changes = "Masa berlaku diperpanjang."


def pdf_bytes(pages: int = 1) -> bytes:
    """A small, valid PDF (blank A4 pages), as a scanner or an office suite would produce."""

    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class RegisterChangeFactory(ParticipantRecordFactory):
    class Meta:
        model = RegisterChange

    changed_on = dt.date(2025, 11, 20)
    from_type = RegisterType.A_III
    to_type = RegisterType.B_I
    from_number = factory.LazyAttribute(lambda o: o.participant.registration_number)
    to_number = factory.LazyAttribute(lambda o: o.participant.registration_number)
    reason = "Putusan pengadilan negeri"
    recorded_by = factory.SubFactory(UserFactory)


# Evaluations and reports.


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    enrollment = factory.SubFactory(EnrollmentFactory)
    kind = Evaluation.Kind.MONTHLY
    period = dt.date(2025, 11, 1)
    knowledge_pre = 50
    knowledge_post = 70
    motivation = 3
    emotional_control = 3
    social_support = 3
    unit_behaviour = 3
    relapse_risks = factory.LazyFunction(list)
    recommendation = Evaluation.Recommendation.CONTINUE
    author = factory.SubFactory(UserFactory, facility=None)
    status = ReviewStatus.SUBMITTED


class ProgrammeEvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeEvaluation

    agreement = factory.SubFactory(AgreementFactory)
    period_start = dt.date(2025, 11, 5)
    period_end = dt.date(2025, 12, 5)
    achievements = "15 sesi terlaksana sesuai jadwal."
    obstacles = "Beberapa peserta mengikuti sidang."
    follow_ups = "Pendampingan program integrasi."
    author = factory.SubFactory(UserFactory, facility=None)
    status = ReviewStatus.SUBMITTED
