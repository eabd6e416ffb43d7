"""Layout 2: text extracted as tab-separated cells, one table row per line."""

from __future__ import annotations

from generator.importers.rows import Row

NAME = "Tab 分隔"


def matches(text: str) -> bool:
    return sum("\t" in line for line in text.splitlines()) >= 3


def rows(text: str) -> list[Row]:
    """One Row per non-blank line, split at tabs."""
    return [
        Row(number, tuple(cell.strip() for cell in line.split("\t")))
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]
