"""The facts of a standard that questions test, as one predicate: ``Facts.holds``.

The generator chooses correct options and distractors with it, and the tests recompute every
key with it, so a key can never disagree with the standard. Outputs and indicators are compared
by their words, not their codes: the output 預約表 is both O1.2.1 and O2.1.1 in KPS5220-005v2,
so 「預約表」 is a correct answer for both tasks.
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

    @classmethod
    def of(cls, standard: Standard) -> Facts:
        tasks = list(standard.tasks())
        return cls(
            knowledge={t.code: frozenset(t.knowledge) for t in tasks},
            skills={t.code: frozenset(t.skills) for t in tasks},
            output_names={t.code: frozenset(o.name for o in t.outputs) for t in tasks},
            indicator_texts={t.code: frozenset(p.text for p in t.indicators) for t in tasks},
            output_name={o.code: o.name for o in standard.outputs()},
            indicator_text={p.code: p.text for p in standard.indicators()},
            definition={a.code: a.definition for a in standard.attitudes},
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


def holds(standard: Standard, relation: RelationName, subject: str, option: str) -> bool:
    """``Facts.holds`` for a single question (indexes the standard anew: for checks, not loops)."""
    return Facts.of(standard).holds(relation, subject, option)
