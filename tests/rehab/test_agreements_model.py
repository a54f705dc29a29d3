import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError
from django.db import transaction

from rehab.models import Agreement
from rehab.models.agreements import AgreementError
from tests.factories import AgreementFactory
from tests.factories import UserFactory
from tests.factories import pdf_bytes

Status = Agreement.Status
START, END = dt.date(2025, 11, 5), dt.date(2026, 11, 4)


def approved(**kwargs) -> Agreement:
    return AgreementFactory(
        valid_from=START,
        valid_until=END,
        approved_at=dt.datetime(2025, 11, 5, tzinfo=dt.UTC),
        **kwargs,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "day,expected",
    [
        (START - dt.timedelta(days=1), Status.DRAFT),
        (START, Status.ACTIVE),
        (END - dt.timedelta(days=61), Status.ACTIVE),
        (END - dt.timedelta(days=60), Status.EXPIRING),
        (END - dt.timedelta(days=1), Status.EXPIRING),
        (END, Status.EXPIRING),
        (END + dt.timedelta(days=1), Status.EXPIRED),
    ],
)
def test_it_derives_the_status_from_the_dates_in_python_and_in_sql(day, expected):
    agreement = approved()
    assert agreement.status_on(day) == expected
    assert list(Agreement.objects.by_status(expected, day=day)) == [agreement]
    assert Agreement.objects.with_status(day).get().current_status == expected


@pytest.mark.django_db
def test_it_keeps_an_unapproved_agreement_a_draft_whatever_the_dates():
    draft = AgreementFactory(valid_from=START, valid_until=END)
    assert draft.status_on(dt.date(2026, 1, 1)) == Status.DRAFT
    assert list(Agreement.objects.by_status(Status.DRAFT, day=dt.date(2026, 1, 1))) == [draft]


@pytest.mark.django_db
def test_it_filters_the_register_by_computed_status():
    day = dt.date(2026, 11, 22)
    active = AgreementFactory(
        valid_from=START,
        valid_until=day + dt.timedelta(days=200),
        approved_at=dt.datetime.now(dt.UTC),
    )
    expiring = AgreementFactory(
        valid_from=START,
        valid_until=day + dt.timedelta(days=10),
        approved_at=dt.datetime.now(dt.UTC),
    )
    expired = AgreementFactory(
        valid_from=START,
        valid_until=day - dt.timedelta(days=1),
        approved_at=dt.datetime.now(dt.UTC),
    )
    assert set(Agreement.objects.by_status(Status.ACTIVE, Status.EXPIRING, day=day)) == {
        active,
        expiring,
    }
    assert list(Agreement.objects.by_status(Status.EXPIRED, day=day)) == [expired]


@pytest.mark.django_db
def test_it_refuses_a_termination_without_reason():
    agreement = approved()
    with pytest.raises(AgreementError, match="Alasan pengakhiran wajib diisi"):
        agreement.terminate(reason="   ", by=None, on=dt.date(2026, 3, 1))
    agreement.refresh_from_db()
    assert agreement.terminated_on is None


@pytest.mark.django_db
def test_the_database_refuses_a_termination_without_reason_too():
    agreement = approved()
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.filter(pk=agreement.pk).update(terminated_on=dt.date(2026, 3, 1))


@pytest.mark.django_db
def test_it_terminates_from_the_given_day_on():
    kepala = UserFactory()
    agreement = approved()
    agreement.terminate(reason="Kesepakatan para pihak", by=kepala, on=dt.date(2026, 3, 1))
    agreement.refresh_from_db()
    assert agreement.status_on(dt.date(2026, 2, 28)) == Status.ACTIVE
    assert agreement.status_on(dt.date(2026, 3, 1)) == Status.TERMINATED
    assert agreement.terminated_by == kepala
    assert agreement.effective_until == dt.date(2026, 3, 1)
    assert list(Agreement.objects.by_status(Status.TERMINATED, day=dt.date(2026, 3, 1))) == [
        agreement
    ]
    with pytest.raises(AgreementError, match="sudah diakhiri"):
        agreement.terminate(reason="lagi", by=kepala)


@pytest.mark.django_db
def test_it_activates_only_a_signed_agreement_with_its_document(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    kepala = UserFactory()
    agreement = AgreementFactory(signed_on=None)
    with pytest.raises(AgreementError) as refused:
        agreement.activate(by=kepala)
    assert "tanggal penandatanganan" in str(refused.value)
    assert "dokumen" in str(refused.value)
    agreement.signed_on = START
    agreement.document.save("x.pdf", ContentFile(pdf_bytes()), save=True)
    agreement.activate(by=kepala)
    agreement.refresh_from_db()
    assert agreement.approved_by == kepala and agreement.approved_at is not None
    with pytest.raises(AgreementError, match="sudah disetujui"):
        agreement.activate(by=kepala)


@pytest.mark.django_db
def test_it_keeps_the_history_of_every_change(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agreement = approved()
    agreement.extend_to(dt.date(2027, 11, 4))
    agreement.terminate(reason="Mitra berhenti beroperasi", by=None, on=dt.date(2026, 6, 1))
    records = list(agreement.history.order_by("history_date"))
    assert [r.history_type for r in records] == ["+", "~", "~"]
    assert records[0].valid_until == END
    assert records[1].valid_until == dt.date(2027, 11, 4)
    assert records[2].termination_reason == "Mitra berhenti beroperasi"


@pytest.mark.django_db
def test_it_stores_the_document_under_a_random_name(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agreement = AgreementFactory()
    agreement.document.save("../../etc/passwd.pdf", ContentFile(pdf_bytes()), save=True)
    name = agreement.document.name
    assert name.startswith("agreements/") and name.endswith(".pdf")
    assert "passwd" not in name and len(name) == len("agreements/") + 32 + 4
    assert (tmp_path / name).exists()
