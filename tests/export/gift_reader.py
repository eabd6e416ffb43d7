"""A small GIFT reader, written from the rules of Moodle's importer (qformat_gift::readquestion).

It reads the way Moodle does, step by step, so that a file it reads correctly is a file Moodle
reads correctly: questions end at a blank line; ``//`` lines are comments; escaped characters
are set aside before anything is split; ``$CATEGORY:`` switches the category; ``::name::``;
the answers are between the first ``{`` and the first ``}``; ``####`` (the last one) starts the
general feedback; ``[format]`` opens a text; ``~`` means multiple choice, ``=`` with ``->``
matching, ``T``/``F``/``TRUE``/``FALSE`` true/false; ``%w%`` weights a choice; ``#`` starts
its feedback.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from decimal import Decimal

_SPECIAL = {":": "\x01", "#": "\x02", "=": "\x03", "{": "\x04", "}": "\x05", "~": "\x06"}
_BACKSLASH, _NEWLINE = "\x07", "\x08"
WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")  # Moodle's $giftanswerweightregex


def _pre(text: str) -> str:
    """escapedchar_pre: "\\\\" and "\\x" for each reserved x, set aside before parsing."""
    text = text.replace("\\\\", _BACKSLASH)
    for char, placeholder in _SPECIAL.items():
        text = text.replace("\\" + char, placeholder)
    text = text.replace("\\n", _NEWLINE)
    return text.replace(_BACKSLASH, "\\")


def _post(text: str) -> str:
    """escapedchar_post: the set-aside characters back."""
    for char, placeholder in _SPECIAL.items():
        text = text.replace(placeholder, char)
    return text.replace(_NEWLINE, "\n")


@dataclass
class Text:
    text: str
    format: str

    @property
    def plain(self) -> str:
        return html.unescape(self.text) if self.format == "html" else self.text


def _with_format(text: str, default: str = "moodle") -> Text:
    """parse_text_with_format: a leading ``[html]`` (or another format name) sets the format."""
    result = Text(text, default)
    if text.startswith("["):
        end = text.find("]")
        name = text[1:end]
        if name in ("moodle", "html", "plain", "markdown"):
            result = Text(text[end + 1 :], name)
    return Text(_post(result.text).strip(), result.format)


@dataclass
class Answer:
    text: Text
    weight: Decimal  # percent
    feedback: Text


@dataclass
class GiftQuestion:
    category: str | None
    name: str
    text: Text
    kind: str  # multichoice, match, truefalse, shortanswer, …
    general_feedback: Text
    single: bool = True
    answers: list[Answer] = field(default_factory=list)
    pairs: list[tuple[Text, str]] = field(default_factory=list)
    truth: bool | None = None
    tf_feedback: tuple[str, str] = ("", "")  # (for a wrong response, for a right one)


def blocks(source: str) -> list[str]:
    """The file's questions: runs of lines between blank lines, comment lines dropped."""
    found: list[str] = []
    current: list[str] = []
    for line in [*source.split("\n"), ""]:
        if line.strip() == "":
            text = "\n".join(current).strip()
            if text:
                found.append(text)
            current = []
        elif not line.strip().startswith("//"):
            current.append(line)
    return found


def read_gift(source: str) -> list[GiftQuestion]:
    questions: list[GiftQuestion] = []
    category: str | None = None
    for block in blocks(source):
        text = _pre(block)
        if text.startswith("$CATEGORY:"):
            category = text[10:].strip()
            continue
        name = ""
        if text.startswith("::"):
            text = text[2:]
            end = text.index("::")
            name, text = _post(text[:end]), text[end + 2 :].strip()
        start, finish = text.index("{"), text.index("}")
        answers = text[start + 1 : finish].strip()
        stem = text[:start] + text[finish + 1 :]
        general = ""
        if "####" in answers:
            cut = answers.rindex("####")
            general, answers = answers[cut + 4 :], answers[:cut].strip()
        question_text = _with_format(stem)
        question = GiftQuestion(
            category,
            name,
            question_text,
            _kind(answers),
            _with_format(general, question_text.format),
        )
        _read_answers(question, answers)
        questions.append(question)
    return questions


def _kind(answers: str) -> str:
    if answers.startswith("#"):
        return "numerical"
    if "~" in answers:
        return "multichoice"
    if "=" in answers and "->" in answers:
        return "match"
    if answers.split("#")[0].strip() in ("T", "TRUE", "F", "FALSE"):
        return "truefalse"
    return "shortanswer"


def _read_answers(question: GiftQuestion, answers: str) -> None:
    form = question.text.format
    if question.kind == "multichoice":
        question.single = "=" in answers
        parts = answers.replace("=", "~=").split("~")
        for part in [p.strip() for p in parts if p.strip()]:
            weight = Decimal(0)
            if part.startswith("="):
                weight, part = Decimal(100), part[1:]
            elif WEIGHT.match(part):
                end = part.index("%", 1)
                weight, part = Decimal(part[1:end]), part[end + 1 :]
            text, _, feedback = part.partition("#")
            question.answers.append(
                Answer(_with_format(text.strip(), form), weight, _with_format(feedback, form))
            )
    elif question.kind == "match":
        for part in [p.strip() for p in answers.split("=") if p.strip()]:
            marker = part.index("->")
            left = _with_format(part[:marker].strip(), form)
            question.pairs.append((left, _post(part[marker + 2 :]).strip()))
    elif question.kind == "truefalse":
        key, wrong, right = [*answers.split("#", 2), "", ""][:3]
        question.truth = key.strip() in ("T", "TRUE")
        question.tf_feedback = (
            _with_format(wrong.strip(), form).plain,
            _with_format(right.strip(), form).plain,
        )
