"""The facts of a standard that questions test, as one predicate: ``Facts.holds``.

The generator chooses correct options and distractors with it, and the tests recompute every
key with it, so a key can never disagree with the standard. Outputs and indicators are compared
by their words, not their codes: the output 預約表 is both O1.2.1 and O2.1.1 in KPS5220-005v2,
so 「預約表」 is a correct answer for both tasks.

What the source says of a single task and what it says of a row of several tasks are kept
apart. The per-task relations (``holds``) use a task's own outputs and indicators; a row
group's belong to its tasks together (``row_tasks``), so no relation states one of them as a
fact of a single task of the group. Knowledge and skills are per task: an entry marked
``【T1.2】`` is needed by T1.2 only. A shared output (one code listed under several tasks) is
produced by each of them (``producers``).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Standard
from generator.quiz.model import RelationName


@dataclass(frozen=True)
class Facts:
    """A standard's relations, indexed once: a bank asks tens of thousands of questions of it."""

    knowledge: dict[str, frozenset[str]]  # task -> K codes
    skills: dict[str, frozenset[str]]  # task -> S codes
    output_names: dict[str, frozenset[str]]  # task -> names of its outputs
    indicator_texts: dict[str, frozenset[str]]  # task -> texts of its indicators
    output_name: dict[str, str]  # O code -> name
    indicator_text: dict[str, str]  # P code -> text
    definition: dict[str, str | None]  # A code -> definition
    producers: dict[str, frozenset[str]]  # O code -> tasks that each produce it (own outputs)
    row_of: dict[str, tuple[str, ...]]  # task -> the tasks of its row group (grouped tasks only)
    row_tasks: dict[str, tuple[str, ...]]  # P or O code of a row group -> the group's tasks

    @classmethod
    def of(cls, standard: Standard) -> Facts:
        tasks = list(standard.tasks())
        groups = [g for d in standard.duties for g in d.rows]
        return cls(
            knowledge={t.code: frozenset(t.knowledge) for t in tasks},
            skills={t.code: frozenset(t.skills) for t in tasks},
            output_names={t.code: frozenset(o.name for o in t.outputs) for t in tasks},
            indicator_texts={t.code: frozenset(p.text for p in t.indicators) for t in tasks},
            output_name={o.code: o.name for o in standard.outputs()},
            indicator_text={p.code: p.text for p in standard.indicators()},
            definition={a.code: a.definition for a in standard.attitudes},
            producers={
                o.code: frozenset(t.code for t in tasks if o in t.outputs)
                for o in standard.outputs()
            },
            row_of={code: g.tasks for g in groups for code in g.tasks},
            row_tasks={
                code: g.tasks
                for g in groups
                for code in (*(o.code for o in g.outputs), *(p.code for p in g.indicators))
            },
        )

    def holds(self, relation: RelationName, subject: str, option: str) -> bool:
        """Whether ``option`` stands in ``relation`` to ``subject`` according to the standard."""
        match relation:
            case RelationName.NEEDS_KNOWLEDGE:
                return option in self.knowledge.get(subject, ())
            case RelationName.NEEDS_SKILL:
                return option in self.skills.get(subject, ())
            case RelationName.PRODUCES_OUTPUT:
                return self.output_name.get(option) in self.output_names.get(subject, ())
            case RelationName.HAS_INDICATOR:
                return self.indicator_text.get(option) in self.indicator_texts.get(subject, ())
            case RelationName.KNOWLEDGE_NEEDED_BY:
                return subject in self.knowledge.get(option, ())
            case RelationName.SKILL_NEEDED_BY:
                return subject in self.skills.get(option, ())
            case RelationName.OUTPUT_OF_TASK:
                return self.output_name.get(subject) in self.output_names.get(option, ())
            case RelationName.INDICATOR_OF_TASK:
                return self.indicator_text.get(subject) in self.indicator_texts.get(option, ())
            case RelationName.ATTITUDE_DEFINITION:
                definition = self.definition.get(subject)
                return definition is not None and self.definition.get(option) == definition
            case RelationName.NAMES_OUTPUT:
                name = self.output_name.get(option)
                return name is not None and name in self.indicator_text.get(subject, "")
            case RelationName.BEHAVIOUR_OF:
                return subject in (self.definition.get(option) or "")

    def belongs_to_row(self, code: str, tasks: tuple[str, ...]) -> bool:
        """Whether the P or O ``code`` belongs to exactly this group of tasks (in any order)."""
        return set(self.row_tasks.get(code, ())) == set(tasks)


def holds(standard: Standard, relation: RelationName, subject: str, option: str) -> bool:
    """``Facts.holds`` for a single question (indexes the standard anew: for checks, not loops)."""
    return Facts.of(standard).holds(relation, subject, option)
