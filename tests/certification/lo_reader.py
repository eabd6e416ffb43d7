"""The report as LibreOffice reads it: the ODT converted by soffice to XHTML, parsed by lxml.

Nothing here uses the generator: each table comes back as a grid of cell texts (spanned cells
repeated in every row and column they cover), keyed by the title paragraph above it.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

XHTML = "{http://www.w3.org/1999/xhtml}"
Grid = tuple[tuple[str, ...], ...]
XHTML_FILTER = "xhtml:XHTML Writer File:UTF8"


@dataclass(frozen=True)
class ReadReport:
    headings: tuple[str, ...]  # h1/h2 texts in order
    titles: tuple[str, ...]  # the paragraph before each table, in order
    tables: dict[str, Grid]  # title -> grid
    text: str  # every paragraph and cell, in reading order


def convert(odts: list[Path], out: Path, profile: Path, to: str = XHTML_FILTER) -> None:
    """One soffice run for every file (its start-up is most of the cost)."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            *map(str, odts),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )


def _text(element: etree._Element) -> str:
    """A cell's paragraphs, one per line, as a reader sees them."""
    paragraphs = element.findall(f".//{XHTML}p") or [element]
    return "\n".join("".join(p.itertext()).strip() for p in paragraphs).strip()


def _grid(table: etree._Element) -> Grid:
    rows: list[dict[int, str]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, column) filled by a rowspan above
    for r, tr in enumerate(table.iter(f"{XHTML}tr")):
        row: dict[int, str] = {}
        column = 0
        for td in tr:
            if td.tag not in (f"{XHTML}td", f"{XHTML}th"):
                continue
            while (r, column) in pending:
                row[column] = pending.pop((r, column))
                column += 1
            text = _text(td)
            for dc in range(int(td.get("colspan", "1"))):
                row[column + dc] = text
                for dr in range(1, int(td.get("rowspan", "1"))):
                    pending[(r + dr, column + dc)] = text
            column += int(td.get("colspan", "1"))
        while (r, column) in pending:
            row[column] = pending.pop((r, column))
            column += 1
        rows.append(row)
    return tuple(tuple(row[c] for c in sorted(row)) for row in rows)


def read(path: Path) -> ReadReport:
    root = etree.parse(str(path)).getroot()
    body = root.find(f"{XHTML}body")
    assert body is not None
    headings: list[str] = []
    titles: list[str] = []
    tables: dict[str, Grid] = {}
    texts: list[str] = []
    previous = ""
    for element in body.iter():
        tag = etree.QName(element).localname
        if tag in ("h1", "h2"):
            headings.append(_text(element))
            previous = headings[-1]
        elif tag == "table" and element.getparent() is not None:
            if any(etree.QName(a).localname == "table" for a in element.iterancestors()):
                continue
            titles.append(previous)
            tables[previous] = _grid(element)
        elif tag == "p" and not any(
            etree.QName(a).localname == "table" for a in element.iterancestors()
        ):
            previous = _text(element)
        if tag in ("p", "h1", "h2"):
            texts.append(_text(element))
    return ReadReport(tuple(headings), tuple(titles), tables, "\n".join(texts))
