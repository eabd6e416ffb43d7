"""A check over the things of a course (tasks, units, knowledge…) and the gaps it finds, each
with the file to edit: the shape of ``coursegen status`` and of the readiness page."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Gap:
    code: str
    name: str
    file: str  # the file to edit, from the project folder


@dataclass(frozen=True)
class Check:
    title: str
    how: str  # what to write in the files to fill a gap
    total: int
    gaps: tuple[Gap, ...]

    def by_file(self) -> tuple[tuple[str, tuple[Gap, ...]], ...]:
        """The gaps grouped by the file to edit, in order of first appearance."""
        files: dict[str, list[Gap]] = {}
        for gap in self.gaps:
            files.setdefault(gap.file, []).append(gap)
        return tuple((file, tuple(gaps)) for file, gaps in files.items())

    @property
    def done(self) -> int:
        return self.total - len(self.gaps)

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)


def percent(done: int, total: int) -> int:
    """Whole percent, rounded down (99.6 % is not ready), 100 for nothing to do."""
    return 100 if total == 0 else done * 100 // total


def check(
    title: str,
    how: str,
    things: Iterable[tuple[str, str]],
    ready: Callable[[str], bool],
    file: Callable[[str], str],
) -> Check:
    """``things`` (code, name) checked by ``ready``; each gap names the file to edit."""
    listed = list(things)
    gaps = tuple(Gap(code, name, file(code)) for code, name in listed if not ready(code))
    return Check(title, how, len(listed), gaps)
