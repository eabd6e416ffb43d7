"""Question bank -> Moodle's GIFT text format.

The rules are those of Moodle's own reader and writer (question/format/gift/format.php):

- a blank line ends a question; a ``$CATEGORY:`` block switches the category;
- ``// [id:…]`` before a question gives its idnumber (Moodle 4); ``::name::`` names it;
  ``[html]`` gives the format of its texts (the answers and feedback inherit it), so every
  text is HTML-escaped first, and a leading ``[`` or ``%`` is written as an entity;
- ``~ = # { } :`` and the backslash are escaped with a backslash in every text, a newline is
  written ``\\n`` (Moodle's ``repchar``);
- ``=`` marks a single-choice answer, ``~%w%`` a weighted option, ``#`` its feedback, ``####``
  the general feedback; true/false is ``{T}``/``{F}``, matching ``=left -> right``.
"""

from __future__ import annotations

import html

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

_LEADING = {"[": "&#91;", "%": "&#37;"}  # entities for what Moodle reads at a text's start
_RESERVED = str.maketrans(
    {
        "\\": "\\\\",
        "~": "\\~",
        "=": "\\=",
        "#": "\\#",
        "{": "\\{",
        "}": "\\}",
        ":": "\\:",
        "\n": "\\n",
        "\r": "",
    }
)


def escape(text: str) -> str:
    """Plain text as GIFT text: every reserved character behind a backslash."""
    return text.translate(_RESERVED)


def html_text(text: str) -> str:
    """Plain text as the HTML of an ``[html]`` GIFT text, then GIFT-escaped.

    A leading "[" is written as an entity so that it is never read as a format marker, and a
    leading "%" so that an option such as "%50% …" is never read as a weight.
    """
    marked = html.escape(text, quote=False)
    body = marked.lstrip()
    if body[:1] in _LEADING:
        marked = marked[: len(marked) - len(body)] + _LEADING[body[0]] + body[1:]
    return escape(marked)


def id_comment(question: Question) -> list[str]:
    """``// [id:…]``, Moodle 4's idnumber of the question, where Moodle reads it back intact:
    it unescapes only "\\]", so an id with a backslash, a line break or a control character is
    left to the question's name."""
    if any(c == "\\" or ord(c) < 32 or ord(c) == 127 for c in question.id):
        return []
    escaped = question.id.replace("]", "\\]")
    return [f"// [id:{escaped}]"]


def gift(standard: Standard, bank: Bank) -> str:
    count = len(bank.questions)
    lines = [
        f"// {standard.code} {standard.name}：題庫（coursegen 匯出，共 {count} 題）",
        "// 匯入 Moodle：題庫 → 匯入 → 格式選 GIFT；類別依模組與工作任務建立。",
        "",
    ]
    for entry in grouped(standard, bank.questions):
        if entry.new:
            # Moodle reads a category line raw, except that a doubled backslash becomes one.
            category = moodle_category(entry.path).replace("\\", "\\\\")
            lines += [f"$CATEGORY: {category}", ""]
        lines += [*id_comment(entry.question), _question(entry.question), ""]
    return "\n".join(lines)


def _question(question: Question) -> str:
    head = f"::{escape(question.id)}::[html]{html_text(question.stem)}"
    general = f"\t####{html_text(question.explanation)}" if question.explanation else ""
    if question.type is QuestionType.TRUE_FALSE:
        key = "T" if statement_is_true(question) else "F"
        # {T#feedback on a wrong response#feedback on a right response####general feedback}
        feedback = f"#{html_text(WRONG_FEEDBACK)}#{html_text(RIGHT_FEEDBACK)}"
        return f"{head}{{{key}{feedback}{general.strip()}}}"
    body = _matching(question) if question.type is QuestionType.MATCHING else _choices(question)
    return "\n".join([f"{head}{{", *body, *([general] if general else []), "}"])


def _choices(question: Question) -> list[str]:
    lines = []
    weights = option_weights(question)
    for option, weight in zip(question.options, weights, strict=True):
        if question.type is QuestionType.SINGLE:
            mark = "=" if option.correct else "~"
        else:
            mark = f"~%{moodle_percent(weight, question.id)}%"
        feedback = RIGHT_FEEDBACK if option.correct else WRONG_FEEDBACK
        lines.append(f"\t{mark}{html_text(option.text)}#{html_text(feedback)}")
    return lines


def _matching(question: Question) -> list[str]:
    """``=left -> right``; a right-hand text no left one matches is written ``= -> right``.

    The left texts are HTML (the question's format), the right ones plain text, as in Moodle.
    """
    rights = right_texts(question)
    lines = []
    for pair in question.pairs:
        lines.append(f"\t={html_text(pair.left_text)} -> {escape(rights[pair.right])}")
    used = {p.right for p in question.pairs}
    lines += [f"\t= -> {escape(o.text)}" for o in question.options if o.code not in used]
    return lines
