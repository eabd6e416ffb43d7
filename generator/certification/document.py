"""A document as plain data: headings, paragraphs and tables of paragraphs.

The planning report is built once as this data (``report``) and written twice: as ODT, the
format of iCAP's template (``export.odt``), and as the printable page of the trainers' area
(``templates/kit-report.md.j2``). Blanks are marked in the data, not in either writer, so a
blank looks like a blank in both.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import ClassVar

CHECKED, UNCHECKED = "☑", "□"


class Mark(Enum):
    TEXT = "text"
    INSTITUTION = "institution"  # only the training institution can fill it
    MISSING = "missing"  # the trainer has not written it yet (and where to write it)


@dataclass(frozen=True)
class Run:
    text: str
    mark: Mark = Mark.TEXT


Paragraph = tuple[Run, ...]


def para(*parts: str | Run) -> Paragraph:
    return tuple(Run(p) if isinstance(p, str) else p for p in parts)


def box(label: str, ticked: bool, indent: int = 0) -> Paragraph:
    """A checkbox line as the template prints it: 「☑講述教學」 or 「□討論教學」."""
    return para("　" * indent + (CHECKED if ticked else UNCHECKED) + label)


@dataclass(frozen=True)
class Cell:
    paragraphs: tuple[Paragraph, ...] = ()
    header: bool = False
    colspan: int = 1
    rowspan: int = 1

    @property
    def text(self) -> str:
        """Every paragraph's text, one per line (what a reader of the cell sees)."""
        return "\n".join("".join(r.text for r in p) for p in self.paragraphs)


def cell(*paragraphs: Paragraph, header: bool = False, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(tuple(paragraphs), header, colspan, rowspan)


def head(*lines: str, rowspan: int = 1) -> Cell:
    """A header cell; each line a paragraph, as the template breaks its long headers."""
    return Cell(tuple(para(line) for line in lines), header=True, rowspan=rowspan)


@dataclass(frozen=True)
class Table:
    """Rows of cells; a cell spanning rows or columns is given once, in its first row, and
    the places it covers are left out of the rows below (as in HTML)."""

    key: str  # an id for the page's anchors and the ODT table's name
    title: str | None  # 「表1　本課程之職能表」, printed above the table
    widths: tuple[float, ...]  # relative column widths
    rows: tuple[tuple[Cell, ...], ...]
    header_rows: int = 1  # repeated at the top of every page the table runs onto
    notes: tuple[str, ...] = ()  # 「註1：…」 below the table
    caption: str = ""  # its name for a reader when it has no title (「封面」)
    kind: ClassVar[str] = "table"

    @property
    def label(self) -> str:
        return self.title or self.caption

    @property
    def shares(self) -> tuple[str, ...]:
        """Each column's share of the width, in percent (for a page's ``<col>``)."""
        total = sum(self.widths)
        return tuple(f"{100 * w / total:.1f}" for w in self.widths)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1: 壹、貳、參; 2: the phases of 貳
    kind: ClassVar[str] = "heading"


@dataclass(frozen=True)
class Text:
    paragraph: Paragraph
    style: str = "body"  # "title", "subtitle", "body" or "note"
    kind: ClassVar[str] = "text"


Block = Heading | Text | Table


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[Block, ...]

    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))
