"""Invariants every question bank must satisfy, shared by the seed and property tests."""

from __future__ import annotations

from generator.model import Standard
from generator.quiz.model import Bank, Question, QuestionType, RelationName
from generator.quiz.relations import holds

BANNED = ("以上皆是", "以上皆非", "以上都對", "以上都不對")

CATEGORY = {
    RelationName.NEEDS_KNOWLEDGE: "knowledge",
    RelationName.NEEDS_SKILL: "skills",
    RelationName.PRODUCES_OUTPUT: "outputs",
    RelationName.HAS_INDICATOR: "indicators",
    RelationName.KNOWLEDGE_NEEDED_BY: "tasks",
    RelationName.SKILL_NEEDED_BY: "tasks",
    RelationName.OUTPUT_OF_TASK: "tasks",
    RelationName.INDICATOR_OF_TASK: "tasks",
    RelationName.ATTITUDE_DEFINITION: "attitudes",
}


def codes_of(standard: Standard, category: str) -> set[str]:
    return {
        "knowledge": {k.code for k in standard.knowledge},
        "skills": {s.code for s in standard.skills},
        "outputs": {o.code for o in standard.outputs()},
        "indicators": {p.code for p in standard.indicators()},
        "tasks": {t.code for t in standard.tasks()},
        "attitudes": {a.code for a in standard.attitudes},
    }[category]


def key_problems(standard: Standard, question: Question) -> list[str]:
    """Recompute the key of ``question`` from the standard; list every disagreement."""
    rel = question.relation
    problems = []
    if question.type is QuestionType.MATCHING:
        for pair in question.pairs:
            rights = [
                o.code for o in question.options if holds(standard, rel.name, pair.left, o.code)
            ]
            if rights != [pair.right]:
                problems.append(
                    f"{question.id}: {pair.left} matches {rights}, key says {pair.right}"
                )
        return problems
    if question.type is QuestionType.TRUE_FALSE:
        assert question.statement is not None
        truth = holds(standard, rel.name, rel.subject, question.statement) != rel.negated
        if question.correct_codes != ("true" if truth else "false",):
            problems.append(
                f"{question.id}: statement is {truth}, key says {question.correct_codes}"
            )
        return problems
    for option in question.options:
        truth = holds(standard, rel.name, rel.subject, option.code) != rel.negated
        if option.correct != truth:
            problems.append(
                f"{question.id}: option {option.code} is {truth}, key says {option.correct}"
            )
    return problems


def bank_problems(standard: Standard, bank: Bank) -> list[str]:
    """Every rule a bank must keep; an empty list means the bank is sound."""
    problems: list[str] = []
    ids = [q.id for q in bank.questions]
    if len(ids) != len(set(ids)):
        problems.append("duplicate question ids")
    for q in bank.questions:
        problems += key_problems(standard, q)
        texts = [o.text for o in q.options]
        if len(texts) != len(set(texts)):
            problems.append(f"{q.id}: duplicate option texts")
        if any(b in t for b in BANNED for t in [q.stem, *texts]):
            problems.append(f"{q.id}: 以上皆是／以上皆非")
        if q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            right = {o.text for o in q.options if o.correct}
            if any(o.text in right for o in q.options if not o.correct):
                problems.append(f"{q.id}: a wrong option reads like a right one")
            category = codes_of(standard, CATEGORY[q.relation.name])
            if not {o.code for o in q.options} <= category:
                problems.append(f"{q.id}: options outside their category")
        correct = sum(o.correct for o in q.options)
        expected = {
            QuestionType.SINGLE: correct == 1 and len(q.options) == 4,
            QuestionType.MULTIPLE: correct >= 2 and len(q.options) - correct >= 2,
            QuestionType.TRUE_FALSE: correct == 1 and len(q.options) == 2,
            QuestionType.MATCHING: len(q.pairs) >= 3,
        }[q.type]
        if not expected:
            problems.append(f"{q.id}: wrong number of options or answers for {q.type.value}")
    return problems
