"""Shared cleanup of cell text: markup stripped, fragments joined, coded lists split."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_TAG = re.compile(r"<[^<>]*>")  # no "<" inside: linear on a line of many "<"
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_SPACE = re.compile(r"\s+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


def plain(cell: str) -> str:
    """Cell text without HTML tags, entities, Markdown bold or runs of white space."""
    text = _TAG.sub(" ", cell)
    text = html.unescape(text)
    text = _BOLD.sub(r"\1", text)
    return _SPACE.sub(" ", text).strip()


def join(left: str, right: str) -> str:
    """Join two fragments of one cell split by a page break.

    Chinese text continues with no space (「於預定工作」+「日完成」); a space is kept only where
    it separates two Latin words or numbers, so a code after a word is still found.
    """
    left, right = left.strip(), right.strip()
    if not left or not right:
        return left or right
    if _ASCII_WORD.match(left[-1]) and _ASCII_WORD.match(right[0]):
        return f"{left} {right}"
    return left + right


# The head of a code cut by a page break (「K0」, 「P2.1.」), and what continues it.
_CODE_HEAD = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d*(?:\.\d*)*$")
_CODE_REST = re.compile(r"[\d.]")
# An HTML tag cut by a page break (「</」 | 「p>」): kept back and joined to what follows.
_TAG_HEAD = re.compile(r"<(?:/?[A-Za-z][^<>]*|/)?$")


def join_break(left: str, right: str) -> tuple[str, str | None]:
    """``join`` for fragments split by a page break, mending a code cut in two.

    「…K0」 + 「2工作安全守則」 is 「…K02工作安全守則」, not an item K0 named 「2工作…」.
    Returns the text and, when the join needs a person's eye, a warning saying why: a code
    mended, or two Latin words kept apart that may be one word cut in two (「em」 | 「ail」).
    """
    left, right = left.strip(), right.strip()
    head = _CODE_HEAD.search(left)
    if head and _CODE_REST.match(right):
        rest = re.match(r"[\d.]*", right)
        mended = head.group() + (rest.group() if rest else "")
        return left + right, f"換頁處把代碼切成兩段，已接回為 {mended}；請對照原文確認。"
    joined = join(left, right)
    words = _LATIN_TAIL.search(left), _LATIN_HEAD.match(right)
    if words[0] and words[1]:
        cut = f"{words[0].group()} {words[1].group()}"
        return joined, (
            f"換頁處在「{cut}」之間：已當成兩個字、以空格分開；若原文是一個字"
            f"（{cut.replace(' ', '')}），請在匯入的檔案裡刪掉空格。"
        )
    return joined, None


# The Latin word at either side of a page break (letters only: a number next to a word is
# joined with a space by rule, with nothing to check).
_LATIN_TAIL = re.compile(r"[A-Za-z]+$")
_LATIN_HEAD = re.compile(r"[A-Za-z]+")


def split_tag_head(raw: str) -> tuple[str, str]:
    """Raw cell text -> the text before an HTML tag left open at its end, and that tag head."""
    head = _TAG_HEAD.search(raw)
    return (raw[: head.start()], head.group()) if head else (raw, "")


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Coded:
    code: str
    text: str


def split_coded(text: str, code_pattern: str) -> tuple[str, list[Coded]]:
    """Split 「P1.1.1熟悉… P1.1.2定期…」 at each code.

    Returns the text before the first code (normally empty) and each code with its text. A
    code counts only where it is not glued to a preceding Latin letter or digit, so 「KPI」 or
    「ISO9001」 inside a sentence is never taken for one.
    """
    pattern = re.compile(rf"(?<![A-Za-z0-9.])({code_pattern})(?![0-9]|\.[0-9])")
    matches = list(pattern.finditer(text))
    if not matches:
        return text.strip(), []
    lead = text[: matches[0].start()].strip()
    parts = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(text)
        parts.append(Coded(match.group(1), _trim_label(text[match.end() : end])))
    return lead, parts


def _trim_label(text: str) -> str:
    """Text after a code, without the space or separator that followed the code."""
    return text.strip().lstrip("：:、").strip()
