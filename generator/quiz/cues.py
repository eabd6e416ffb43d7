"""What a learner who knows nothing of the job can still read off a question: shared words,
near-duplicate options. The generator avoids these cues; ``audit`` measures what is left.

Chinese has no spaces, so words are approximated by character bigrams, the usual unit of
Chinese text matching. Bigrams that every question of a kind repeats (the stem's template,
generic endings such as 能力 or 知識) say nothing about the answer and are left out.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Template words of our stems and generic endings of K/S names: shared by right and wrong
# options alike, so they are no cue.
_GENERIC = (
    "執行",
    "需要",
    "下列",
    "哪一",
    "一項",
    "哪些",
    "工作",
    "任務",
    "產出",
    "行為",
    "指標",
    "知識",
    "技能",
    "態度",
    "能力",
    "技巧",
    "概論",
    "相關",
    "表現",
    "可複",
    "複選",
    "空格",
    "填入",
    "應填",
    "屬於",
)
_GENERIC_CHARS = frozenset("的與和及或、，。；：「」（）？！　 等之")
_MARK = re.compile(r"[\W_]+", re.UNICODE)


@cache
def normalize(text: str) -> str:
    """Width-folded, without punctuation, spaces or generic words: the words that carry meaning."""
    folded = unicodedata.normalize("NFKC", text).lower()
    for word in ("能力", "技巧", "知識", "概論", "相關"):
        folded = folded.replace(word, "")
    return "".join(c for c in _MARK.sub("", folded) if c not in _GENERIC_CHARS)


@cache
def bigrams(text: str) -> frozenset[str]:
    """The text's character bigrams, template and generic words left out."""
    folded = _MARK.sub(" ", unicodedata.normalize("NFKC", text).lower())
    grams = {
        part[i : i + 2]
        for part in folded.split()
        for i in range(len(part) - 1)
        if not _GENERIC_CHARS & set(part[i : i + 2])
    }
    return frozenset(grams.difference(_GENERIC))


def shared_words(stem: str, option: str) -> int:
    """How many of the option's bigrams the stem repeats."""
    return len(bigrams(stem) & bigrams(option))


@cache
def similar(a: str, b: str) -> bool:
    """Whether two texts are near-duplicates a learner could take for one another.

    True for one containing the other (組織能力 / 計劃和組織能力), for short names sharing most
    characters (自我管理技巧 / 自我管理能力的, 行業特定的規範和立法要求 / 產業規範與法規要求),
    and for long texts sharing half their bigrams (two indicators that differ in a clause).
    """
    x, y = normalize(a), normalize(b)
    if not x or not y:
        return x == y
    if x in y or y in x:
        return True
    if min(len(x), len(y)) <= 12:
        return len(set(x) & set(y)) / min(len(set(x)), len(set(y))) >= 0.6
    gx, gy = bigrams(a), bigrams(b)
    return bool(gx and gy) and 2 * len(gx & gy) / (len(gx) + len(gy)) >= 0.5
