"""The seeds and their banks, and a bank whose texts hold every character a format reserves."""

from __future__ import annotations

import pytest

from generator.load import load_standard
from generator.model import Standard
from generator.quiz.generate import build_bank
from generator.quiz.model import Bank, Option, Pair, Question, QuestionType
from tests.conftest import FIXTURES, STANDARDS

CODES = ["KPS5220-005v2", "KPS5294-001v3"]

# Every character GIFT reserves, a backslash before letters and before the reserved ones,
# HTML's own, a newline, and a leading "[" that must not be read as a format marker.
NASTY = "a{b}c=d#e~f:g\\h \\n \\= <i>&amp; ->j"


def load(code: str) -> Standard:
    return load_standard(STANDARDS / f"{code}.yaml")[0]


# and standards that vary as real ones do (row groups, shared outputs, K35/SS01/A06 codes)
VARIATIONS = sorted((FIXTURES.parent / "site" / "fixtures" / "variations").rglob("*.yaml"))


@pytest.fixture(scope="session", params=[*CODES, *VARIATIONS], ids=str)
def seed(request: pytest.FixtureRequest) -> tuple[Standard, Bank]:
    given = request.param
    standard = load(given) if isinstance(given, str) else load_standard(given)[0]
    return standard, build_bank(standard)


@pytest.fixture(scope="session")
def nasty() -> tuple[Standard, Bank]:
    """A bank for KPS5220-005v2 whose ids and texts are made of reserved characters."""
    standard = load("KPS5220-005v2")

    def ask(n: int, kind: QuestionType, options: tuple[Option, ...], **extra: object) -> Question:
        return Question(
            id=f"{standard.code}/T1.1/{NASTY}::{n}",
            type=kind,
            stem=f"[markdown]{NASTY} stem {n}\nsecond line",
            options=options,
            explanation=f"{NASTY} #### not the general-feedback marker {n}",
            duty="T1",
            task="T1.1",
            assesses=("T1.1",),
            relation=None,
            **extra,  # type: ignore[arg-type]
        )

    def option(code: str, correct: bool, tail: str = "") -> Option:
        return Option(code, f"{NASTY} {code}{tail}", correct)

    questions = (
        ask(
            1,
            QuestionType.SINGLE,
            (option("A", False), option("B", True, "\\"), option("C", False), option("D", False)),
        ),
        ask(
            2,
            QuestionType.MULTIPLE,
            (
                option("A", True),
                option("B", False),
                option("C", True),
                option("D", False, "#"),
                option("E", True),
            ),
        ),
        ask(
            3,
            QuestionType.TRUE_FALSE,
            (Option("true", "正確", False), Option("false", "錯誤", True)),
            statement="K01",
        ),
        ask(
            4,
            QuestionType.MATCHING,
            (option("X", True), option("Y", True), option("Z", True)),
            pairs=(
                Pair("L1", f"{NASTY} left 1", "Y"),
                Pair("L2", f"{NASTY} left 2", "Z"),
                Pair("L3", f"{NASTY} left 3", "X"),
            ),
        ),
    )
    return standard, Bank(standard.code, questions)
