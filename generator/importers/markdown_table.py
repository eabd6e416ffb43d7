"""Layout 1: text extracted as Markdown pipe tables (``| T1準備… | T1.1… | … |``)."""

from __future__ import annotations

import re

from generator.importers.rows import Row

NAME = "Markdown 表格"

_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR = re.compile(r"^\s*\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def matches(text: str) -> bool:
    lines = text.splitlines()
    return sum(bool(_TABLE_LINE.match(line)) for line in lines) >= 3


def rows(text: str) -> list[Row]:
    """One Row per non-blank line; table lines split into cells, separator lines dropped."""
    result = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or _SEPARATOR.match(line):
            continue
        if _TABLE_LINE.match(line):
            inner = line.strip()[1:-1]
            cells = tuple(c.replace("\\|", "|").strip() for c in _UNESCAPED_PIPE.split(inner))
        else:
            cells = (line.strip(),)
        result.append(Row(number, cells))
    return result
