"""The chance that a learner who guesses every answer passes a quiz, worked out by hand.

The quiz page (quiz.js) scores round(1000 × credits / n) / 10 and passes at ≥ the pass mark;
a multiple-response question earns (right ticked / right) − (wrong ticked / wrong), at least 0.
"""

from __future__ import annotations

from fractions import Fraction
from math import comb

import pytest

from generator.quiz.audit import guess_pass_probability
from generator.quiz.model import FALSE, TRUE, Option, Question, QuestionType


def _question(kind: QuestionType, options: str, right: str) -> Question:
    return Question(
        id=f"X/T1.1/{kind.value}-{options}",
        type=kind,
        stem="？",
        options=tuple(Option(code, code, code in right) for code in options.split()),
        explanation="",
        duty="T1",
        task="T1.1",
        assesses=("T1.1",),
        relation=None,
    )


TRUE_FALSE = _question(QuestionType.TRUE_FALSE, f"{TRUE} {FALSE}", TRUE)
FOUR = _question(QuestionType.SINGLE, "A B C D", "A")
# three options, A and B right: of the 7 non-empty answers, AB earns 1; A, B earn ½; the rest 0
TWO_OF_THREE = _question(QuestionType.MULTIPLE, "A B C", "A B")


@pytest.mark.parametrize(
    ("questions", "pass_mark", "probability"),
    [
        ([TRUE_FALSE] * 2, 60, Fraction(1, 4)),  # 0, 50 or 100 points: both right
        ([TRUE_FALSE] * 2, 50, Fraction(3, 4)),  # one right is enough
        ([FOUR] * 3, 60, Fraction(10, 64)),  # 2 or 3 of 3 right: 3·(1/4)²·(3/4) + (1/4)³
        ([FOUR] * 3, 67, Fraction(1, 64)),  # 2 of 3 is 66.7 points: all three needed
        ([FOUR] * 3, 66, Fraction(10, 64)),  # 66.7 ≥ 66
        ([TWO_OF_THREE], 60, Fraction(1, 7)),  # only AB
        ([TWO_OF_THREE], 50, Fraction(3, 7)),  # AB, A or B
        ([], 60, Fraction(0)),
    ],
)
def test_blind_guessing_passes_as_often_as_worked_out_by_hand(
    questions: list[Question], pass_mark: int, probability: Fraction
) -> None:
    assert guess_pass_probability(questions, pass_mark) == probability


def test_a_long_quiz_is_seldom_passed_by_guessing() -> None:
    """20 four-option questions at 60: at least 12 right, Σ C(20,k)·3^(20−k) / 4^20."""
    expected = Fraction(sum(comb(20, k) * 3 ** (20 - k) for k in range(12, 21)), 4**20)
    assert guess_pass_probability([FOUR] * 20, 60) == expected
    assert expected < Fraction(1, 100)
