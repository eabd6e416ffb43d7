"""The row form every layout reader produces: cells of one source line, with its line number."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    line: int  # 1-based line in the source file
    cells: tuple[str, ...]

    def cell(self, index: int) -> str:
        return self.cells[index] if 0 <= index < len(self.cells) else ""

    def filled(self) -> list[str]:
        return [c for c in self.cells if c.strip()]
