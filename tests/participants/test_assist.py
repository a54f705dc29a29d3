import pytest

from participants.assist import SUBSTANCES
from participants.assist import highest_risk
from participants.assist import involvement_score
from participants.assist import questions_for
from participants.assist import risk_level

DAILY_EVERYTHING = {
    2: "daily",
    3: "daily",
    4: "daily",
    5: "daily",
    6: "yes_past_3m",
    7: "yes_past_3m",
}


@pytest.mark.parametrize(
    "question,answers,scores",
    [
        (2, ["never", "once_twice", "monthly", "weekly", "daily"], [0, 2, 3, 4, 6]),
        (3, ["never", "once_twice", "monthly", "weekly", "daily"], [0, 3, 4, 5, 6]),
        (4, ["never", "once_twice", "monthly", "weekly", "daily"], [0, 4, 5, 6, 7]),
        (5, ["never", "once_twice", "monthly", "weekly", "daily"], [0, 5, 6, 7, 8]),
        (6, ["no", "yes_past_3m", "yes_earlier"], [0, 6, 3]),
        (7, ["no", "yes_past_3m", "yes_earlier"], [0, 6, 3]),
    ],
)
def test_it_scores_each_answer_as_the_who_table(question, answers, scores):
    assert [involvement_score("cannabis", {question: a}) for a in answers] == scores


def test_it_sums_questions_two_to_seven():
    responses = {2: "weekly", 3: "monthly", 4: "once_twice", 5: "never", 6: "yes_earlier", 7: "no"}
    assert involvement_score("amphetamines", responses) == 4 + 4 + 4 + 0 + 3 + 0


def test_it_gives_the_maximum_score_of_39_for_every_substance_but_tobacco():
    for substance in SUBSTANCES:
        expected = 31 if substance == "tobacco" else 39
        assert involvement_score(substance, DAILY_EVERYTHING) == expected


def test_it_ignores_question_five_for_tobacco():
    assert 5 not in questions_for("tobacco")
    with_q5 = {2: "daily", 5: "daily"}
    assert involvement_score("tobacco", with_q5) == 6
    assert involvement_score("alcohol", with_q5) == 6 + 8


def test_it_counts_an_unasked_question_as_zero():
    assert involvement_score("alcohol", {2: "never", 6: "no", 7: "no"}) == 0
    assert involvement_score("alcohol", {}) == 0


def test_it_refuses_unknown_answers_and_substances():
    with pytest.raises(ValueError):
        involvement_score("alcohol", {2: "sometimes"})
    with pytest.raises(ValueError):
        involvement_score("kratom", {2: "daily"})
    with pytest.raises(ValueError):
        risk_level("kratom", 3)
    with pytest.raises(ValueError):
        risk_level("alcohol", -1)


@pytest.mark.parametrize(
    "score,expected",
    [(0, "low"), (10, "low"), (11, "moderate"), (26, "moderate"), (27, "high"), (39, "high")],
)
def test_it_bands_alcohol_at_10_11_26_27(score, expected):
    assert risk_level("alcohol", score) == expected


@pytest.mark.parametrize("substance", [s for s in SUBSTANCES if s != "alcohol"])
@pytest.mark.parametrize(
    "score,expected",
    [(0, "low"), (3, "low"), (4, "moderate"), (26, "moderate"), (27, "high")],
)
def test_it_bands_other_substances_at_3_4_26_27(substance, score, expected):
    assert risk_level(substance, score) == expected


def test_it_picks_the_most_serious_risk():
    assert highest_risk(["low", "high", "moderate"]) == "high"
    assert highest_risk(["low", "moderate"]) == "moderate"
    assert highest_risk([]) == "low"
