"""The typed, immutable model of one competency standard (職能基準).

Every object is a frozen dataclass holding tuples, so a loaded standard can be shared by every
stage of the pipeline without any stage changing it under another.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
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
class LevelRow:
    """One of the table rows of a task written in rows of different 職能級別: the level belongs
    to its row, with the row's indicators (by code), knowledge and skills."""

    level: int
    indicators: tuple[str, ...]
    knowledge: tuple[str, ...]
    skills: tuple[str, ...]


def level_range(levels: Iterable[int]) -> str:
    """(4,) -> 「4」; (3, 4) -> 「3–4」; none -> 「」."""
    found = sorted(set(levels))
    if not found:
        return ""
    return str(found[0]) if len(found) == 1 else f"{found[0]}–{found[-1]}"


@dataclass(frozen=True)
class Task:
    """工作任務 (T1.2).

    ``outputs`` and ``indicators`` are the task's own. A task written in one table row with
    other tasks has none of its own: the row's outputs and indicators belong to the tasks
    together (``Duty.rows``, ``Standard.row_group``). ``knowledge`` and ``skills`` are always
    the task's own: the entries marked for it (``K01…【T1.2】``) and the row's unmarked ones.
    ``shares_with`` names the first task of its row, on the row's other tasks.

    An output listed under several tasks (a shared output) is in each one's ``outputs``.

    A task written in table rows of different 職能級別 has ``level_rows`` (one per level, in
    the table's order) and ``level`` None; its ``indicators``, ``knowledge`` and ``skills``
    are then its rows' together. ``levels`` is what to show either way.
    """

    code: str
    name: str
    level: int | None
    outputs: tuple[Output, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    knowledge: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    shares_with: str | None = None
    level_rows: tuple[LevelRow, ...] = ()

    @property
    def levels(self) -> tuple[int, ...]:
        """Its levels, lowest first: one, the levels of its rows, or none (未定級別)."""
        if self.level_rows:
            return tuple(sorted({row.level for row in self.level_rows}))
        return () if self.level is None else (self.level,)

    @property
    def level_text(self) -> str:
        """「4」, 「3–4」 for a task in rows of two levels, or 「」 when it has none."""
        return level_range(self.levels)

    def level_of(self, indicator_code: str) -> int | None:
        """The level of the row an indicator is written in."""
        for row in self.level_rows:
            if indicator_code in row.indicators:
                return row.level
        return self.level


@dataclass(frozen=True)
class RowGroup:
    """Several tasks written in one row of the table: its outputs and indicators are theirs
    together, never one task's alone (a row of five tasks may have three outputs)."""

    tasks: tuple[str, ...]  # task codes, in the row's order
    outputs: tuple[Output, ...]
    indicators: tuple[Indicator, ...]

    @property
    def label(self) -> str:
        """「T1.1、T1.2、T1.3」: how pages and messages name the group."""
        return "、".join(self.tasks)


@dataclass(frozen=True)
class Duty:
    """主要職責 (T1): one course module. ``name`` is "" when the source gives none."""

    code: str
    name: str
    tasks: tuple[Task, ...]
    rows: tuple[RowGroup, ...] = ()  # the rows that hold several tasks

    @property
    def label(self) -> str:
        """「T1 前置準備作業」, or 「T3」 for a duty the source gives no name."""
        return f"{self.code} {self.name}" if self.name else self.code

    def without(self, hidden: frozenset[str]) -> Duty:
        """The duty with the ``hidden`` tasks left out; a row group keeps its other tasks (the
        row's outputs and indicators stay theirs together), led by the first one left."""
        tasks = [t for t in self.tasks if t.code not in hidden]
        rows = []
        for group in self.rows:
            kept = tuple(code for code in group.tasks if code not in hidden)
            if kept:
                rows.append(replace(group, tasks=kept))
        first = {code: group.tasks[0] for group in rows for code in group.tasks}
        return replace(
            self,
            tasks=tuple(
                replace(
                    t, shares_with=first[t.code] if first.get(t.code, t.code) != t.code else None
                )
                for t in tasks
            ),
            rows=tuple(rows),
        )


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
        """Every indicator once, in the table's order (a row group's at its first task)."""
        for task in self.tasks():
            yield from self.indicators_at(task)

    def outputs(self) -> Iterator[Output]:
        """Every output once, in the table's order (a shared output where first listed)."""
        seen: set[str] = set()
        for task in self.tasks():
            for output in self.outputs_at(task):
                if output.code not in seen:
                    seen.add(output.code)
                    yield output

    def row_group(self, task_code: str) -> RowGroup | None:
        """The group of tasks written in one row with ``task_code``, if it shares a row."""
        for duty in self.duties:
            for group in duty.rows:
                if task_code in group.tasks:
                    return group
        return None

    def indicators_at(self, task: Task) -> tuple[Indicator, ...]:
        """What is listed at ``task``: its own indicators, or its row group's when it is the
        group's first task (each indicator once, in the table's order)."""
        group = self.row_group(task.code)
        if group is None:
            return task.indicators
        return group.indicators if group.tasks[0] == task.code else ()

    def outputs_at(self, task: Task) -> tuple[Output, ...]:
        """Like ``indicators_at``, for outputs."""
        group = self.row_group(task.code)
        if group is None:
            return task.outputs
        return group.outputs if group.tasks[0] == task.code else ()

    def producers(self, output_code: str) -> tuple[str, ...]:
        """The tasks that produce an output: one, several (shared), or a row group's tasks."""
        return self._producers.get(output_code, ())

    def indicator_owners(self, indicator_code: str) -> tuple[str, ...]:
        """The task an indicator belongs to, or the tasks of the row group it belongs to."""
        return self._owners.get(indicator_code, ())

    # Both indexes are read for every output and indicator of every task (exports, pages):
    # built once per standard, in the table's order, instead of a walk of the table each time.
    @cached_property
    def _producers(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for duty in self.duties:
            for task in duty.tasks:
                for output in task.outputs:
                    found.setdefault(output.code, []).append(task.code)
            for group in duty.rows:
                for output in group.outputs:
                    found.setdefault(output.code, []).extend(group.tasks)
        return {code: tuple(dict.fromkeys(tasks)) for code, tasks in found.items()}

    @cached_property
    def _owners(self) -> dict[str, tuple[str, ...]]:
        owners: dict[str, tuple[str, ...]] = {}
        for duty in self.duties:
            for task in duty.tasks:
                for indicator in task.indicators:
                    owners.setdefault(indicator.code, (task.code,))
            for group in duty.rows:
                for indicator in group.indicators:
                    owners.setdefault(indicator.code, group.tasks)
        return owners

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
