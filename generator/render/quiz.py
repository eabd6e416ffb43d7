"""Question bank -> quiz pages: a quiz per module and one at the end of the course.

Pure page data for ``templates/quiz.md.j2``. Each question links back to the section of the
course that teaches what it asks, and carries its key in a form the page script can check and
the printed answer key can show.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.course import Course
from generator.model import Standard
from generator.quiz.coverage import coverage, kinds_by_task
from generator.quiz.model import Bank, Question, QuestionType, RelationName
from generator.render.escape import Trusted, md
from generator.render.pages import (
    FINAL_QUIZ_KEY,
    Ref,
    attitude_ref,
    knowledge_ref,
    module_page,
    skill_ref,
    storage_key,
    task_ref,
)

LETTERS = "ABCDEFGHIJ"
TYPE_LABELS = {
    QuestionType.SINGLE: "單選題",
    QuestionType.MULTIPLE: "複選題",
    QuestionType.TRUE_FALSE: "是非題",
    QuestionType.MATCHING: "配合題",
}


@dataclass(frozen=True)
class QuizOption:
    value: str
    letter: str
    text: str
    correct: bool
    input_id: Trusted


@dataclass(frozen=True)
class QuizPair:
    text: str
    select_id: Trusted
    key: str
    answer: str  # the right-hand text, for the printed key


@dataclass(frozen=True)
class QuizQuestion:
    number: int
    qid: str  # the bank id: stable, used to keep answers in the browser
    dom_id: Trusted
    type: str
    type_label: str
    stem: str
    stem_html: Trusted  # the stem with a negation (不) emphasised
    options: tuple[QuizOption, ...]
    pairs: tuple[QuizPair, ...]
    key: str  # space-separated option values (matching: in pair order)
    answer: str  # the key as a reader sees it: 「B」, 「A、C」, 「正確」
    explanation: str
    see_also: tuple[Ref, ...]
    sealed: Trusted  # key and explanation, scrambled: the page script opens them on checking


@dataclass(frozen=True)
class QuizPage:
    course_code: str
    course_name: str
    title: str
    intro: str
    storage_key: str
    pass_mark: int
    back: Ref
    questions: tuple[QuizQuestion, ...]

    @property
    def has_multiple(self) -> bool:
        return any(q.type == QuestionType.MULTIPLE.value for q in self.questions)


def module_quizzes(course: Course) -> tuple[QuizPage, ...]:
    standard, bank = course.taught, course.bank
    return tuple(
        _page(
            course,
            title=f"{duty.code} {duty.name}：單元測驗",
            intro=f"本測驗依主要職責 {duty.code} 的工作任務出題。",
            key=storage_key(standard.code, duty.code),
            back=Ref(duty.code, duty.name, Trusted(module_page(duty.code))),
            questions=bank.for_duty(duty.code),
        )
        for duty in standard.duties
    )


def final_quiz(course: Course) -> QuizPage:
    """Course-wide questions (which tasks need a K or S, attitudes) and one per task."""
    standard = course.taught
    return _page(
        course,
        title=f"{course.title}：總測驗",
        intro="本測驗涵蓋整個課程。",
        key=storage_key(standard.code, FINAL_QUIZ_KEY),
        back=Ref(standard.code, standard.name, Trusted("index.md")),
        questions=_final_questions(course.bank),
    )


def final_questions(course: Course) -> tuple[Question, ...]:
    """The questions of the final quiz as a learner gets them (at most ``quiz.questions``)."""
    return _spread(_final_questions(course.bank), course.settings.questions_per_quiz)


def _final_questions(bank: Bank) -> tuple[Question, ...]:
    first_per_task: dict[str, Question] = {}
    for question in bank.questions:
        if question.task is not None:
            first_per_task.setdefault(question.task, question)
    return (*first_per_task.values(), *(q for q in bank.questions if q.duty is None))


def _page(
    course: Course,
    *,
    title: str,
    intro: str,
    key: str,
    back: Ref,
    questions: tuple[Question, ...],
) -> QuizPage:
    standard, settings = course.taught, course.settings
    chosen = _spread(questions, settings.questions_per_quiz)
    return QuizPage(
        course_code=standard.code,
        course_name=course.title,
        title=title,
        intro=intro,
        storage_key=key,
        pass_mark=settings.pass_mark,
        back=back,
        questions=tuple(_question(standard, q, n) for n, q in enumerate(chosen, start=1)),
    )


def _spread(questions: tuple[Question, ...], limit: int | None) -> tuple[Question, ...]:
    """At most ``limit`` questions, taken in turn from each task so every task is asked about.

    The chosen ones keep the bank's order.
    """
    if limit is None or len(questions) <= limit:
        return questions
    groups: dict[str | None, list[Question]] = {}
    for question in questions:
        groups.setdefault(question.task, []).append(question)
    rounds = max(len(g) for g in groups.values())
    turns = [g[i] for i in range(rounds) for g in groups.values() if i < len(g)]
    chosen = {q.id for q in turns[:limit]}
    return tuple(q for q in questions if q.id in chosen)


def _question(standard: Standard, question: Question, number: int) -> QuizQuestion:
    dom = f"q{number}"
    options = tuple(
        QuizOption(o.code, LETTERS[i], o.text, o.correct, Trusted(f"{dom}-o{i + 1}"))
        for i, o in enumerate(question.options)
    )
    texts = {o.code: o.text for o in question.options}
    pairs = tuple(
        QuizPair(p.left_text, Trusted(f"{dom}-p{i + 1}"), p.right, texts[p.right])
        for i, p in enumerate(question.pairs)
    )
    if question.type is QuestionType.MATCHING:
        key = " ".join(p.key for p in pairs)
        answer = "；".join(f"{p.text} → {p.answer}" for p in pairs)
    else:
        key = " ".join(o.value for o in options if o.correct)
        answer = "、".join(
            o.text if question.type is QuestionType.TRUE_FALSE else o.letter
            for o in options
            if o.correct
        )
    return QuizQuestion(
        number=number,
        qid=question.id,
        dom_id=Trusted(dom),
        type=question.type.value,
        type_label=TYPE_LABELS[question.type],
        stem=question.stem,
        stem_html=_emphasised(question),
        options=options,
        pairs=pairs,
        key=key,
        answer=answer,
        explanation=question.explanation,
        see_also=_see_also(standard, question),
        sealed=seal(question.id, {"key": key.split(" "), "explanation": question.explanation}),
    )


_NEGATION = re.compile(r"(「[^」]*」)|(不需要|不是|不屬於|不)")


def _emphasised(question: Question) -> Trusted:
    """The stem as HTML, its first negation outside quoted text in bold: 「不需要」 is easy to
    overlook, and reading a negative question as positive costs the point."""
    stem = question.stem
    negative = question.relation is not None and question.relation.negated
    if negative:
        for match in _NEGATION.finditer(stem):
            if match.group(2):
                return Trusted(
                    md(stem[: match.start()])
                    + f'<strong class="cg-not">{md(match.group(2))}</strong>'
                    + md(stem[match.end() :])
                )
    return Trusted(md(stem))


def seal(question_id: str, data: dict[str, object]) -> Trusted:
    """``data`` as JSON, each byte XORed with the question id's bytes, in base64.

    Not secrecy (a self-study page cannot keep its key from a determined learner) but effort:
    the key and explanation are not readable in the page or its source at a glance.
    quiz.js undoes it with the same id.
    """
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    mask = question_id.encode()
    repeated = (mask * (len(raw) // len(mask) + 1))[: len(raw)]
    # Byte by byte as one big-integer XOR: the same bytes, without a Python step per byte.
    scrambled = (int.from_bytes(raw) ^ int.from_bytes(repeated)).to_bytes(len(raw))
    return Trusted(base64.b64encode(scrambled).decode("ascii"))


def _see_also(standard: Standard, question: Question) -> tuple[Ref, ...]:
    """Where the course teaches what the question asks: task sections, K, S or A entries.

    Never a link that names the key: a question on which task an indicator belongs to points
    at the module, not at the task.
    """
    relation = question.relation
    if relation is not None and relation.name in (
        RelationName.INDICATOR_OF_TASK,
        RelationName.NAMES_OUTPUT,
    ):
        duty = standard.duty_of(question.task) if question.task else None
        return (Ref(duty.code, duty.name, Trusted(module_page(duty.code))),) if duty else ()
    if question.task is not None:
        return _task_refs(standard, [question.task])
    if relation is None:
        return ()
    if relation.name is RelationName.ATTITUDE_DEFINITION:
        return tuple(attitude_ref(a) for a in standard.attitudes if a.code in question.assesses)
    if relation.name is RelationName.KNOWLEDGE_NEEDED_BY:
        return (knowledge_ref(standard.knowledge_item(relation.subject)),)
    if relation.name is RelationName.SKILL_NEEDED_BY:
        return (skill_ref(standard.skill_item(relation.subject)),)
    return ()


def _task_refs(standard: Standard, codes: Iterable[str]) -> tuple[Ref, ...]:
    wanted = set(codes)
    return tuple(
        task_ref(task, duty)
        for duty in standard.duties
        for task in duty.tasks
        if task.code in wanted
    )


# --- the trainer's coverage page ----------------------------------------------------------


@dataclass(frozen=True)
class CoverageRow:
    kind: str
    code: str
    name: str
    questions: tuple[str, ...]  # short ids: 「T1.1/knowledge-1」
    reason: str | None = None  # an indicator without a question: how it is assessed instead


@dataclass(frozen=True)
class TaskKinds:
    code: str
    name: str
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class CoverageSummary:
    kind: str
    assessed: int
    total: int


@dataclass(frozen=True)
class CoveragePage:
    course_code: str
    course_name: str
    question_count: int
    summary: tuple[CoverageSummary, ...]
    rows: tuple[CoverageRow, ...]
    missing: tuple[CoverageRow, ...]
    task_kinds: tuple[TaskKinds, ...]


def coverage_page(standard: Standard, bank: Bank) -> CoveragePage:
    prefix = f"{standard.code}/"
    rows = tuple(
        CoverageRow(
            c.kind, c.code, c.name, tuple(q.removeprefix(prefix) for q in c.questions), c.reason
        )
        for c in coverage(standard, bank)
    )
    kinds = dict.fromkeys(r.kind for r in rows)
    return CoveragePage(
        course_code=standard.code,
        course_name=standard.name,
        question_count=len(bank.questions),
        summary=tuple(
            CoverageSummary(
                kind,
                sum(bool(r.questions) for r in rows if r.kind == kind),
                sum(r.kind == kind for r in rows),
            )
            for kind in kinds
        ),
        rows=rows,
        missing=tuple(r for r in rows if not r.questions),
        task_kinds=tuple(
            TaskKinds(code, standard.task(code).name, kinds)
            for code, kinds in kinds_by_task(standard, bank)
        ),
    )
