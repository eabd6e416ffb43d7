"""What the exporters share: the standard's date, question categories, Moodle's grade list.

Everything here is a pure function of the standard and the bank.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cache

from generator.model import Standard
from generator.publish.files import ZIP_EPOCH, ZipContent, ZipTime, write_zip
from generator.quiz.model import FALSE, TRUE, Question, QuestionType

COURSE_WIDE = "全課程"  # the category of questions that belong to no module
RIGHT_FEEDBACK = "正確。"
WRONG_FEEDBACK = "不正確。"

# Moodle's question_bank::fraction_options_full(): the only grades its question editor offers
# (p/q for q <= 6, p/10, 1/q for q <= 10, and 1/20), as fractions with seven decimals.
MOODLE_GRADES = tuple(
    Decimal(g)
    for g in (
        "1.0000000",
        "0.9000000",
        "0.8333333",
        "0.8000000",
        "0.7500000",
        "0.7000000",
        "0.6666667",
        "0.6000000",
        "0.5000000",
        "0.4000000",
        "0.3333333",
        "0.3000000",
        "0.2500000",
        "0.2000000",
        "0.1666667",
        "0.1428571",
        "0.1250000",
        "0.1111111",
        "0.1000000",
        "0.0500000",
    )
)


class ExportError(Exception):
    """The bank cannot be written in the format; the message, in zh-TW, says which question."""


def version_date(standard: Standard) -> date | None:
    """The date of the standard's own version row, else the newest dated row, else None."""
    own = [v.date for v in standard.versions if v.code == standard.code and v.date]
    dates = own or sorted(v.date for v in standard.versions if v.date)[-1:]
    return date.fromisoformat(dates[0]) if dates else None


def version_stamp(standard: Standard) -> ZipTime:
    """Midnight of the standard's version date, as a zip entry's time (never before 1980)."""
    day = version_date(standard)
    if day is None or day.year < ZIP_EPOCH[0]:
        return ZIP_EPOCH
    return (day.year, day.month, day.day, 0, 0, 0)


def zip_bytes(
    entries: Mapping[str, ZipContent], when: ZipTime, stored: Collection[str] = ()
) -> bytes:
    """A deterministic zip (``publish.files.write_zip``) of ``entries``, in the given order."""
    buffer = io.BytesIO()
    write_zip(buffer, entries.items(), when, stored)
    return buffer.getvalue()


def category_path(standard: Standard, question: Question) -> tuple[str, ...]:
    """The question's place in a question bank: standard / module / task, names included."""
    if question.duty is None:
        return (standard.code, COURSE_WIDE)
    duty = next((d for d in standard.duties if d.code == question.duty), None)
    path = (standard.code, duty.label if duty else question.duty)
    if question.task is None:
        return path
    task = next((t for t in standard.tasks() if t.code == question.task), None)
    return (*path, f"{task.code} {task.name}" if task else question.task)


def moodle_category(path: tuple[str, ...]) -> str:
    """A Moodle category path under ``$course$``; a "/" inside a name is written "//".

    The escaping is that of Moodle's qformat_default::assemble_category_path().
    """
    names = []
    for name in path:
        escaped = " ".join(name.split()).replace("/", "//")
        if escaped.startswith("/"):
            escaped = " " + escaped
        if escaped.endswith("/"):
            escaped += " "
        names.append(escaped)
    return "/".join(["$course$", *names])


@dataclass(frozen=True)
class Grouped:
    """A question with the category it goes in; ``new`` when that category differs from the
    previous question's, so a writer knows when to switch categories."""

    question: Question
    path: tuple[str, ...]
    new: bool


def grouped(standard: Standard, questions: tuple[Question, ...]) -> Iterator[Grouped]:
    """The bank in its own order, marking where the category changes."""
    previous: tuple[str, ...] | None = None
    for question in questions:
        path = category_path(standard, question)
        yield Grouped(question, path, path != previous)
        previous = path


def option_weights(question: Question) -> tuple[Fraction, ...]:
    """Each option's share of the mark.

    Single choice and true/false: the answer 1, the others 0. Multiple response: each right
    option 1/(number right), each wrong one -1/(number wrong), so choosing every option scores 0.
    """
    right = sum(o.correct for o in question.options)
    wrong = len(question.options) - right
    if question.type is not QuestionType.MULTIPLE:
        return tuple(Fraction(int(o.correct)) for o in question.options)
    if not right or not wrong:
        raise ExportError(f"{question.id}：複選題需要至少一個正確與一個錯誤選項。")
    return tuple(Fraction(1, right) if o.correct else Fraction(-1, wrong) for o in question.options)


def moodle_percent(weight: Fraction, question_id: str) -> str:
    """``weight`` as Moodle writes a grade in percent ("100", "33.33333", "-50").

    ExportError when it is not one of Moodle's grades: Moodle would not let a trainer edit it.
    """
    text = _grade_text(abs(weight))
    if text is not None:
        return f"-{text}" if weight < 0 and text != "0" else text
    raise ExportError(
        f"{question_id}：配分 {float(weight):.4f} 不在 Moodle 允許的配分清單中"
        "（例如 100%、50%、33.33333%、25%），請調整正確或錯誤選項的數目。"
    )


@cache
def _grade_text(magnitude: Fraction) -> str | None:
    """The Moodle grade (in percent) equal to ``magnitude``, or None; banks reuse a few weights."""
    if magnitude == 0:
        return "0"
    for grade in MOODLE_GRADES:
        if abs(Fraction(grade) - magnitude) < Fraction(1, 10**7):
            return format((grade * 100).normalize(), "f")
    return None


def statement_is_true(question: Question) -> bool:
    """Whether a true/false question's statement is true: its right option is the one coded
    "true" (generated and trainer questions alike, see quiz/custom.py).

    ExportError when the options are not one "true" and one "false": guessing would risk
    exporting the opposite key.
    """
    codes = sorted(o.code for o in question.options)
    if codes != [FALSE, TRUE] or len(question.correct_codes) != 1:
        raise ExportError(
            f"{question.id}：是非題要有「正確」與「錯誤」兩個選項，且只有一個是答案。"
        )
    return question.correct_codes == (TRUE,)


def right_texts(question: Question) -> dict[str, str]:
    """A matching question's right-hand texts by code; ExportError if a pair points at none."""
    rights = {o.code: o.text for o in question.options}
    for pair in question.pairs:
        if pair.right not in rights:
            raise ExportError(
                f"{question.id}：配合題的 {pair.left} 對應到不存在的選項 {pair.right}。"
            )
    return rights
