"""The facts of a standard that questions test, as one function: ``holds``.

The generator chooses correct options and distractors with it, and the tests recompute every
key with it, so a key can never disagree with the standard. Outputs and indicators are compared
by their words, not their codes: the output 預約表 is both O1.2.1 and O2.1.1 in KPS5220-005v2,
so 「預約表」 is a correct answer for both tasks.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.model import Standard, Task
from generator.quiz.model import RelationName


def _output_name(standard: Standard, code: str) -> str | None:
    return next((o.name for o in standard.outputs() if o.code == code), None)


def _indicator_text(standard: Standard, code: str) -> str | None:
    return next((p.text for p in standard.indicators() if p.code == code), None)


def _definition(standard: Standard, code: str) -> str | None:
    return next((a.definition for a in standard.attitudes if a.code == code), None)


def _task(standard: Standard, code: str) -> Task | None:
    return next((t for t in standard.tasks() if t.code == code), None)


def _task_has(
    field: Callable[[Task], set[str]], task_code: str, value: str | None, standard: Standard
) -> bool:
    task = _task(standard, task_code)
    return task is not None and value is not None and value in field(task)


def _knowledge(task: Task) -> set[str]:
    return set(task.knowledge)


def _skills(task: Task) -> set[str]:
    return set(task.skills)


def _output_names(task: Task) -> set[str]:
    return {o.name for o in task.outputs}


def _indicator_texts(task: Task) -> set[str]:
    return {p.text for p in task.indicators}


def holds(standard: Standard, relation: RelationName, subject: str, option: str) -> bool:
    """Whether ``option`` stands in ``relation`` to ``subject`` according to the standard."""
    match relation:
        case RelationName.NEEDS_KNOWLEDGE:
            return _task_has(_knowledge, subject, option, standard)
        case RelationName.NEEDS_SKILL:
            return _task_has(_skills, subject, option, standard)
        case RelationName.PRODUCES_OUTPUT:
            return _task_has(_output_names, subject, _output_name(standard, option), standard)
        case RelationName.HAS_INDICATOR:
            return _task_has(_indicator_texts, subject, _indicator_text(standard, option), standard)
        case RelationName.KNOWLEDGE_NEEDED_BY:
            return _task_has(_knowledge, option, subject, standard)
        case RelationName.SKILL_NEEDED_BY:
            return _task_has(_skills, option, subject, standard)
        case RelationName.OUTPUT_OF_TASK:
            return _task_has(_output_names, option, _output_name(standard, subject), standard)
        case RelationName.INDICATOR_OF_TASK:
            return _task_has(_indicator_texts, option, _indicator_text(standard, subject), standard)
        case RelationName.ATTITUDE_DEFINITION:
            definition = _definition(standard, subject)
            return definition is not None and _definition(standard, option) == definition
