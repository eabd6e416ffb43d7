"""GIFT: read back the way Moodle reads it, and compared with the bank and the standard."""

from __future__ import annotations

from decimal import Decimal

from generator.export.gift import gift
from generator.model import Standard
from generator.quiz.model import Bank, Question, QuestionType
from tests.export.gift_reader import GiftQuestion, read_gift

# Moodle's question_bank::fraction_options_full(), in percent (transcribed from Moodle).
MOODLE_PERCENTS = {
    Decimal(p)
    for p in [
        "100",
        "90",
        "83.33333",
        "80",
        "75",
        "70",
        "66.66667",
        "60",
        "50",
        "40",
        "33.33333",
        "30",
        "25",
        "20",
        "16.66667",
        "14.28571",
        "12.5",
        "11.11111",
        "10",
        "5",
    ]
}


def _expected_category(standard: Standard, question: Question) -> str:
    if question.duty is None:
        return f"$course$/{standard.code}/全課程"
    duty = next(d for d in standard.duties if d.code == question.duty)
    task = next(t for t in duty.tasks if t.code == question.task)
    module = f"{duty.code} {duty.name}".strip()  # a duty without a name: its code alone
    return f"$course$/{standard.code}/{module}/{task.code} {task.name}".replace(" / ", " // ")


def _check(question: Question, read: GiftQuestion) -> None:
    assert read.name == question.id
    assert read.text.format == "html"
    assert read.text.plain == question.stem
    assert read.general_feedback.plain == question.explanation
    if question.type is QuestionType.TRUE_FALSE:
        assert read.kind == "truefalse"
        assert read.truth is (question.correct_codes == ("true",))
        assert read.tf_feedback == ("不正確。", "正確。")
        return
    if question.type is QuestionType.MATCHING:
        assert read.kind == "match"
        rights = {o.code: o.text for o in question.options}
        assert [(left.plain, right) for left, right in read.pairs] == [
            (p.left_text, rights[p.right]) for p in question.pairs
        ]
        return
    assert read.kind == "multichoice"
    assert [a.text.plain for a in read.answers] == [o.text for o in question.options]
    assert [a.feedback.plain for a in read.answers] == [
        "正確。" if o.correct else "不正確。" for o in question.options
    ]
    weights = [a.weight for a in read.answers]
    if question.type is QuestionType.SINGLE:
        assert read.single
        assert weights == [Decimal(100) if o.correct else 0 for o in question.options]
        return
    assert not read.single
    right = [w for w, o in zip(weights, question.options, strict=True) if o.correct]
    wrong = [w for w, o in zip(weights, question.options, strict=True) if not o.correct]
    assert all(w > 0 for w in right) and all(w < 0 for w in wrong)
    assert all(abs(w) in MOODLE_PERCENTS for w in weights)
    assert abs(sum(right, Decimal(0)) - 100) < Decimal("0.0001")  # every right option: full marks
    assert abs(sum(weights, Decimal(0))) < Decimal("0.0001")  # every option ticked: nothing


def test_every_question_reads_back_as_the_bank_says(seed: tuple[Standard, Bank]) -> None:
    standard, bank = seed
    read = read_gift(gift(standard, bank))
    assert len(read) == len(bank.questions)
    for question, parsed in zip(bank.questions, read, strict=True):
        _check(question, parsed)
        assert parsed.category == _expected_category(standard, question)


def test_every_type_of_the_bank_is_exported(seed: tuple[Standard, Bank]) -> None:
    standard, bank = seed
    kinds = {q.kind for q in read_gift(gift(standard, bank))}
    expected = {"multichoice"} | {
        {QuestionType.TRUE_FALSE: "truefalse", QuestionType.MATCHING: "match"}[q.type]
        for q in bank.questions
        if q.type in (QuestionType.TRUE_FALSE, QuestionType.MATCHING)
    }
    assert kinds == expected


def test_reserved_characters_round_trip(nasty: tuple[Standard, Bank]) -> None:
    standard, bank = nasty
    text = gift(standard, bank)
    read = read_gift(text)
    assert len(read) == len(bank.questions) == 4
    for question, parsed in zip(bank.questions, read, strict=True):
        _check(question, parsed)
    assert "\\{" in text and "\\=" in text and "\\#" in text and "\\~" in text
    assert "\\:" in text and "\\\\" in text and "&lt;i&gt;" in text


def test_category_names_keep_slashes_as_moodle_escapes_them() -> None:
    from generator.export.common import moodle_category

    assert moodle_category(("A/B", "C")) == "$course$/A//B/C"
    assert moodle_category(("/x/",)) == "$course$/ //x// "


def test_deterministic(seed: tuple[Standard, Bank]) -> None:
    standard, bank = seed
    assert gift(standard, bank) == gift(standard, bank)
