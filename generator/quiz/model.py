"""Questions that carry their own proof: the relation that makes each option right or wrong."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class QuestionType(Enum):
    SINGLE = "single"  # 單選題
    MULTIPLE = "multiple"  # 複選題 (partial credit)
    TRUE_FALSE = "true_false"  # 是非題
    MATCHING = "matching"  # 配合題


# The codes of a true/false question's two options, generated or the trainer's own.
TRUE, FALSE = "true", "false"


class RelationName(Enum):
    """What ties a question's subject to its options, read off the standard."""

    NEEDS_KNOWLEDGE = "needs_knowledge"  # task -> K
    NEEDS_SKILL = "needs_skill"  # task -> S
    PRODUCES_OUTPUT = "produces_output"  # task -> output (by name)
    HAS_INDICATOR = "has_indicator"  # task -> indicator (by text)
    KNOWLEDGE_NEEDED_BY = "knowledge_needed_by"  # K -> task
    SKILL_NEEDED_BY = "skill_needed_by"  # S -> task
    OUTPUT_OF_TASK = "output_of_task"  # output -> task (by the output's name)
    INDICATOR_OF_TASK = "indicator_of_task"  # indicator -> task (by the indicator's text)
    ATTITUDE_DEFINITION = "attitude_definition"  # A -> A whose definition it is
    NAMES_OUTPUT = "names_output"  # indicator -> output whose name its text holds (cloze)
    BEHAVIOUR_OF = "behaviour_of"  # a clause of a definition -> the attitude it defines


# What each kind of generated question tests, as trainers read it on the coverage page.
KINDS = {
    "knowledge": "工作任務所需知識",
    "skills": "工作任務所需技能",
    "output": "工作任務的工作產出",
    "odd": "找出不屬於該任務的行為指標",
    "statement": "是非：任務與知識或技能",
    "task": "行為指標屬於哪一項任務",
    "cloze": "行為指標中的工作產出（填空）",
    "tasks": "哪些任務需要某知識、技能或產出",
    "definition": "態度的定義",
    "behaviour": "行為展現哪一種態度",
    "matching": "態度與定義配對",
}


@dataclass(frozen=True)
class Relation:
    """``option is correct  ⇔  holds(relation, subject, option.code) != negated``."""

    subject: str
    name: RelationName
    negated: bool = False


@dataclass(frozen=True)
class Option:
    code: str  # the code this option stands for (K05, T2.1, O1.2.1, …; "true"/"false")
    text: str
    correct: bool


@dataclass(frozen=True)
class Pair:
    """One row of a matching question: a left code, and the right code it belongs with."""

    left: str
    left_text: str
    right: str


@dataclass(frozen=True)
class Question:
    id: str  # stable: <standard>/<subject>/<kind>-<n>
    type: QuestionType
    stem: str
    options: tuple[Option, ...]
    explanation: str
    duty: str | None  # the module it belongs to; None for course-wide questions
    task: str | None
    assesses: tuple[str, ...]  # codes of the T/K/S/A/P/O this question assesses
    relation: Relation | None  # None for a trainer's own question: its key is the trainer's
    statement: str | None = None  # the option code a true/false statement is about
    pairs: tuple[Pair, ...] = ()  # matching questions: right-hand texts are the options
    kind: str = ""  # what the question tests (``KINDS``); empty for a trainer's own question

    @property
    def correct_codes(self) -> tuple[str, ...]:
        return tuple(o.code for o in self.options if o.correct)


@dataclass(frozen=True)
class Bank:
    standard: str
    questions: tuple[Question, ...]
    reasons: tuple[tuple[str, str], ...] = ()  # (indicator code, why no question assesses it)

    def for_duty(self, duty: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.duty == duty)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)
