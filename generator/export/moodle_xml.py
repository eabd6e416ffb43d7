"""Question bank -> Moodle XML (question/format/xml).

One ``<question type="category">`` wherever the module or task changes, then the questions:
``multichoice`` (``<single>`` true or false, grades as ``fraction`` percentages from Moodle's
list), ``truefalse`` and ``matching``. Texts are HTML (``format="html"``): the plain text is
HTML-escaped. Every ``<text>`` holding ``& < > " '`` is written as CDATA, as Moodle's own
exporter does: Moodle's reader (core_xml_parser) drops each whitespace-only piece of character
data, and an XML parser cuts text at every entity, so ``a &amp; &lt;b`` would lose its space.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from xml.sax.saxutils import unescape

from generator.export.common import (
    RIGHT_FEEDBACK,
    WRONG_FEEDBACK,
    grouped,
    moodle_category,
    moodle_percent,
    option_weights,
    right_texts,
    statement_is_true,
)
from generator.model import Standard
from generator.quiz.model import Bank, Question, QuestionType

CORRECT, PARTIAL, INCORRECT = "答對了。", "部分正確。", "答錯了。"


def moodle_xml(standard: Standard, bank: Bank) -> bytes:
    quiz = ET.Element("quiz")
    for entry in grouped(standard, bank.questions):
        if entry.new:
            category = ET.SubElement(quiz, "question", type="category")
            _text(ET.SubElement(category, "category"), moodle_category(entry.path))
        quiz.append(_question(entry.question))
    ET.indent(quiz)
    text = _TEXT.sub(_cdata, ET.tostring(quiz, encoding="unicode"))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")


# ElementTree's escaped text of the elements that hold free text.
_TEXT = re.compile(r"<(text|idnumber)>([^<]*)</\1>")


def _cdata(match: re.Match[str]) -> str:
    """A text as Moodle's writer makes it (qformat_xml::xml_escape): CDATA when the text holds
    a character HTML escapes, a ``]]>`` split across two sections."""
    tag, text = match.group(1), unescape(match.group(2))
    if not any(c in text for c in "&<>\"'"):
        return match.group(0)
    return f"<{tag}><![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + f"]]></{tag}>"


def _text(parent: ET.Element, text: str) -> ET.Element:
    ET.SubElement(parent, "text").text = text
    return parent


def _html(parent: ET.Element, tag: str, plain: str) -> ET.Element:
    """``<tag format="html"><text>…</text></tag>`` holding ``plain`` as HTML."""
    return _text(ET.SubElement(parent, tag, format="html"), html.escape(plain))


_TYPES = {
    QuestionType.SINGLE: "multichoice",
    QuestionType.MULTIPLE: "multichoice",
    QuestionType.TRUE_FALSE: "truefalse",
    QuestionType.MATCHING: "matching",
}


def _question(question: Question) -> ET.Element:
    element = ET.Element("question", type=_TYPES[question.type])
    _text(ET.SubElement(element, "name"), question.id)
    _html(element, "questiontext", question.stem)
    _html(element, "generalfeedback", question.explanation)
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "penalty").text = (
        "1" if question.type is QuestionType.TRUE_FALSE else "0.3333333"
    )
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = question.id
    if question.type is QuestionType.TRUE_FALSE:
        _true_false(element, question)
    elif question.type is QuestionType.MATCHING:
        _matching(element, question)
    else:
        _multichoice(element, question)
    return element


def _combined_feedback(element: ET.Element) -> None:
    _html(element, "correctfeedback", CORRECT)
    _html(element, "partiallycorrectfeedback", PARTIAL)
    _html(element, "incorrectfeedback", INCORRECT)
    ET.SubElement(element, "shownumcorrect")


def _multichoice(element: ET.Element, question: Question) -> None:
    single = question.type is QuestionType.SINGLE
    ET.SubElement(element, "single").text = "true" if single else "false"
    # The generator spreads the answers over the positions on purpose: keep its order.
    ET.SubElement(element, "shuffleanswers").text = "false"
    ET.SubElement(element, "answernumbering").text = "ABCD"
    ET.SubElement(element, "showstandardinstruction").text = "1"
    _combined_feedback(element)
    for option, weight in zip(question.options, option_weights(question), strict=True):
        fraction = moodle_percent(weight, question.id)
        answer = ET.SubElement(element, "answer", fraction=fraction, format="html")
        _text(answer, html.escape(option.text))
        _html(answer, "feedback", RIGHT_FEEDBACK if option.correct else WRONG_FEEDBACK)


def _true_false(element: ET.Element, question: Question) -> None:
    truth = statement_is_true(question)
    for value in (True, False):
        right = value == truth
        answer = ET.SubElement(
            element, "answer", fraction="100" if right else "0", format="moodle_auto_format"
        )
        _text(answer, "true" if value else "false")
        _html(answer, "feedback", RIGHT_FEEDBACK if right else WRONG_FEEDBACK)


def _matching(element: ET.Element, question: Question) -> None:
    """One ``<subquestion>`` per pair; a right-hand text no pair uses is an empty subquestion.

    Matching always shuffles: unshuffled, Moodle lists the answers in the order of the pairs.
    """
    ET.SubElement(element, "shuffleanswers").text = "true"
    _combined_feedback(element)
    rights = right_texts(question)
    for pair in question.pairs:
        sub = _html(element, "subquestion", pair.left_text)
        _text(ET.SubElement(sub, "answer"), rights[pair.right])
    used = {p.right for p in question.pairs}
    for option in question.options:
        if option.code not in used:
            sub = _text(ET.SubElement(element, "subquestion", format="html"), "")
            _text(ET.SubElement(sub, "answer"), option.text)
