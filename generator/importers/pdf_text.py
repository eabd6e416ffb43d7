"""Text of a PDF as its characters lie on the page: radicals mapped, lines of a cell joined.

Kept apart from ``text.py`` on purpose: a text layout only has the words, a PDF also has where
each line ends, and that decides how two lines are joined.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

# Fonts such as Noto Sans CJK draw a Kangxi radical (U+2F00–U+2FD5) or a CJK Radicals
# Supplement code point (U+2E80–U+2EF3) with the same glyph as an ordinary ideograph, and a PDF
# may name the radical: 「⼯作」 for 「工作」. Kangxi radicals map by their compatibility
# decomposition; the supplement has almost none, so its pairs were read from Noto Sans CJK TC's
# cmap (the code points drawn with one glyph). Nothing else is normalised: full NFKC would also
# turn the standard's full-width punctuation (，：（）) into ASCII.
_SUPPLEMENT_PAIRS = (
    "⺂乛⺃乚⺅亻⺇𠘨⺉刂⺋㔾⺍𭕄⺏尣⺐尢⺒巳⺓幺⺔彑⺖忄⺘扌⺙攵⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭"
    "⺩𤣩⺭礻⺮𥫗⺯糹⺰纟⺱罓⺹耂⺺肀⺽𦥑⺿艹⻂衤⻅见⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻎辶⻐钅⻑長⻒镸⻓长"
    "⻔门⻕𨸏⻖阝⻙韦⻚页⻛风⻜飞⻞𩙿⻠饣⻡𩠐⻢马⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻰龙⻲亀⻳龟"
)


def _radical_table() -> dict[int, str]:
    table = {
        cp: unicodedata.normalize("NFKC", chr(cp))
        for cp in range(0x2F00, 0x2FE0)
        if unicodedata.normalize("NFKC", chr(cp)) != chr(cp)
    }
    pairs = _SUPPLEMENT_PAIRS
    table.update({ord(pairs[i]): pairs[i + 1] for i in range(0, len(pairs), 2)})
    return table


RADICALS = _radical_table()


def map_radicals(text: str) -> str:
    """「⼯作任務」 -> 「工作任務」; every other character as it is."""
    return text.translate(RADICALS)


@dataclass(frozen=True)
class Line:
    """One printed line of a cell: its text and where it lies across the page (points)."""

    text: str
    x0: float
    x1: float
    first_width: float  # width of its first character: would it have fitted on the line above?
    top: float = 0.0
    size: float = 0.0  # font size


@dataclass(frozen=True)
class Glued:
    """A join that took two lines' Latin ends for one word (the line above was full)."""

    word: str


_ASCII = re.compile(r"[!-~]")
_ALNUM = re.compile(r"[A-Za-z0-9]")
_WORD_AROUND = re.compile(r"[A-Za-z0-9.\-]*$"), re.compile(r"^[A-Za-z0-9.\-]*")


def join_lines(lines: list[Line], right: float | None = None) -> tuple[str, list[Glued]]:
    """The text of a cell whose lines wrapped at ``right`` (and maybe at a page break).

    Chinese lines join with no space. Between two Latin ends, the line above tells: if the
    next line's first character would have fitted on it, the break was at a space (restored);
    if it was full, a word (or a code, 「K0」 | 「2」) was cut at the edge and is rejoined as one.
    Without ``right``, the longest line shows how far lines reach.
    """
    if not lines:
        return "", []
    right = max(line.x1 for line in lines) if right is None else right
    text = lines[0].text.strip()
    glued: list[Glued] = []
    for above, below in pairwise(lines):
        rest = below.text.strip()
        if not text or not rest:
            text = text or rest
            continue
        separator = _separator(text, above, below, right)
        if separator == "" and _ALNUM.match(text[-1]) and _ALNUM.match(rest[0]):
            glued.append(Glued(_word_at(text, rest)))
        text += separator + rest
    return text, glued


def _separator(text: str, above: Line, below: Line, right: float) -> str:
    last, first = text[-1], below.text.lstrip()[0]
    if not (_ASCII.match(last) and _ASCII.match(first)) or last == "-":
        return ""
    if above.text.endswith(" ") or below.text.startswith(" "):
        return " "  # the space the line broke at was printed
    # a space and the next character would have fitted: the break was at a space
    room = right - above.x1
    return " " if room >= below.first_width + 0.25 * below.size else ""


def _word_at(left: str, right: str) -> str:
    head = _WORD_AROUND[0].search(left)
    tail = _WORD_AROUND[1].search(right)
    return (head.group() if head else "") + (tail.group() if tail else "")
