import datetime as dt

import pytest
from django.urls import reverse

from participants.forms import ScreeningForm
from participants.models import Screening
from participants.services import screening_record
from rutan.models import AuditEvent
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def _post(**answers) -> dict:
    data = {"kind": "entry", "screened_on": "2025-11-01", "injected": "no", "notes": ""}
    data.update(answers)
    return data


def _ever_used(substance: str, **answers) -> dict:
    """The form's fields for a substance ever used: its box ticked and the answers (q2=...)."""
    return {f"{substance}_ever": "on", **{f"{substance}_{q}": a for q, a in answers.items()}}


def test_it_scores_every_substance_and_keeps_the_highest_risk(petugas):
    participant = ParticipantFactory(facility=petugas.facility)
    screening = screening_record(
        participant=participant,
        kind=Screening.Kind.ENTRY,
        screened_on=dt.date(2025, 11, 1),
        screener=petugas,
        answers={
            "alcohol": {
                "ever_used": True,
                "responses": {2: "weekly", 3: "weekly", 6: "yes_past_3m"},
            },
            "amphetamines": {
                "ever_used": True,
                "responses": {
                    2: "daily",
                    3: "daily",
                    4: "daily",
                    5: "daily",
                    6: "yes_past_3m",
                    7: "no",
                },
            },
            "cannabis": {"ever_used": False, "responses": {2: "daily"}},
        },
    )
    results = {r.substance: r for r in screening.results.all()}
    assert len(results) == 10
    assert (results["alcohol"].score, results["alcohol"].risk) == (4 + 5 + 6, "moderate")
    assert (results["amphetamines"].score, results["amphetamines"].risk) == (33, "high")
    # Never used: nothing scored, whatever was sent.
    assert (results["cannabis"].score, results["cannabis"].responses) == (0, {})
    assert screening.highest_risk == "high"


def test_it_requires_questions_two_six_and_seven_for_a_substance_ever_used():
    form = ScreeningForm(_post(cannabis_ever="on"))
    assert not form.is_valid()
    assert set(form.errors) == {"cannabis_q2", "cannabis_q6", "cannabis_q7"}
    assert form.errors["cannabis_q2"] == ["Pertanyaan ini wajib dijawab."]


def test_it_asks_three_to_five_only_about_recent_use():
    recent = ScreeningForm(
        _post(cannabis_ever="on", cannabis_q2="weekly", cannabis_q6="no", cannabis_q7="no")
    )
    assert set(recent.errors) == {"cannabis_q3", "cannabis_q4", "cannabis_q5"}
    earlier = ScreeningForm(
        _post(
            cannabis_ever="on",
            cannabis_q2="never",
            cannabis_q3="daily",  # left over from a change of mind: not asked, not scored
            cannabis_q6="yes_earlier",
            cannabis_q7="no",
        )
    )
    assert earlier.is_valid(), earlier.errors
    assert earlier.answers()["cannabis"]["responses"] == {
        2: "never",
        3: "never",
        4: "never",
        5: "never",
        6: "yes_earlier",
        7: "no",
    }


def test_it_has_no_question_five_for_tobacco():
    form = ScreeningForm()
    assert "tobacco_q5" not in form.fields and "alcohol_q5" in form.fields
    answered = ScreeningForm(
        _post(
            **_ever_used("tobacco", q2="daily", q3="daily", q4="never", q6="no", q7="yes_past_3m")
        )
    )
    assert answered.is_valid(), answered.errors


def test_it_refuses_a_screening_date_in_the_future():
    form = ScreeningForm(_post(screened_on="2999-01-01"))
    assert form.errors["screened_on"] == ["Tanggal skrining tidak boleh di masa depan."]


def test_it_records_a_screening_from_the_form_and_shows_scores_and_route(client, petugas):
    participant = ParticipantFactory(facility=petugas.facility)
    client.force_login(petugas)
    response = client.post(
        reverse("participants:screening_create", args=[participant.pk]),
        _post(
            **_ever_used(
                "alcohol", q2="weekly", q3="weekly", q4="monthly", q5="never", q6="no", q7="no"
            )
        ),
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    screening = participant.screenings.get()
    assert screening.screener == petugas and screening.highest_risk == "moderate"
    # 4 + 5 + 5 = 14 for alcohol: moderate, brief intervention.
    assert 'data-substance="alcohol"' in page and ">14<" in page
    assert "Intervensi singkat" in page


def test_it_keeps_what_was_typed_when_the_form_is_incomplete(client, petugas):
    participant = ParticipantFactory(facility=petugas.facility)
    client.force_login(petugas)
    response = client.post(
        reverse("participants:screening_create", args=[participant.pk]),
        _post(opioids_ever="on", opioids_q2="daily"),
    )
    page = response.content.decode()
    assert response.status_code == 200 and not participant.screenings.exists()
    assert 'value="daily" selected' in page and "wajib dijawab" in page


def test_it_shows_exit_beside_entry_on_the_participant_page(client, petugas):
    participant = ParticipantFactory(facility=petugas.facility)
    for kind, day, answer in (("entry", 1, "daily"), ("exit", 30, "monthly")):
        screening_record(
            participant=participant,
            kind=kind,
            screened_on=dt.date(2025, 11, day),
            screener=petugas,
            answers={"cannabis": {"ever_used": True, "responses": {2: answer, 6: "no", 7: "no"}}},
        )
    client.force_login(petugas)
    page = client.get(reverse("participants:detail", args=[participant.pk])).content.decode()
    comparison = page[page.index('data-testid="screening-comparison"') :]
    comparison = comparison[: comparison.index("</table>")]
    assert "Awal" in comparison and "Akhir" in comparison
    assert "-3" in comparison  # 6 at entry, 3 at exit


def test_it_keeps_screening_answers_behind_the_audited_reveal(client, petugas):
    participant = ParticipantFactory(facility=petugas.facility)
    screening_record(
        participant=participant,
        kind="entry",
        screened_on=dt.date(2025, 11, 1),
        screener=petugas,
        answers={
            "opioids": {
                "ever_used": True,
                "responses": {2: "weekly", 3: "weekly", 4: "weekly", 5: "weekly", 6: "no", 7: "no"},
            }
        },
    )
    client.force_login(petugas)
    detail = client.get(
        reverse("participants:screening_detail", args=[participant.screenings.get().pk])
    )
    assert "Setiap minggu" not in detail.content.decode()
    revealed = client.post(reverse("participants:reveal", args=[participant.pk]))
    assert "Setiap minggu" in revealed.content.decode()
    assert AuditEvent.objects.filter(action="participant.view_sensitive").count() == 1
