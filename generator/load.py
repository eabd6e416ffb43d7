"""Canonical YAML -> model: read a standard file, check it against the JSON Schema, build it.

Every problem names the file and the line; schema messages are translated into words a trainer
understands. Checks the schema cannot express live in ``validate``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path as FsPath
from typing import Any, cast

import jsonschema

from generator.diagnostics import ContentError, Diagnostic, excerpt, suggest
from generator.model import (
    Attitude,
    Category,
    Classification,
    Duty,
    Indicator,
    Item,
    LevelRow,
    Output,
    RowGroup,
    Standard,
    Task,
    Version,
)
from generator.project_files import read_bytes
from generator.yamlio import Located, Path, read_yaml

LABELS = {
    "code": "代碼",
    "name": "名稱",
    "level": "級別",
    "description": "工作描述",
    "category": "所屬類別",
    "job": "職類別",
    "occupations": "職業別",
    "industries": "行業別",
    "versions": "版本",
    "version": "版本",
    "status": "狀態",
    "note": "更新說明",
    "date": "發展更新日期",
    "duties": "主要職責",
    "tasks": "工作任務",
    "shares_with": "共用列的工作任務",
    "levels": "各列的職能級別",
    "outputs": "工作產出",
    "indicators": "行為指標",
    "text": "內容",
    "knowledge": "知識",
    "skills": "技能",
    "attitudes": "態度",
    "definition": "定義",
    "variants": "其他寫法",
    "notes": "說明與補充事項",
    # course settings (site_overrides/<code>/course.yml) and quiz edits (quizzes/<code>.yaml)
    "title": "課程名稱",
    "subtitle": "副標題",
    "organization": "開課單位",
    "trainer": "講師",
    "modules": "單元",
    "hours": "時數",
    "hidden_tasks": "隱藏的工作任務",
    "quiz": "測驗",
    "pass_mark": "及格分數",
    "questions": "題數",
    "disable": "停用的題目",
    "reword": "改寫的題目",
    "add": "自訂題目",
    "stem": "題幹",
    "explanation": "解析",
    "correct": "是否正確",
    "type": "題型",
    "id": "題目代號",
    "options": "選項",
    "task": "工作任務",
    "duty": "主要職責",
    "assesses": "評量項目",
    # the course plan (site_overrides/<code>/plan.yml)
    "title_en": "課程名稱（英文）",
    "task_names_en": "工作任務英文名稱",
    "training_need": "訓練需求",
    "summary": "課程簡介",
    "purpose": "課程目的",
    "audience": "主要對象",
    "prerequisites": "先備條件",
    "units": "課程單元",
    "module": "主要職責",
    "name_en": "英文名稱",
    "objectives": "教學／訓練目標",
    "outline": "課程大綱",
    "minutes": "分鐘",
    "activity": "活動",
    "covers": "涵蓋的知識技能",
    "mode": "授課方式",
    "methods": "方法",
    "materials": "教材",
    "equipment": "教具／設備",
    "assessment": "評量",
    "tools": "評量工具",
    "staff": "師資條件",
    "instructor": "授課教師",
    "assessor": "評量人員",
    "assistant": "課程協助人員",
    "evidence": "學習成果證據",
    "completion": "結訓標準",
    "stages": "各階段評量",
    "written": "學科",
    "practical": "術科",
    "other": "其他",
}

# Examples shown when a code does not match its pattern, by the key that holds the code.
_CODE_EXAMPLES = {
    "code": "KPS5220-005v2 或 ABC1234-001（第一版常沒有 v 與版次）",
    "duties": "T1",
    "tasks": "T1.1",
    "shares_with": "T1.1",
    "outputs": "O1.1.1 或 O1.1",
    "indicators": "P1.1.1 或 P1.1",
    "knowledge": "K01",
    "skills": "S01",
    "attitudes": "A01",
    "date": "2025-12-15",
    "modules": "T1",
    "hidden_tasks": "T1.1",
    "hours": "T1",
    "module": "T1",
    "covers": "K01 或 S01",
    "task_names_en": "T1.1",
}

_TYPE_NAMES = {
    "string": "文字",
    "integer": "整數",
    "array": "清單",
    "object": "欄位對照（鍵: 值）",
    "null": "空值 (null)",
    "boolean": "是非值",
    "number": "數字",
}


@cache
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in ``generator/schema/``: standard, course or quizzes."""
    path = f"schema/{name}.schema.json"
    loaded: dict[str, Any] = json.loads(
        resources.files("generator").joinpath(path).read_text("utf-8")
    )
    return loaded


def standard_schema() -> dict[str, Any]:
    return schema("standard")


def read_text(path: FsPath, shown: str) -> str:
    """A user's text file as str, read by the project's rules (``project_files``: a regular
    file, not a link, within the size limit); ContentError if not, or if it is binary or not
    UTF-8."""
    raw = read_bytes(path, shown)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise ContentError([Diagnostic(shown, 1, _SAVE_AS_UTF8.format("UTF-16"))])
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        raise ContentError([Diagnostic(shown, line, "這是二進位檔，不是文字檔。")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        if _decodes(raw, "big5"):
            raise ContentError([Diagnostic(shown, line, _SAVE_AS_UTF8.format("Big5"))]) from None
        raise ContentError(
            [Diagnostic(shown, line, "檔案不是 UTF-8 編碼。請以 UTF-8 另存後再試。")]
        ) from None
    return text


_SAVE_AS_UTF8 = (
    "檔案是 {} 編碼，coursegen 只讀 UTF-8：請用編輯器以 UTF-8 另存"
    "（例如記事本「另存新檔」的編碼選 UTF-8）後再試。"
)


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: bytes with a NUL that decode, in one byte order, to
    text of printable characters and line breaks only (Chinese text leaves no NUL in most
    characters, so counting NULs alone would call it binary)."""
    if b"\0" not in raw or len(raw) % 2:
        return False
    return any(_reads_as_text(raw, encoding) for encoding in ("utf-16-le", "utf-16-be"))


def _reads_as_text(raw: bytes, encoding: str) -> bool:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    printable = sum(c.isprintable() or c in "\t\r\n" for c in text)
    return "\0" not in text and printable >= 0.98 * len(text)


# The longest text one field of a trainer's YAML may hold, by key (others: the default). Past
# these it is a paste gone wrong, and a 1 MB course title would grow every page by a megabyte.
_SHORT_FIELD = 200
FIELD_LIMITS = {
    key: _SHORT_FIELD
    for key in (
        "title",
        "subtitle",
        "organization",
        "trainer",
        "id",
        "title_en",
        "name_en",
        "type",
        "kind",
        "task",
        "duty",
        "disable",  # question ids
        # lists of codes
        "module",
        "modules",
        "hidden_tasks",
        "tasks",
        "indicators",
        "covers",
        "serves",
        "assesses",
    )
}
DEFAULT_FIELD_LIMIT = 10_000


def length_problems(located: Located, file: str) -> list[Diagnostic]:
    """Every text (value or key) of a trainer's YAML longer than its limit, at its line."""
    found: list[Diagnostic] = []

    def visit(node: Any, path: Path) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and len(key) > _SHORT_FIELD:
                    found.append(_too_long(located, file, path, key, _SHORT_FIELD))
                visit(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                visit(value, (*path, i))
        elif isinstance(node, str):
            keys = [p for p in path if isinstance(p, str)]
            limit = FIELD_LIMITS.get(keys[-1] if keys else "", DEFAULT_FIELD_LIMIT)
            if len(node) > limit:
                found.append(_too_long(located, file, path, node, limit))

    visit(located.data, ())
    return found


def _too_long(located: Located, file: str, path: Path, text: str, limit: int) -> Diagnostic:
    where = describe_path(path, located.data)
    return Diagnostic(
        file,
        located.line(path) or 1,
        f"{where + '：' if where else ''}「{excerpt(text)}」有 {len(text):,} 個字元，"
        f"超過上限 {limit:,} 個字元：通常是整份文件或好幾個欄位貼進了同一格，請檢查這一欄。",
    )


def read_trainer_yaml(
    path: FsPath, shown: str, schema_name: str
) -> tuple[Located | None, list[Diagnostic]]:
    """A trainer's optional YAML file, checked against its schema and the length limits.

    None while the file is absent or has problems (then listed): its reader then keeps its
    defaults, and the build stops on the problems anyway. A link or a FIFO by that name is not
    absent: ``read_text`` refuses it.
    """
    if not os.path.lexists(path):
        return None, []
    try:
        located = read_yaml(read_text(path, shown), shown)
    except ContentError as exc:
        return None, list(exc.diagnostics)
    problems = length_problems(located, shown) or schema_problems(located, shown, schema_name)
    return (None, problems) if problems else (located, [])


def load_standard(path: FsPath, shown: str | None = None) -> tuple[Standard, Located]:
    """Read one ``content/standards/<code>.yaml``; raise ContentError listing every problem."""
    shown = shown or str(path)
    text = read_text(path, shown)
    if not text.strip():
        raise ContentError([Diagnostic(shown, None, "檔案是空的。")])
    located = read_yaml(text, shown)
    problems = schema_problems(located, shown)
    if problems:
        raise ContentError(problems)
    return standard_from_data(located.data), located


def schema_problems(located: Located, file: str, name: str = "standard") -> list[Diagnostic]:
    """Every way ``located.data`` breaks the named schema, in words, with its line."""
    validator = _Validator(schema(name))
    found = sorted(validator.iter_errors(located.data), key=lambda e: _line_of(e, located))
    # one problem once: an empty name breaks both minLength and pattern, in the same words
    explained = [Diagnostic(file, _line_of(e, located), _explain(e, located.data)) for e in found]
    return list(dict.fromkeys(explained))


def _pattern_to_the_end(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    """``pattern``, with ``$`` meaning the very end: Python's ``$`` also matches before a final
    newline, which let a code "K01\n" through."""
    if not isinstance(instance, str):
        return
    found = re.search(pattern, instance)
    if found is None or (pattern.endswith("$") and instance.endswith("\n")):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator, {"pattern": _pattern_to_the_end}
)


def _two_levels(value: object) -> str:
    """34: most likely two levels of two table rows run together by a converter."""
    digits = str(value)
    if isinstance(value, int) and len(digits) == 2 and set(digits) <= set("123456"):
        if digits[0] != digits[1]:
            return (
                f"看來是兩個級別 {digits[0]} 與 {digits[1]} 在轉檔時黏在一起（來源的級別欄寫了"
                "兩個數字）：請對照原文，寫上這個工作任務的級別。"
            )
        return f"看來是同一個級別 {digits[0]} 寫了兩次：請改成 {digits[0]}。"
    return ""


def _line_of(error: jsonschema.ValidationError, located: Located) -> int:
    path: Path = tuple(error.absolute_path)
    extra = _unknown_keys(error)
    if extra:
        path = (*path, extra[0])
    return located.line(path) or 1


def _unknown_keys(error: jsonschema.ValidationError) -> list[str]:
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return []
    known = _schema_of(error).get("properties", {})
    return sorted(k for k in error.instance if k not in known)


def _schema_of(error: jsonschema.ValidationError) -> dict[str, Any]:
    return error.schema if isinstance(error.schema, dict) else {}


def _explain(error: jsonschema.ValidationError, data: Any) -> str:
    path: Path = tuple(error.absolute_path)
    where = describe_path(path, data)
    prefix = f"{where}：" if where else ""
    kind = error.validator
    if kind == "required":
        required: list[str] = list(cast(list[str], error.validator_value))
        present = cast(dict[str, Any], error.instance)
        missing = [k for k in required if k not in present]
        names = "、".join(f"「{k}」（{LABELS.get(k, k)}）" for k in missing)
        return f"{prefix}缺少必填欄位 {names}。"
    if kind == "additionalProperties":
        known = _schema_of(error).get("properties", {})
        return (
            prefix
            + "；".join(f"不認得的欄位「{k}」{suggest(k, known)}" for k in _unknown_keys(error))
            + "。"
        )
    if kind == "type":
        value = error.validator_value
        wanted: list[str] = value if isinstance(value, list) else [str(value)]
        names = "或".join(_TYPE_NAMES.get(t, t) for t in wanted)
        return f"{prefix}應為{names}，目前是「{excerpt(error.instance)}」。"
    if kind == "maxLength":
        return (
            f"{prefix}有 {len(cast(str, error.instance)):,} 個字元，"
            f"超過上限 {error.validator_value:,} 個字元："
            "通常是整份文件或好幾個欄位貼進了同一格，請檢查這一欄。"
        )
    if kind in ("minLength", "pattern") and _schema_of(error).get("pattern") == "\\S":
        return f"{prefix}不可空白。"
    if kind == "pattern":
        example = _CODE_EXAMPLES.get(_code_owner(path), "")
        hint = f"，應寫成像 {example} 這樣" if example else ""
        return f"{prefix}「{excerpt(error.instance)}」的格式不正確{hint}。"
    if kind in ("minimum", "maximum") and path and path[-1] == "level":
        return (
            f"{prefix}級別須為 1 到 6 的整數，或寫 null 表示未定級別；"
            f"目前是 {excerpt(error.instance)}。" + _two_levels(error.instance)
        )
    if kind in ("minimum", "maximum", "exclusiveMinimum"):
        return f"{prefix}數值 {excerpt(error.instance)} 超出允許範圍。"
    if kind == "enum":
        allowed = "、".join(str(v) for v in cast(list[Any], error.validator_value))
        return f"{prefix}「{excerpt(error.instance)}」不是可用的值；可用：{allowed}。"
    if kind == "anyOf" and path and path[-1] == "name":
        return f"{prefix}應為文字；原文沒有名稱時寫 null，目前是「{excerpt(error.instance)}」。"
    if kind == "minItems" and path and path[-1] == "levels":
        return f"{prefix}要寫兩列以上（各列級別不同）；只有一個級別時改寫「level: 級別」。"
    if kind == "minItems":
        return f"{prefix}至少要有一項。"
    if kind == "oneOf" and isinstance(error.instance, dict) and "code" in error.instance:
        return prefix + _level_or_levels(error.instance)
    return f"{prefix}{excerpt(error.message, 200)}"


def _level_or_levels(task: dict[str, Any]) -> str:
    """What is wrong with a task's level: none, both forms, or K/S beside its level rows."""
    if "level" not in task and "levels" not in task:
        return (
            "缺少必填欄位 「level」（級別）。原文沒有級別時寫 null；"
            "工作任務寫在幾列、各列級別不同時改寫 levels。"
        )
    if "level" in task and "levels" in task:
        return (
            "「level」與「levels」只能寫一個：工作任務只有一個級別時寫 level；"
            "寫在幾列、各列級別不同時寫 levels，級別寫在各列中。"
        )
    return (
        "寫了 levels 的工作任務，知識與技能寫在 levels 的各列中，不寫在工作任務上："
        "請把 knowledge／skills 的代碼移到所屬的那一列。"
    )


def _code_owner(path: Path) -> str:
    """The key that names what a code is: ("duties", 0, "tasks", 1, "code") -> "tasks"."""
    keys = [p for p in path if isinstance(p, str)]
    if keys and keys[-1] in ("code",) and len(keys) >= 2:
        return keys[-2]
    return keys[-1] if keys else ""


def describe_path(path: Path, data: Any) -> str:
    """("duties", 1, "tasks", 0, "level") -> 「主要職責 T2 › 工作任務 T2.1 › 級別」."""
    parts: list[str] = []
    node = data
    for i, step in enumerate(path):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(step, int):
            code = node.get("code") if isinstance(node, dict) else None
            parts[-1] = (
                f"{parts[-1]} {code}" if isinstance(code, str) else f"{parts[-1]}第 {step + 1} 項"
            )
        elif not (step == "code" and i == len(path) - 1 and parts):
            parts.append(LABELS.get(step, step))
    return " › ".join(parts)


# --- data -> model -----------------------------------------------------------------------


def standard_from_data(data: dict[str, Any]) -> Standard:
    """Build the model from schema-valid data; shared task rows are resolved here."""
    duties = tuple(_duty(d) for d in data["duties"])
    return Standard(
        code=data["code"],
        name=data["name"],
        level=data["level"],
        description=data["description"],
        category=Category(
            job=_classification(data["category"]["job"]),
            occupations=tuple(_classification(c) for c in data["category"]["occupations"]),
            industries=tuple(_classification(c) for c in data["category"]["industries"]),
        ),
        versions=tuple(Version(**v) for v in data["versions"]),
        duties=_resolve_shared_rows(duties),
        knowledge=tuple(_item(i) for i in data["knowledge"]),
        skills=tuple(_item(i) for i in data["skills"]),
        attitudes=tuple(
            Attitude(a["code"], a["name"], a.get("definition")) for a in data["attitudes"]
        ),
        notes=tuple(data.get("notes", ())),
    )


def _classification(data: dict[str, str]) -> Classification:
    return Classification(code=str(data["code"]), name=data["name"])


def _item(data: dict[str, Any]) -> Item:
    return Item(data["code"], data["name"], tuple(data.get("variants", ())))


def _duty(data: dict[str, Any]) -> Duty:
    by_code = {t["code"]: t for t in data["tasks"]}
    return Duty(
        data["code"],
        data.get("name") or "",
        tuple(_task(t, by_code.get(t.get("shares_with"), {})) for t in data["tasks"]),
    )


def _task(data: dict[str, Any], row_first: dict[str, Any]) -> Task:
    """A task; one sharing a row without ``knowledge``/``skills`` of its own takes the row's
    first task's (a row whose entries carry no task marks)."""
    data = {key: row_first[key] for key in ("knowledge", "skills") if key in row_first} | data
    rows = tuple(
        LevelRow(
            row["level"],
            tuple(row.get("indicators", ())),
            tuple(row.get("knowledge", ())),
            tuple(row.get("skills", ())),
        )
        for row in data.get("levels", ())
    )
    return Task(
        code=data["code"],
        name=data["name"],
        level=data.get("level"),
        outputs=tuple(Output(o["code"], o["name"]) for o in data.get("outputs", ())),
        indicators=tuple(Indicator(p["code"], p["text"]) for p in data.get("indicators", ())),
        knowledge=_together(rows, "knowledge") if rows else tuple(data.get("knowledge", ())),
        skills=_together(rows, "skills") if rows else tuple(data.get("skills", ())),
        shares_with=data.get("shares_with"),
        level_rows=rows,
    )


def _together(rows: tuple[LevelRow, ...], key: str) -> tuple[str, ...]:
    """The knowledge or skills of a task's level rows, each code once, in the rows' order."""
    return tuple(dict.fromkeys(code for row in rows for code in getattr(row, key)))


def _resolve_shared_rows(duties: tuple[Duty, ...]) -> tuple[Duty, ...]:
    """Tasks sharing a row -> a ``RowGroup`` holding the row's outputs and indicators, which
    the YAML writes on the row's first task."""
    return tuple(_grouped(duty) for duty in duties)


def _grouped(duty: Duty) -> Duty:
    by_code = {t.code: t for t in duty.tasks}
    members: dict[str, list[str]] = {}
    for task in duty.tasks:
        owner = by_code.get(task.shares_with or "")
        if owner is not None and owner.shares_with is None:
            members.setdefault(owner.code, [owner.code]).append(task.code)
    # a dangling or chained shares_with is left as written: validate reports it
    rows = tuple(
        RowGroup(tuple(codes), by_code[first].outputs, by_code[first].indicators)
        for first, codes in members.items()
    )

    def resolve(task: Task) -> Task:
        return replace(task, outputs=(), indicators=()) if task.code in members else task

    return Duty(duty.code, duty.name, tuple(resolve(t) for t in duty.tasks), rows)
