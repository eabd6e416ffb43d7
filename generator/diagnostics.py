"""Problems found in a user's files, worded for the trainer who has to fix them."""

from __future__ import annotations

import difflib
import json
import re
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
        """``file:line: 錯誤：message`` on one line, whatever a file's name or a quoted text
        holds (a line break in either would split it, and mislead a reader of the log)."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        return _visible(f"{where}: {self.severity.value}：{self.message}")


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


_INVISIBLE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def excerpt(value: object, limit: int = 40) -> str:
    """What a message quotes of a user's text: at most ``limit`` characters, line breaks and
    other control characters shown as ``\\n``…, so a message stays one short line."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _visible(text)


def _visible(text: str) -> str:
    return _INVISIBLE.sub(lambda found: found.group().encode("unicode_escape").decode(), text)
