"""Every place a trainer's files name a code of a standard: what a revision can affect.

Read leniently (a file with other problems still yields what it can): ``coursegen validate``
reports those problems; this only answers "which of my additions does this change touch?".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.course import SETTINGS_FILE, markdown_sections
from generator.diagnostics import ContentError
from generator.load import read_text
from generator.yamlio import Located, read_yaml


@dataclass(frozen=True)
class Reference:
    file: str
    line: int | None
    code: str  # the duty, task, K, S, P, O or A code referred to
    what: str  # how it is used, in words


_QUESTION_SUBJECT = re.compile(r"^[^/]+/([^/]+)/")


def trainer_references(root: Path, code: str) -> list[Reference]:
    overrides = f"site_overrides/{code}"
    return [
        *_settings_references(root / overrides / SETTINGS_FILE, f"{overrides}/{SETTINGS_FILE}"),
        *_module_references(root / overrides, overrides),
        *_quiz_references(root / "quizzes" / f"{code}.yaml", f"quizzes/{code}.yaml"),
    ]


def _yaml(path: Path, shown: str) -> Located | None:
    if not path.is_file():
        return None
    try:
        located = read_yaml(read_text(path, shown), shown)
    except ContentError:
        return None
    return located if isinstance(located.data, dict) else None


def _settings_references(path: Path, shown: str) -> Iterator[Reference]:
    located = _yaml(path, shown)
    if located is None:
        return
    data = located.data
    for key, what in (("modules", "課程單元"), ("hidden_tasks", "隱藏的工作任務")):
        for i, code in enumerate(data.get(key) or []):
            yield Reference(shown, located.line((key, i)), str(code), what)
    for code in data.get("hours") or {}:
        yield Reference(shown, located.line(("hours", code)), str(code), "單元時數")


def _module_references(folder: Path, shown: str) -> Iterator[Reference]:
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        file = f"{shown}/{path.name}"
        yield Reference(file, None, path.stem, "單元補充內容")
        try:
            text = read_text(path, file)
        except ContentError:
            continue
        for heading, line, _ in markdown_sections(text):
            if re.fullmatch(r"T\d+\.\d+", heading):
                yield Reference(file, line, heading, "工作任務後的補充內容")


def _quiz_references(path: Path, shown: str) -> Iterator[Reference]:
    located = _yaml(path, shown)
    if located is None:
        return
    data = located.data
    for i, question_id in enumerate(data.get("disable") or []):
        yield from _question(shown, located.line(("disable", i)), str(question_id), "停用的題目")
    for question_id in data.get("reword") or {}:
        line = located.line(("reword", question_id))
        yield from _question(shown, line, str(question_id), "改寫的題目")
    for i, item in enumerate(data.get("add") or []):
        for key in ("task", "duty"):
            if isinstance(item, dict) and item.get(key):
                line = located.line(("add", i, key))
                yield Reference(shown, line, str(item[key]), f"自訂題目 {item.get('id', '')}")


def _question(file: str, line: int | None, question_id: str, what: str) -> Iterator[Reference]:
    match = _QUESTION_SUBJECT.match(question_id)
    if match:
        yield Reference(file, line, match.group(1), f"{what} {question_id}")
