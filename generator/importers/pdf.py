"""Layout 3: the PDF iCAP publishes, read with pdfplumber into the rows the text layouts give.

Each table row of the PDF becomes one Row (its cells' wrapped lines joined), each paragraph
outside the tables a Row of one cell. What only a PDF has is settled here, before the shared
row assembly: the competency table's header repeated on every page is dropped, and a table row
a page break cut in two is put back together cell by cell, its task name included. Rows are
numbered in reading order; ``PdfRows.pages`` tells the page of each, for the messages.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from generator.diagnostics import ContentError, Diagnostic
from generator.importers.pdf_text import Glued, Line, join_lines, map_radicals
from generator.importers.rows import Row
from generator.parallel import fork_map

NAME = "PDF"

_Char = dict[str, Any]  # a pdfplumber character: text, x0, x1, top, bottom, size
_BBox = tuple[float, float, float, float]

_TASK_START = re.compile(r"\s*T\d+\.\d+")
_PARAGRAPH_START = re.compile(r"\s*(?:[●•◆■□○◎・*\-]|[A-Z]\d+|\d+[.)、])")
# 「3」「- 3 -」「3 / 6」「第 3 頁，共 6 頁」: page furniture, not the standard's text
_PAGE_NUMBER = re.compile(
    r"[-－—\s]*(?:第\s*)?\d+\s*頁?\s*(?:(?:/|／|，?\s*共)\s*\d+\s*頁?)?[-－—\s]*"
)


def is_pdf(data: bytes) -> bool:
    """A PDF by its content: its header, within the first KiB as readers allow."""
    return b"%PDF-" in data[:1024]


@dataclass(frozen=True)
class PdfRows:
    rows: list[Row]
    pages: dict[int, int]  # row number -> page
    glued: dict[int, list[str]]  # row number -> words rejoined across a full line


def read(path: Path, file: str) -> PdfRows:
    """The rows of a PDF; ContentError (nothing else) when it is not a readable standard."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font notes are not the trainer's
    try:
        # from memory: the processes reading pages then each have their own copy to seek in
        with pdfplumber.open(io.BytesIO(path.read_bytes())) as pdf:
            blocks = _without_running_heads(_document_blocks(pdf.pages))
    except (PdfminerException, MalformedPDFException, PSException, PDFPasswordIncorrect) as exc:
        if any(isinstance(e, PDFPasswordIncorrect) for e in (exc, *exc.args, exc.__cause__)):
            raise _refusal(
                file,
                "這個 PDF 有密碼保護，無法讀取。請從 iCAP 重新下載未加密的原檔，或先移除密碼。",
            ) from None
        raise _refusal(file, "無法讀取這個 PDF：檔案可能已損壞或不完整。") from None
    if not any(c for b in blocks for cell in b.cells for c in cell):
        raise _refusal(
            file,
            "這個 PDF 沒有文字層（可能是掃描的影像），讀不到任何文字。"
            "請從 iCAP 職能發展應用平台下載原始 PDF；若只有紙本或掃描檔，請先以 OCR 軟體"
            "轉成文字，存成 Markdown 表格或 Tab 分隔的文字檔再匯入。",
        )
    rows = _assemble(blocks)
    if rows is None:
        raise _refusal(
            file,
            "這個 PDF 不像是 iCAP 職能基準：找不到職能內涵表格"
            "（表頭為「主要職責、工作任務、工作產出、行為指標…」）。",
        )
    return rows


def _refusal(file: str, message: str) -> ContentError:
    return ContentError([Diagnostic(file, None, message)])


# --- the pages, read on every core -----------------------------------------------------------

# Reading a page is pdfminer interpreting its content stream, ~0.2 CPU s a page, and the pages
# are independent until their rows are put together. A page is worth a process from two on.
_PAGES_PER_PROCESS = 2
_reading: list[Any] = []  # the pages of the PDF being read, inherited by the forked processes


def _document_blocks(pages: list[Any]) -> list[_Block]:
    """The blocks of every page, in page order. The first page is read here: it loads the
    fonts (half a second for an embedded CJK font), which the forked processes inherit."""
    if not pages:
        return []
    first = _page_blocks(pages[0])
    _reading[:] = pages
    try:
        rest = fork_map(_blocks_of_page, range(1, len(pages)), per_process=_PAGES_PER_PROCESS)
    finally:
        _reading.clear()
    return [*first, *(block for blocks in rest for block in blocks)]


def _blocks_of_page(index: int) -> list[_Block]:
    return _page_blocks(_reading[index])


# --- one page: table rows and paragraphs, top to bottom -------------------------------------


@dataclass
class _Block:
    page: int
    top: float
    cells: list[list[Line]]
    in_table: bool
    rights: list[float]  # where each cell's lines may reach (its width less its padding)

    def joined(self, index: int) -> tuple[str, list[Glued]]:
        return join_lines(self.cells[index], self.rights[index])

    def text(self, index: int) -> str:
        return self.joined(index)[0] if index < len(self.cells) else ""


def _page_blocks(page: Any) -> list[_Block]:
    chars = _distinct(page.chars)
    tables = page.find_tables({"explicit_horizontal_lines": _open_ends(page.edges)})
    number = page.page_number
    blocks = []
    for table in tables:
        for row in table.rows:
            in_row = [c for c in chars if _inside(c, row.bbox)]
            cells = [_cell_lines(in_row, cell) for cell in row.cells]
            rights = [_reach(cell, lines) for cell, lines in zip(row.cells, cells, strict=True)]
            blocks.append(_Block(number, row.bbox[1], cells, True, rights))
    outside = [c for c in chars if not any(_inside(c, t.bbox) for t in tables)]
    lines = _lines(outside)
    right = max([*(float(t.bbox[2]) for t in tables), *(line.x1 for line in lines)], default=0.0)
    for paragraph in _paragraphs(lines, right):
        if not _PAGE_NUMBER.fullmatch(join_lines(paragraph, right)[0]):
            blocks.append(_Block(number, paragraph[0].top, [paragraph], False, [right]))
    return sorted(blocks, key=lambda b: b.top)


def _without_running_heads(blocks: list[_Block]) -> list[_Block]:
    """Drop a paragraph printed at the same place on several pages (a running head or foot,
    such as the standard's name above every page): page furniture, not the standard's text."""

    def place(block: _Block) -> tuple[str, int]:
        return block.text(0), round(block.top / 3)

    pages: dict[tuple[str, int], set[int]] = {}
    for block in blocks:
        if not block.in_table:
            pages.setdefault(place(block), set()).add(block.page)
    return [b for b in blocks if b.in_table or len(pages[place(b)]) < 2]


def _distinct(chars: list[_Char]) -> list[_Char]:
    """Upright characters, each once: some producers print a character twice for bold."""
    seen: set[tuple[str, int, int]] = set()
    result = []
    for char in chars:
        where = (char["text"], round(float(char["x0"])), round(float(char["top"])))
        if char.get("upright", True) and where not in seen:
            seen.add(where)
            result.append(char)
    return result


def _open_ends(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rules closing the cells a page break left open: a row cut at the foot of a page has its
    columns' sides but often no bottom rule. One rule where two or more sides end together."""
    ends: dict[int, list[float]] = {}
    for edge in edges:
        if edge["orientation"] == "v":
            for y in (edge["top"], edge["bottom"]):
                ends.setdefault(round(float(y)), []).append(float(edge["x0"]))
    return [
        {"x0": min(xs), "x1": max(xs), "top": y, "bottom": y, "width": max(xs) - min(xs),
         "height": 0, "orientation": "h", "object_type": "line"}
        for y, xs in sorted(ends.items())
        if len(xs) >= 2 and max(xs) > min(xs)
    ]  # fmt: skip


def _reach(cell: _BBox | None, lines: list[Line]) -> float:
    """A cell's right edge less the padding its text keeps on the left (as much on the right)."""
    if cell is None or not lines:
        return max((line.x1 for line in lines), default=0.0)
    padding = min(line.x0 for line in lines) - cell[0]
    return max(cell[2] - padding, *(line.x1 for line in lines))


def _inside(char: _Char, bbox: _BBox) -> bool:
    x0, top, x1, bottom = bbox
    x = (float(char["x0"]) + float(char["x1"])) / 2
    y = (float(char["top"]) + float(char["bottom"])) / 2
    return x0 <= x <= x1 and top <= y <= bottom


def _cell_lines(chars: list[_Char], bbox: _BBox | None) -> list[Line]:
    return [] if bbox is None else _lines([c for c in chars if _inside(c, bbox)])


def _lines(chars: Sequence[_Char]) -> list[Line]:
    """Characters -> printed lines, top to bottom (a line: characters whose tops agree)."""
    groups: list[list[_Char]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if groups and abs(char["top"] - groups[-1][0]["top"]) <= 0.5 * char["size"]:
            groups[-1].append(char)
        else:
            groups.append([char])
    return [line for group in groups if (line := _line(group))]


def _line(chars: list[_Char]) -> Line | None:
    chars = sorted(chars, key=lambda c: c["x0"])
    printed = [c for c in chars if c["text"].strip()]
    if not printed:
        return None
    text = ""
    for before, char in zip([None, *chars], chars, strict=False):
        if before is not None and _gap_is_space(before, char):
            text += " "
        text += map_radicals(char["text"])
    return Line(
        text=text,
        x0=printed[0]["x0"],
        x1=printed[-1]["x1"],
        first_width=printed[0]["x1"] - printed[0]["x0"],
        top=min(c["top"] for c in printed),
        size=max(c["size"] for c in printed),
    )


def _gap_is_space(before: _Char, char: _Char) -> bool:
    """A producer that positions words instead of printing spaces: a wide gap between two
    Latin characters is a space (never between Chinese ones, which justified text spreads)."""
    latin = before["text"].isascii() and char["text"].isascii()
    gap = float(char["x0"]) - float(before["x1"])
    spaced = " " in (before["text"], char["text"])
    return bool(latin) and not spaced and gap > 0.2 * float(char["size"])


def _paragraphs(lines: list[Line], right: float) -> Iterator[list[Line]]:
    """Lines outside the tables -> paragraphs: a line continues the one above unless that one
    stopped short of the right edge (the tables' or the longest line's), a gap or another font
    size lies between, or it starts like an entry of its own (a bullet, 「A01」, 「1.」)."""
    if not lines:
        return
    paragraph = [lines[0]]
    for above, line in pairwise(lines):
        ends = (
            above.x1 < right - 2 * above.size
            or line.top - above.top > 1.7 * above.size
            or abs(line.size - above.size) > 0.1 * above.size
            or _PARAGRAPH_START.match(line.text) is not None
        )
        if ends:
            yield paragraph
            paragraph = []
        paragraph.append(line)
    yield paragraph


# --- the whole document: headers dropped, rows split by a page break put together -----------


@dataclass
class _Table:
    header: _Block | None = None
    task_column: int = 1
    last_row: _Block | None = None
    kept: list[_Block] = field(default_factory=list)


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _assemble(blocks: list[_Block]) -> PdfRows | None:
    table = _Table()
    for block in blocks:
        first = _key(block.text(0)) if block.in_table else ""
        if first == "主要職責":
            if table.header is None:
                table.header = block
                table.task_column = next(
                    (i for i in range(len(block.cells)) if "工作任務" in _key(block.text(i))), 1
                )
                table.kept.append(block)
            continue  # the header repeated on the next page
        if _continues(table, block):
            assert table.last_row is not None
            for mine, more in zip(table.last_row.cells, block.cells, strict=False):
                mine.extend(more)
            continue
        table.kept.append(block)
        header = table.header
        in_table = header is not None and block.in_table and len(block.cells) == len(header.cells)
        table.last_row = block if in_table else None
    if table.header is None:
        return None
    return _numbered(table.kept, table.header)


def _continues(table: _Table, block: _Block) -> bool:
    """The first row of a page, without a task code of its own, after a row of the table."""
    last = table.last_row
    return (
        last is not None
        and block.in_table
        and block.page > last.page
        and len(block.cells) == len(last.cells)
        and not _TASK_START.match(block.text(table.task_column))
    )


def _numbered(blocks: list[_Block], header: _Block) -> PdfRows:
    rows, pages, glued = [], {}, {}
    for number, block in enumerate(blocks, start=1):
        joined = [block.joined(i) for i in range(len(block.cells))]
        rows.append(Row(number, tuple(text for text, _ in joined)))
        pages[number] = block.page
        words = [g.word for _, found in joined for g in found]
        if words and block is not header:  # the header's labels are read by their keys
            glued[number] = words
    return PdfRows(rows, pages, glued)
