"""The typed, immutable model of one competency standard (職能基準).

Every object is a frozen dataclass holding tuples, so a loaded standard can be shared by every
stage of the pipeline without any stage changing it under another.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar


@dataclass(frozen=True)
class Classification:
    """One entry of 所屬類別: 職類別, 職業別 or 行業別, with its code."""

    code: str
    name: str


@dataclass(frozen=True)
class Category:
    job: Classification
    occupations: tuple[Classification, ...]
    industries: tuple[Classification, ...]


@dataclass(frozen=True)
class Version:
    """One row of the 版本 table, as printed."""

    version: str
    code: str
    name: str
    status: str
    note: str
    date: str | None  # ISO 8601 (YYYY-MM-DD)


@dataclass(frozen=True)
class Output:
    """工作產出 (O1.2.1)."""

    code: str
    name: str


@dataclass(frozen=True)
class Indicator:
    """行為指標 (P1.2.1)."""

    code: str
    text: str


@dataclass(frozen=True)
class Task:
    """工作任務 (T1.2).

    A task that shares one table row with another task (``shares_with``) has that task's
    outputs, indicators, knowledge and skills; the YAML stores them once, on the first task.
    """

    code: str
    name: str
    level: int | None
    outputs: tuple[Output, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    knowledge: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    shares_with: str | None = None


@dataclass(frozen=True)
class Duty:
    """主要職責 (T1): one course module."""

    code: str
    name: str
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class Item:
    """A knowledge (K01) or skill (S01) item.

    ``variants`` keeps the other spellings the source used for the same code, so that the
    importer's choice of one name stays visible and nothing of the source text is lost.
    """

    code: str
    name: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attitude:
    """態度 (A01), with its definition when the standard gives one."""

    code: str
    name: str
    definition: str | None = None


@dataclass(frozen=True)
class Standard:
    """One 職能基準."""

    code: str
    name: str
    level: int | None
    description: str
    category: Category
    versions: tuple[Version, ...]
    duties: tuple[Duty, ...]
    knowledge: tuple[Item, ...]
    skills: tuple[Item, ...]
    attitudes: tuple[Attitude, ...]
    notes: tuple[str, ...] = ()

    def tasks(self) -> Iterator[Task]:
        for duty in self.duties:
            yield from duty.tasks

    def indicators(self) -> Iterator[Indicator]:
        for task in self.tasks():
            if task.shares_with is None:
                yield from task.indicators

    def outputs(self) -> Iterator[Output]:
        for task in self.tasks():
            if task.shares_with is None:
                yield from task.outputs

    def duty_of(self, task_code: str) -> Duty:
        for duty in self.duties:
            if any(task.code == task_code for task in duty.tasks):
                return duty
        raise KeyError(task_code)

    def task(self, code: str) -> Task:
        for task in self.tasks():
            if task.code == code:
                return task
        raise KeyError(code)

    def knowledge_item(self, code: str) -> Item:
        return _by_code(self.knowledge, code)

    def skill_item(self, code: str) -> Item:
        return _by_code(self.skills, code)


_Coded = TypeVar("_Coded", Item, Attitude)


def _by_code(items: tuple[_Coded, ...], code: str) -> _Coded:
    for item in items:
        if item.code == code:
            return item
    raise KeyError(code)
