"""Moodle XML: well-formed, in the structure Moodle's importer reads, with the bank's keys."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from decimal import Decimal

from generator.export.moodle_xml import moodle_xml
from generator.model import Standard
from generator.quiz.model import Bank, Question, QuestionType
from tests.export.test_gift import MOODLE_PERCENTS

TYPES = {
    QuestionType.SINGLE: "multichoice",
    QuestionType.MULTIPLE: "multichoice",
    QuestionType.TRUE_FALSE: "truefalse",
    QuestionType.MATCHING: "matching",
}


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path)
    assert found is not None, path
    return found.text or ""


def _html(element: ET.Element, tag: str) -> str:
    found = element.find(tag)
    assert found is not None and found.get("format") == "html", tag
    return html.unescape(_text(found, "text"))


def _questions(data: bytes) -> list[tuple[str | None, ET.Element]]:
    """Each question with the category in force, as Moodle's importer walks the file."""
    root = ET.fromstring(data)
    assert root.tag == "quiz"
    category, found = None, []
    for element in root:
        assert element.tag == "question"
        if element.get("type") == "category":
            category = _text(element, "category/text")
        else:
            found.append((category, element))
    return found


def _check(question: Question, element: ET.Element) -> None:
    assert element.get("type") == TYPES[question.type]
    assert _text(element, "name/text") == question.id
    assert _text(element, "idnumber") == question.id
    assert _html(element, "questiontext") == question.stem
    assert _html(element, "generalfeedback") == question.explanation
    answers = element.findall("answer")
    if question.type is QuestionType.TRUE_FALSE:
        key = {_text(a, "text"): a.get("fraction") for a in answers}
        right = question.correct_codes[0]
        assert key == {right: "100", ("false" if right == "true" else "true"): "0"}
        return
    if question.type is QuestionType.MATCHING:
        rights = {o.code: o.text for o in question.options}
        pairs = [
            (html.unescape(_text(s, "text")), _text(s, "answer/text"))
            for s in element.findall("subquestion")
        ]
        assert pairs == [(p.left_text, rights[p.right]) for p in question.pairs]
        return
    single = question.type is QuestionType.SINGLE
    assert _text(element, "single") == ("true" if single else "false")
    assert [html.unescape(_text(a, "text")) for a in answers] == [o.text for o in question.options]
    fractions = [Decimal(a.get("fraction") or "") for a in answers]
    if single:
        assert fractions == [Decimal(100) if o.correct else 0 for o in question.options]
        return
    assert all(abs(f) in MOODLE_PERCENTS for f in fractions)
    assert [f > 0 for f in fractions] == [o.correct for o in question.options]
    assert abs(sum((f for f in fractions if f > 0), Decimal(0)) - 100) < Decimal("0.0001")
    assert abs(sum(fractions, Decimal(0))) < Decimal("0.0001")


def test_every_question_as_the_bank_says(seed: tuple[Standard, Bank]) -> None:
    standard, bank = seed
    found = _questions(moodle_xml(standard, bank))
    assert len(found) == len(bank.questions)
    for question, (category, element) in zip(bank.questions, found, strict=True):
        _check(question, element)
        if question.duty is None:
            assert category == f"$course$/{standard.code}/全課程"
        else:
            task = standard.task(question.task or "")
            assert category is not None and category.endswith(f"/{task.code} {task.name}")
            module = category.split("/")[2]  # 「T1 名稱」, or 「T3」 for a duty without a name
            assert module.split(" ")[0] == question.duty


def test_reserved_characters_round_trip(nasty: tuple[Standard, Bank]) -> None:
    standard, bank = nasty
    found = _questions(moodle_xml(standard, bank))
    for question, (_, element) in zip(bank.questions, found, strict=True):
        _check(question, element)


def test_deterministic(seed: tuple[Standard, Bank]) -> None:
    standard, bank = seed
    assert moodle_xml(standard, bank) == moodle_xml(standard, bank)
