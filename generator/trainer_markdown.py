"""A trainer's Markdown as Markdown itself reads it: HTML comments gone, code left alone.

Trainers comment out what they do not want published (the skeletons of ``coursegen new``
teach ``<!-- -->``), so a section heading inside a comment does not exist and nothing of a
comment reaches a page. Comments are found the way Markdown finds them: not inside fenced
code blocks or inline code spans. Everything else is kept byte for byte (only CRLF line ends
become LF), so a hard line break, a table or an indented block arrive as the trainer wrote them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_OPEN, _CLOSE = "<!--", "-->"
# CommonMark: a fence is three or more backticks or tildes, indented by up to three spaces;
# a backtick fence's info string holds no backtick.
_FENCE = re.compile(r"^ {0,3}(`{3,}(?=[^`]*$)|~{3,})")
_HEADING = re.compile(r"^##[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line of the file
    text: str  # the line without its comments
    code: bool = False  # inside a fenced code block: a heading there is text


@dataclass(frozen=True)
class Source:
    lines: tuple[Line, ...]
    unclosed_comment: int | None = None  # line where a comment opens and never closes
    unclosed_fence: int | None = None  # line where a code block opens and never closes


@dataclass(frozen=True)
class Section:
    heading: str  # "" for the text before the first level-2 heading
    line: int  # the heading's line
    body: str  # the section's Markdown, blank lines at either end left out


def read_markdown(text: str) -> Source:
    """The visible lines of ``text``, each with its line number in the file."""
    kept: list[Line] = []
    fence = ""  # the open code fence, if any
    fence_line = 0
    comment = 0  # the line where the open comment began, 0 when none is open
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if fence:
            kept.append(Line(number, raw, code=True))
            if _closes(raw, fence):
                fence = ""
            continue
        opening = _FENCE.match(raw) if not comment else None
        if opening:
            fence, fence_line = opening.group(1), number
            kept.append(Line(number, raw, code=True))
            continue
        was_open = comment
        visible, began, comment = _uncomment(raw, number, comment)
        if not (was_open or began):
            kept.append(Line(number, raw))
        elif visible.strip():
            kept.append(Line(number, visible))
        elif began:
            # A comment on a line of its own is a block, as an HTML block ends a paragraph.
            kept.append(Line(number, ""))
    if kept and not kept[-1].text and not kept[-1].code and text.endswith("\n"):
        kept.pop()  # the empty "line" after the final newline
    return Source(tuple(kept), comment or None, fence_line if fence else None)


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return (
        len(line) - len(line.lstrip(" ")) <= 3
        and stripped == fence[0] * len(stripped)
        and len(stripped) >= len(fence)
    )


def _uncomment(line: str, number: int, comment: int) -> tuple[str, bool, int]:
    """``line`` without comments; whether a comment began on it; the open comment's line."""
    parts: list[str] = []
    began = False
    pos = 0
    while pos < len(line):
        if comment:
            end = line.find(_CLOSE, pos)
            if end < 0:
                break
            pos, comment = end + len(_CLOSE), 0
            continue
        start = _next_comment(line, pos)
        if start < 0:
            parts.append(line[pos:])
            break
        parts.append(line[pos:start])
        # "<!-->" and "<!--->" are whole comments too: look for the end from the dashes on.
        pos, comment, began = start + 2, number, True
    return "".join(parts), began, comment


def _next_comment(line: str, pos: int) -> int:
    """Where the next comment opens at or after ``pos``, outside inline code; -1 if none."""
    while True:
        opening = line.find(_OPEN, pos)
        tick = line.find("`", pos, opening if opening >= 0 else len(line))
        if opening < 0 or tick < 0:
            return opening
        run = len(line[tick:]) - len(line[tick:].lstrip("`"))
        close = re.compile(f"(?<!`){'`' * run}(?!`)").search(line, tick + run)
        pos = close.end() if close else tick + run  # a backtick run never closed is text


def sections(source: Source) -> Iterator[Section]:
    """Level-2 sections of the visible text; the text before the first heading comes first."""
    heading, line, body = "", 1, list[str]()
    for item in source.lines:
        match = None if item.code else _HEADING.match(item.text)
        if match:
            yield Section(heading, line, _trimmed(body))
            heading, line, body = match.group(1).strip(), item.number, []
        else:
            body.append(item.text)
    yield Section(heading, line, _trimmed(body))


def _trimmed(lines: list[str]) -> str:
    """The lines as text, without blank lines at either end (inside, every byte is kept)."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[start:end])


def title(source: Source) -> str | None:
    """The text of the first level-1 heading outside code and comments."""
    for item in source.lines:
        if not item.code and item.text.startswith("# "):
            return item.text[2:].strip()
    return None
