"""How well a built site's search finds words, measured as docs/search.md reports it.

Independent of the page's JavaScript: the words are those that jieba with the Traditional
dictionary finds in a site's indexed text; which pages hold a word is read from the
``search_index.json`` MkDocs wrote (or, for the catalogue's index of courses, from the
standards themselves). The page only answers the queries, with the function its search box uses.
"""

from __future__ import annotations

import html
import json
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jieba  # type: ignore[import-untyped]

from generator.model import Standard
from generator.search import traditional_dictionary

SAMPLE = 200
SEED = 13
_TAG = re.compile(r"<[^>]*>")
_HAN_WORD = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]{2,4}$")


def plain(text: str) -> str:
    return html.unescape(_TAG.sub(" ", text)).replace("\u200b", "")


def page_texts(index: Path) -> dict[str, str]:
    """Each page of a search_index.json (its URL without anchor) -> all its text."""
    pages: dict[str, list[str]] = {}
    for doc in json.loads(index.read_text("utf-8"))["docs"]:
        page = doc["location"].split("#")[0]
        pages.setdefault(page, []).extend((plain(doc["title"]), plain(doc["text"])))
    return {page: "\n".join(parts) for page, parts in pages.items()}


def standard_text(standard: Standard) -> str:
    """What a course's entries in the catalogue's index stand for, read from the standard."""
    category = standard.category
    parts = [standard.code, standard.name, standard.description, category.job.name]
    parts += [c.name for c in (*category.occupations, *category.industries)]
    for duty in standard.duties:
        parts.append(duty.name)
        for task in duty.tasks:
            parts.append(task.name)
            parts += [o.name for o in task.outputs]
            parts += [i.text for i in task.indicators]
    parts += [k.name for k in standard.knowledge] + [s.name for s in standard.skills]
    parts += [a.name for a in standard.attitudes]
    return "\n".join(parts)


@cache
def _tokenizer() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer(dictionary=str(traditional_dictionary()))
    tokenizer.initialize()
    return tokenizer


def dictionary_words(texts: Iterable[str], sample: int = SAMPLE, seed: int = SEED) -> list[str]:
    """A seeded sample of the 2–4 character words the Traditional dictionary finds in ``texts``."""
    tokenizer = _tokenizer()
    words = {
        word
        for text in texts
        for word in tokenizer.cut(text, HMM=False)
        if _HAN_WORD.match(word) and tokenizer.FREQ.get(word)
    }
    ordered = sorted(words)
    return random.Random(seed).sample(ordered, min(sample, len(ordered)))


@dataclass(frozen=True)
class Quality:
    words: int
    recall: float  # of all (word, page holding it) pairs, the share that search found
    precision: float  # of the first k results of each word (k = pages holding it), those holding it
    complete: float  # share of words for which every page holding it was found


def quality(holders: dict[str, set[str]], results: dict[str, list[str]]) -> Quality:
    held = found = first = right = complete = 0
    for word, pages in holders.items():
        answer = results[word]
        held += len(pages)
        found += len(pages & set(answer))
        first += len(pages)
        right += len(pages & set(answer[: len(pages)]))
        complete += pages <= set(answer)
    return Quality(len(holders), found / held, right / first, complete / len(holders))


SEARCH_ALL = """async ([index, words]) => {
  const data = await (await fetch(index)).json();
  const ready = await cgSearch.setup(data);
  const pageOf = group => group[0].course || group[0].location.split("#")[0];
  return Object.fromEntries(words.map(word => [
    word, cgSearch.search(ready.entries, ready.vocabulary, word).items.map(pageOf)
  ]));
}"""


def search_all(page: Any, index_url: str, words: list[str]) -> dict[str, list[str]]:
    """Each word -> the pages its results show, in order (the group's page of each result)."""
    results: dict[str, list[str]] = page.evaluate(SEARCH_ALL, [index_url, words])
    return results
