"""Lay a standard's source text out as iCAP prints it, and print it to PDF with two producers.

The layout follows iCAP's PDFs: the title, the 版本 table, the basic-data table, the competency
table with seven columns (its header repeated on every page, a row continued cell by cell on
the next page), then 職能內涵 (A=attitude 態度) and 說明與補充事項 as paragraphs. Each code's
entry is a paragraph of its cell, as iCAP prints them. ``offset`` is blank space before the
competency table: changing it moves every page break to another place in the table.

Producers: Chromium's print to PDF (Playwright, Debian's chromium, Noto Sans CJK TC: its PDFs
name Kangxi radicals for many ideographs) and reportlab (the Adobe CID font STSong-Light).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from generator.importers import detect_layout
from generator.importers.icap import (
    INDICATOR_CODE,
    KNOWLEDGE_CODE,
    OUTPUT_CODE,
    SKILL_CODE,
    TASK_CODE,
)
from generator.importers.rows import Row
from generator.importers.text import join_break, plain, split_coded

# Each column by a word of its header: the codes its entries start with, its share of the width.
_KINDS = (
    ("主要職責", None, 13),
    ("工作任務", TASK_CODE, 13),
    ("工作產出", OUTPUT_CODE, 11),
    ("行為指標", INDICATOR_CODE, 27),
    ("級別", None, 6),
    ("K=", KNOWLEDGE_CODE, 15),
    ("S=", SKILL_CODE, 15),
)


def _kind(label: str) -> tuple[str, str | None, int]:
    return next((k for k in _KINDS if k[0] in _key(label)), ("", None, 10))


def _key(text: str) -> str:
    return re.sub(r"\s+", "", plain(text))


@dataclass
class Document:
    """The parts of a standard, each cell a list of paragraphs."""

    title: str = ""
    front: list[list[list[str]]] = field(default_factory=list)  # tables before the competencies
    header: list[str] = field(default_factory=list)
    rows: list[list[list[str]]] = field(default_factory=list)
    after: list[str] = field(default_factory=list)  # paragraphs: attitudes, notes


def document(source: Path) -> Document:
    text = source.read_text("utf-8")
    layout = detect_layout(text)
    assert layout is not None, source
    doc = Document()
    part = "front"
    joined: list[list[str]] = []  # the competency rows, page-break fragments joined
    for row in layout.rows(text):
        cells = [c for c in row.cells]
        first = _key(row.cell(0))
        if part == "front" and first == "主要職責":
            part, doc.header = "table", [plain(c) for c in cells]
        elif part == "table" and first.startswith("職能內涵"):
            part = "after"
            doc.after.append(plain(row.cell(0)))
        elif part == "front":
            _front(doc, row)
        elif part == "table" and first != "主要職責":
            _table_row(joined, cells, doc.header)
        elif part == "after":
            doc.after.extend(_paragraphs(row))
    codes = [_kind(label)[1] for label in doc.header]
    doc.rows = [[_entries(codes[i], cell) for i, cell in enumerate(r)] for r in joined]
    return doc


def _front(doc: Document, row: Row) -> None:
    cells = [plain(c) for c in row.cells]
    if not any(cells):
        return
    if len(row.filled()) == 1 and len(row.cells) == 1:
        doc.title = doc.title or cells[0]
        return
    starts_table = _key(row.cell(0)) == "版本" or (
        doc.front and _key(doc.front[-1][0][0]) == "版本" and not re.match(r"[Vv]\d", cells[0])
    )
    if starts_table or not doc.front:
        doc.front.append([])
    doc.front[-1].append(cells)


def _table_row(joined: list[list[str]], cells: list[str], header: list[str]) -> None:
    """A row of the source; one a page break split is joined, one of a task's next level
    (its own 職能級別, the task cell empty as in iCAP's merged cells) stays a row."""
    cells = (cells + [""] * len(header))[: len(header)]
    level = next((i for i, label in enumerate(header) if "級別" in _key(label)), None)
    above = joined[-1][level].split() if joined and level is not None else []
    new_level = level is not None and above and plain(cells[level]) not in ("", *above)
    if plain(cells[1]) or not joined or new_level:
        joined.append([plain(c) for c in cells])
        return
    for i, cell in enumerate(cells):
        if i == level and plain(cell) in above:
            continue  # the level a page break repeats is printed once
        joined[-1][i] = join_break(joined[-1][i], plain(cell))[0]


def _entries(code: str | None, text: str) -> list[str]:
    """A cell -> its paragraphs: one per coded entry (「P1.1.1…」), else the text as it is."""
    if code is None:
        return [text] if text else []
    lead, parts = split_coded(text, code)
    return [lead] * bool(lead) + [f"{p.code}{p.text}" for p in parts]


class _ListItems(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self.open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self.items.append("")
            self.open = True

    def handle_endtag(self, tag: str) -> None:
        self.open = False if tag == "li" else self.open

    def handle_data(self, data: str) -> None:
        if self.items and self.open:
            self.items[-1] += data
        elif data.strip():
            self.items.append(data)


def _paragraphs(row: Row) -> list[str]:
    text = " ".join(c for c in row.cells if c.strip())
    if "<li" not in text.lower():
        return [plain(text)] if plain(text) else []
    reader = _ListItems()
    reader.feed(text)
    return [plain(item) for item in reader.items if plain(item)]


# --- Chromium --------------------------------------------------------------------------------

_CSS = """
@page { size: A4 portrait; margin: 18mm 14mm; }
body { font-family: "Noto Sans CJK TC"; font-size: 9pt; line-height: 1.35; }
h1 { font-size: 15pt; text-align: center; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0; table-layout: fixed; }
th, td { border: 0.6pt solid #000; vertical-align: top; padding: 2pt 3pt; text-align: left; }
th { font-weight: normal; }
p { margin: 0; }
.after p { margin: 0 0 6pt 0; }
"""


def _widths(doc: Document) -> list[float]:
    """Each column's share of the competency table's width (sums to 1)."""
    shares = [_kind(label)[2] for label in doc.header]
    return [share / sum(shares) for share in shares]


def _cell(paragraphs: list[str], tag: str = "td") -> str:
    inner = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"<{tag}>{inner}</{tag}>"


def to_html(doc: Document, offset: float) -> str:
    front = "".join(
        "<table>"
        + "".join("<tr>" + "".join(_cell([c] if c else []) for c in row) + "</tr>" for row in table)
        + "</table>"
        for table in doc.front
    )
    cols = "".join(f'<col style="width:{100 * w:.2f}%">' for w in _widths(doc))
    head = "<tr>" + "".join(_cell([c], "th") for c in doc.header) + "</tr>"
    body = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in doc.rows)
    after = "".join(f"<p>{html.escape(p)}</p>" for p in doc.after)
    return (
        f'<!doctype html><html lang="zh-Hant"><meta charset="utf-8"><style>{_CSS}</style>'
        f"<h1>{html.escape(doc.title)}</h1>{front}"
        f'<div style="height:{offset:.1f}pt"></div>'
        f"<table><colgroup>{cols}</colgroup><thead>{head}</thead><tbody>{body}</tbody></table>"
        f'<div class="after">{after}</div></html>'
    )


class Chromium:
    """One browser for a session's PDFs."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path="/usr/bin/chromium")

    def pdf(self, doc: Document, target: Path, offset: float = 0.0) -> Path:
        """With a running head (the standard's name) and foot (「第 1 頁，共 4 頁」) on every
        page, as Chromium prints them."""
        page = self._browser.new_page()
        page.set_content(to_html(doc, offset))
        style = 'style="font-size:8pt;width:100%;text-align:center;font-family:Noto Sans CJK TC"'
        page.pdf(
            path=str(target),
            prefer_css_page_size=True,
            display_header_footer=True,
            header_template=f"<div {style}>{html.escape(doc.title)}</div>",
            footer_template=(
                f'<div {style}>第 <span class="pageNumber"></span> 頁，'
                '共 <span class="totalPages"></span> 頁</div>'
            ),
        )
        page.close()
        return target

    def close(self) -> None:
        self._browser.close()
        self._playwright.stop()


# --- reportlab --------------------------------------------------------------------------------


def reportlab_pdf(doc: Document, target: Path, offset: float = 0.0) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=9, leading=12, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=15, leading=20, alignment=1)
    after = ParagraphStyle("after", parent=body, spaceAfter=6)
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("LINEBELOW", (0, 0), (-1, -1), 0.6, colors.black),
            ("LINEABOVE", (0, 0), (-1, -1), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )

    def para(text: str, style: ParagraphStyle = body) -> Paragraph:
        # the CID font has no U+2022: a bullet it cannot draw would vanish from the PDF
        return Paragraph(html.escape(text.replace("•", "-")), style)

    width = A4[0] - 28 * mm
    story: list[object] = [para(doc.title, title), Spacer(1, 8)]
    for table in doc.front:
        columns = max(len(row) for row in table)
        data = [[para(c) for c in row] + [""] * (columns - len(row)) for row in table]
        story += [Table(data, colWidths=[width / columns] * columns, style=grid), Spacer(1, 8)]
    story.append(Spacer(1, offset))
    data = [[para(c) for c in doc.header]]
    data += [[[para(p) for p in cell] for cell in row] for row in doc.rows]
    story.append(
        Table(
            data,
            colWidths=[width * w for w in _widths(doc)],
            style=grid,
            repeatRows=1,
            splitByRow=0,  # split inside a row first, as iCAP's PDFs do
            splitInRow=1,
        )
    )
    story += [Spacer(1, 8), *(para(p, after) for p in doc.after)]
    SimpleDocTemplate(
        str(target), pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm,
        topMargin=18 * mm, bottomMargin=18 * mm, invariant=1,
    ).build(story)  # fmt: skip
    return target
