"""說明與補充事項: headings with their items, from HTML lists or plain bulleted lines.

Each item becomes one note prefixed by its heading (「建議擔任…條件：高中職以上畢業。」), so a
note reads on its own; a heading without items is a note by itself.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from generator.importers.rows import Row
from generator.importers.text import join, plain

# 「·」: a PDF may name the bullet • by the middle dot its font draws for it
_BULLETS = "●•◆■□○◎-*・·"
_ITEM = re.compile(r"^\s*(?:[-*•・·]|\d+[.)、])\s*")


def parse_notes(rows: list[Row]) -> tuple[str, ...]:
    text = "\n".join(" ".join(c for c in row.cells if c.strip()) for row in rows)
    entries = _html_entries(text) if "<li" in text.lower() else _line_entries(text)
    return _flatten(entries)


def _clean(text: str) -> str:
    return plain(text).lstrip(_BULLETS).strip()


class _ListReader(HTMLParser):
    """Collects (depth, text) for every <li>, depth 0 for the outermost list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = -1
        self.entries: list[tuple[int, str]] = []
        self.open_items: list[int] = []  # index into entries of each open <li>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self.depth += 1
        elif tag == "li":
            self.entries.append((max(self.depth, 0), ""))
            self.open_items.append(len(self.entries) - 1)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self.depth -= 1
        elif tag == "li" and self.open_items:
            self.open_items.pop()

    def handle_data(self, data: str) -> None:
        if self.open_items:
            index = self.open_items[-1]
            depth, text = self.entries[index]
            self.entries[index] = (depth, join(text, data))
        elif data.strip():
            self.entries.append((0, data))


def _html_entries(text: str) -> list[tuple[int, str]]:
    reader = _ListReader()
    reader.feed(text)
    reader.close()
    return [(depth, _clean(t)) for depth, t in reader.entries if _clean(t)]


def _line_entries(text: str) -> list[tuple[int, str]]:
    entries = []
    for line in text.splitlines():
        if not line.strip():
            continue
        depth = 1 if _ITEM.match(line) and not line.strip().startswith("●") else 0
        entries.append((depth, _clean(_ITEM.sub("", line) if depth else line)))
    return [(d, t) for d, t in entries if t]


def _flatten(entries: list[tuple[int, str]]) -> tuple[str, ...]:
    notes: list[str] = []
    heading: str | None = None
    heading_used = True
    for depth, text in entries:
        if depth == 0:
            if heading is not None and not heading_used:
                notes.append(heading)
            heading, heading_used = text, False
        else:
            notes.append(f"{heading}{text}" if heading else text)
            heading_used = True
    if heading is not None and not heading_used:
        notes.append(heading)
    return tuple(notes)
