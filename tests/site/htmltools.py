"""Read built HTML pages with the standard library: main text, ids and links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Parsed:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # href of every <a>
    sources: list[str] = field(default_factory=list)  # src/href of scripts, styles, images
    text: str = ""  # the visible text of the page's main content (<article>)
    scripts: int = 0  # <script> elements inside the main content


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = Parsed()
        self._article_depth = 0
        self._chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.result.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.result.links.append(values["href"])
        if tag in ("script", "img", "iframe", "source") and values.get("src"):
            self.result.sources.append(values["src"])
        if tag == "link" and values.get("href"):
            self.result.sources.append(values["href"])
        if tag == "article":
            self._article_depth += 1
        elif self._article_depth and tag == "script":
            self.result.scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._article_depth:
            self._article_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._article_depth:
            self._chunks.append(data)


def parse(html: str, whole: bool = False) -> Parsed:
    """Parse a page; ``whole`` counts all of ``html`` as main content (for fragments)."""
    parser = _Parser()
    parser._article_depth = 1 if whole else 0
    parser.feed(html)
    parser.close()
    parser.result.text = normalize("".join(parser._chunks))
    return parser.result


def normalize(text: str) -> str:
    """Whitespace runs as single spaces: HTML shows them so."""
    return re.sub(r"\s+", " ", text).strip()
