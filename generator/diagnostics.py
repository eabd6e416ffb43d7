"""Problems found in a user's files, worded for the trainer who has to fix them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    ERROR = "錯誤"
    WARNING = "警告"


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where it is (file and 1-based line, when known) and what it is."""

    file: str
    line: int | None
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity.value}：{self.message}"


class ContentError(Exception):
    """Raised with every problem found in the content; the only error the pipeline lets out."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def errors(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR]


def suggest(word: str, candidates: Iterable[str]) -> str:
    """A 「您是不是要寫 X？」 hint naming the closest candidate, or "" when none is close."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return f"（您是不是要寫 {close[0]}？）" if close else ""
