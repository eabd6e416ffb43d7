"""A page break may fall anywhere in a cell of the competency table, even inside a code (「K0」 |
「2…」) or an HTML tag (「</」 | 「p>」): the seeds, broken at every position of every code and
of their tags, import to exactly the standard they hold unbroken (issue 17: 4)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from generator.importers import detect_layout
from generator.importers.icap import standard_from_rows
from generator.importers.rows import Row
from generator.model import Standard
from tests.conftest import SEEDS

CODE = re.compile(r"(?<![A-Za-z0-9.])[KSOP][A-Z]?\d+(?:\.\d+)*")
TAG = re.compile(r"</?p>")


@dataclass(frozen=True)
class Break:
    seed: str
    row: int  # index of the row in the seed's rows
    cell: int
    at: int  # position in the cell's text
    inside: str  # the code or tag the break cuts

    def __str__(self) -> str:
        return f"{self.seed}:{self.row}:{self.inside}@{self.at}"


def _rows(seed: str) -> list[Row]:
    text = (SEEDS / seed).read_text("utf-8")
    layout = detect_layout(text)
    assert layout is not None
    found: list[Row] = layout.rows(text)
    return found


def _table(rows: list[Row]) -> Iterator[tuple[int, Row]]:
    """The rows of the competency table that start a task (not headers, not continuations)."""
    in_table = False
    for i, row in enumerate(rows):
        first = re.sub(r"\s", "", row.cell(0))
        in_table = (in_table or first == "主要職責") and not first.startswith("職能內涵")
        if in_table and first != "主要職責" and re.match(r"T\d+\.\d+", row.cell(1).strip()):
            yield i, row


def _breaks(seed: str) -> Iterator[Break]:
    for i, row in _table(_rows(seed)):
        for c, cell in enumerate(row.cells):
            if c < 2:
                continue  # duty and task cells: a break there is reported, not mended
            for found in CODE.finditer(cell):
                for at in range(found.start() + 1, found.end()):
                    yield Break(seed, i, c, at, found.group())
            for found in TAG.finditer(cell):
                for at in range(found.start() + 1, found.end()):
                    yield Break(seed, i, c, at, found.group())


def _broken(rows: list[Row], where: Break) -> list[Row]:
    """The rows with ``where.cell`` of ``where.row`` continued on the next page."""
    row = rows[where.row]
    header = next(r for r in rows if re.sub(r"\s", "", r.cell(0)) == "主要職責")
    text = row.cells[where.cell]
    first = Row(
        row.line, tuple(text[: where.at] if i == where.cell else c for i, c in enumerate(row.cells))
    )
    rest = Row(
        row.line + 2,
        tuple(text[where.at :] if i == where.cell else "" for i in range(len(row.cells))),
    )
    return [
        *rows[: where.row],
        first,
        Row(row.line + 1, header.cells),
        rest,
        *rows[where.row + 1 :],
    ]


SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))
UNBROKEN: dict[str, Standard] = {s: standard_from_rows(_rows(s), s)[0] for s in SEED_NAMES}


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_every_break_inside_a_code_or_tag_imports_the_same_standard(seed: str) -> None:
    rows = _rows(seed)
    cases = list(_breaks(seed))
    assert len(cases) > 500  # every code and tag of the table, at every inner position
    wrong = []
    for where in cases:
        standard, warnings = standard_from_rows(_broken(rows, where), seed)
        if standard != UNBROKEN[seed]:
            wrong.append(str(where))
        elif CODE.fullmatch(where.inside) and not any(
            f"已接回為 {where.inside}" in w.message for w in warnings
        ):
            wrong.append(f"{where}: no warning")
    assert not wrong, wrong[:10]


def test_a_latin_word_cut_by_a_page_break_is_kept_apart_with_a_warning() -> None:
    """「email」 cut into 「em」 | 「ail」 (issue 28: 5): two Latin words or one cut in two cannot
    be told apart, so the join keeps them apart, and says so for a person to check."""
    seed = "KPS5220-005v2.txt"
    rows = _rows(seed)
    row, cell = next(
        (i, c) for i, r in _table(rows) for c, text in enumerate(r.cells) if "email" in text
    )
    at = rows[row].cells[cell].index("email") + len("em")
    broken = _broken(rows, Break(seed, row, cell, at, "email"))
    standard, warnings = standard_from_rows(broken, seed)
    indicators = [p.text for t in standard.tasks() for p in t.indicators]
    assert any("電話、em ail、郵寄" in text for text in indicators)
    said = [w for w in warnings if "em ail" in w.message]
    assert len(said) == 1
    assert "換頁處在「em ail」之間" in said[0].message and "（email）" in said[0].message
