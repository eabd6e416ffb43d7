"""Learning resources a trainer lists for a course: ``site_overrides/<code>/resources.yml``.

Each resource has a title, a kind (閱讀, 影片, 法規, 範例, 練習), a web address or a file under
``files/``, and the knowledge, skill or task codes it serves. The generator shows it wherever
those codes are learnt; it never invents one. The one exception is a link it can derive: a
knowledge item naming a Taiwanese law gets a search of the official national law database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from generator.diagnostics import Diagnostic, excerpt, suggest
from generator.load import read_trainer_yaml
from generator.model import Standard
from generator.yamlio import Located

RESOURCES_FILE = "resources.yml"
KINDS = ("閱讀", "影片", "法規", "範例", "練習")


@dataclass(frozen=True)
class Resource:
    title: str
    kind: str
    url: str | None  # a web address, or
    file: str | None  # a path inside the course's files/ folder
    serves: tuple[str, ...]  # K, S and task codes
    note: str | None = None


# --- the national law database ------------------------------------------------------------

# 全國法規資料庫 (Ministry of Justice). It has no address by a law's name, only by its pcode,
# which the standard does not give; its search by name (the same query its own search box
# sends) leads to the law in one click. Built here, never requested at build time.
LAW_SEARCH = "https://law.moj.gov.tw/Law/LawSearchResult.aspx?ty=ONEBAR&kw="

# A law's name ends in 法, 條例 or 辦法 (施行細則, 規則 and 準則 too). Words such as 方法 or
# 作法 end in 法 but name no law.
_LAW_NAME = re.compile(r"^[\u3400-\u9fff]{2,}(?:法|條例|辦法|施行細則|規則|準則)$")
_NOT_LAWS = re.compile(
    r"(?:方法|作法|做法|手法|用法|技法|工法|療法|算法|寫法|說法|想法|看法|語法|文法|筆法|刀法|"
    r"辦理方法|原則|遊戲規則)$"
)
_SEPARATORS = re.compile(r"[、，,；;及與和/／\s（）()「」《》〈〉]+")


def law_names(text: str) -> tuple[str, ...]:
    """The law names in a knowledge item's name: 「消費者保護法」 -> ("消費者保護法",)."""
    parts = (part for part in _SEPARATORS.split(text) if part)
    return tuple(p for p in parts if _LAW_NAME.match(p) and not _NOT_LAWS.search(p))


def law_search_url(name: str) -> str:
    return LAW_SEARCH + quote(name)


# --- reading resources.yml ----------------------------------------------------------------


def load_resources(
    standard: Standard, overrides: Path, shown: str, files: set[str]
) -> tuple[tuple[Resource, ...], list[Diagnostic]]:
    """The course's resources; ``files`` are the paths inside its files/ folder."""
    file = f"{shown}/{RESOURCES_FILE}"
    located, problems = read_trainer_yaml(overrides / RESOURCES_FILE, file, "resources")
    if located is None:
        return (), problems
    entries = (located.data or {}).get("resources", [])
    found = [
        _resource(standard, entry, i, located, file, files, problems)
        for i, entry in enumerate(entries)
    ]
    return tuple(r for r in found if r is not None), problems


def _resource(
    standard: Standard,
    entry: dict[str, object],
    index: int,
    located: Located,
    file: str,
    files: set[str],
    problems: list[Diagnostic],
) -> Resource | None:
    def line(*path: str | int) -> int | None:
        return located.line(("resources", index, *path))

    before = len(problems)
    url, name = entry.get("url"), entry.get("file")
    if (url is None) == (name is None):
        problems.append(
            Diagnostic(file, line(), "每項資源要寫「url」（網址）或「file」（檔案）其中一個。")
        )
    if isinstance(name, str):
        name = files_path(name)
        if name not in files:
            where = f"{file.rsplit('/', 1)[0]}/files/{name}"
            hint = suggest(name, files) or ""
            problems.append(
                Diagnostic(file, line("file"), f"找不到檔案 {excerpt(where, 200)}{hint}")
            )
    known = _known_codes(standard)
    serves = [str(code) for code in entry.get("serves", [])]  # type: ignore[attr-defined]
    for i, code in enumerate(serves):
        if code not in known:
            hint = suggest(code, known) or ""
            problems.append(
                Diagnostic(file, line("serves", i), f"{standard.code} 沒有 {excerpt(code)}{hint}")
            )
    if len(problems) > before:
        return None
    note = entry.get("note")
    return Resource(
        title=str(entry["title"]),
        kind=str(entry["kind"]),
        url=url if isinstance(url, str) else None,
        file=name if isinstance(name, str) else None,
        serves=tuple(serves),
        note=note if isinstance(note, str) else None,
    )


def files_path(name: str) -> str:
    """A resource's ``file`` as a path inside files/ (a leading ``files/`` is allowed)."""
    path = PurePosixPath(name.strip().replace("\\", "/"))
    parts = path.parts[1:] if path.parts[:1] == ("files",) else path.parts
    return "/".join(parts)


def _known_codes(standard: Standard) -> list[str]:
    return [
        *(i.code for i in standard.knowledge),
        *(i.code for i in standard.skills),
        *(t.code for t in standard.tasks()),
    ]


def serving(resources: tuple[Resource, ...], code: str) -> tuple[Resource, ...]:
    return tuple(r for r in resources if code in r.serves)
