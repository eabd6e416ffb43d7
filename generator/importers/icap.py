"""Rows of an iCAP standard (any layout) -> the model, with warnings for every decision.

The document has five parts, recognised by their labels rather than their position: the 版本
table, the basic data (代碼, 名稱, 所屬類別, 工作描述, 基準級別), the competency table (主要職責 …),
the attitudes (職能內涵 A=attitude) and the notes (說明與補充事項). Page breaks repeat the
competency table's header and split one table row over two: a row with an empty 工作任務 cell
continues the row before it, cell by cell.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from generator.diagnostics import ContentError, Diagnostic, Severity
from generator.importers.notes import parse_notes
from generator.importers.rows import Row
from generator.importers.text import (
    Coded,
    join,
    join_break,
    plain,
    split_coded,
    split_tag_head,
    squash,
)
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
    level_range,
)

DUTY_CODE = r"T\d+"
TASK_CODE = r"T\d+\.\d+"
OUTPUT_CODE = r"O\d+(?:\.\d+){1,2}"
INDICATOR_CODE = r"P\d+(?:\.\d+){1,2}"
KNOWLEDGE_CODE = r"K[A-Z]?\d+"
SKILL_CODE = r"S[A-Z]?\d+"
ATTITUDE_CODE = r"A[A-Z]?\d+"

# Competency-table columns, recognised by their header text (spaces removed).
_COLUMNS = {
    "duty": ("主要職責",),
    "task": ("工作任務",),
    "outputs": ("工作產出",),
    "indicators": ("行為指標",),
    "level": ("職能級別", "級別"),
    "knowledge": ("K=", "知識"),
    "skills": ("S=", "技能"),
}


def _key(cell: str) -> str:
    return re.sub(r"\s+", "", plain(cell))


@dataclass
class _Found:
    """What a pass over the rows has found so far (mutable only inside this module)."""

    file: str
    title: str = ""
    versions: list[Version] = field(default_factory=list)
    basics: dict[str, tuple[str, int]] = field(default_factory=dict)
    classes: dict[str, list[Classification]] = field(default_factory=dict)
    table: list[Row] = field(default_factory=list)
    header: Row | None = None
    attitude_rows: list[Row] = field(default_factory=list)
    note_rows: list[Row] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    def error(self, line: int | None, message: str) -> None:
        self.problems.append(Diagnostic(self.file, line, message))

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append(Diagnostic(self.file, line, message, Severity.WARNING))


def standard_from_rows(rows: list[Row], file: str) -> tuple[Standard, list[Diagnostic]]:
    """Build the standard; raise ContentError listing every problem if it cannot."""
    found = _sort_rows(rows, file)
    table = _logical_rows(found)
    duties = _duties(table, found)
    knowledge, skills = _items(table, found)
    standard = _assemble(found, duties, knowledge, skills)
    if found.problems or standard is None:
        raise ContentError(found.problems)
    return standard, sorted(found.warnings, key=lambda d: d.line or 0)


# --- pass 1: which part of the document each row belongs to -----------------------------------

_BASIC_LABELS = {"職能基準代碼": "code", "工作描述": "description", "基準級別": "level"}
_NAME_LABELS = ("職類", "職業")
_CLASS_LABELS = {"職類別": "job", "職業別": "occupations", "行業別": "industries"}
_CLASS_CODE_LABELS = {"職類別代碼": "job", "職業別代碼": "occupations", "行業別代碼": "industries"}
_ALL_LABELS = {
    *_BASIC_LABELS,
    *_NAME_LABELS,
    *_CLASS_LABELS,
    *_CLASS_CODE_LABELS,
    "所屬類別",
}


def _sort_rows(rows: list[Row], file: str) -> _Found:
    found = _Found(file)
    part = "start"
    last_class: str | None = None
    for row in rows:
        first = _key(row.cell(0))
        keys = [_key(c) for c in row.cells]
        if part == "start" and len(row.filled()) == 1 and first.endswith("職能基準"):
            found.title = plain(row.cell(0)).removesuffix("職能基準").strip()
        elif first == "版本" and "職能基準代碼" in keys:
            part = "versions"
        elif first == "主要職責":
            part = "table"
            found.header = found.header or row
        elif first.startswith("職能內涵") and ("A=" in first or "態度" in first):
            part = "attitudes"
        elif first == "說明與補充事項":
            part = "notes"
        elif part == "versions" and re.fullmatch(r"[Vv]\d+", first):
            found.versions.append(_version(row, found))
        elif part in ("start", "versions", "basics") and _is_basics_row(keys):
            part = "basics"
            last_class = _read_basics(row, keys, found, last_class)
        elif part == "basics" and last_class and len(row.filled()) == 2:
            name, code = (plain(c) for c in row.filled())
            found.classes.setdefault(last_class, []).append(Classification(code, name))
        elif part == "table":
            found.table.append(row)
        elif part == "attitudes":
            found.attitude_rows.append(row)
        elif part == "notes":
            found.note_rows.append(row)
    return found


def _is_basics_row(keys: list[str]) -> bool:
    return any(k in _ALL_LABELS or k.startswith("職能基準名稱") for k in keys)


def _read_basics(row: Row, keys: list[str], found: _Found, last_class: str | None) -> str | None:
    """Read label -> value pairs of one basics row; returns the classification it was about."""
    for i, key in enumerate(keys):
        value = _value_after(row, keys, i)
        if key in _BASIC_LABELS and value:
            found.basics[_BASIC_LABELS[key]] = (value, row.line)
        elif key in _NAME_LABELS and value:
            found.basics["name"] = (value, row.line)
        elif key in _CLASS_LABELS:
            last_class = _CLASS_LABELS[key]
            found.classes.setdefault(last_class, []).append(Classification("", value))
        elif key in _CLASS_CODE_LABELS and found.classes.get(_CLASS_CODE_LABELS[key]):
            entries = found.classes[_CLASS_CODE_LABELS[key]]
            entries[-1] = Classification(value, entries[-1].name)
    return last_class


def _value_after(row: Row, keys: list[str], index: int) -> str:
    """The first non-empty cell after a label that is not itself a label."""
    for cell, key in zip(row.cells[index + 1 :], keys[index + 1 :], strict=True):
        if key in _ALL_LABELS:
            return ""
        if key:
            return plain(cell)
    return ""


_DATE = re.compile(r"(\d{3,4})\s*[/.\-年]\s*(\d{1,2})\s*[/.\-月]\s*(\d{1,2})\s*日?")


def _version(row: Row, found: _Found) -> Version:
    cells = [plain(c) for c in row.cells] + [""] * 6
    version, code, name, status, note, raw_date = cells[:6]
    return Version(version, code, name, status, note, _iso_date(raw_date, row.line, found))


def _iso_date(raw: str, line: int, found: _Found) -> str | None:
    match = _DATE.fullmatch(raw)
    if not match:
        if raw:
            found.warn(line, f"看不懂版本日期「{raw}」，YAML 中的日期留空 (null)。")
        return None
    year, month, day = (int(g) for g in match.groups())
    if year < 1911:  # 民國紀年
        found.warn(line, f"版本日期「{raw}」視為民國 {year} 年，即西元 {year + 1911} 年。")
        year += 1911
    return f"{year:04d}-{month:02d}-{day:02d}"


# --- pass 2: the competency table -> duties and tasks ---------------------------------------


@dataclass
class _LogicalRow:
    """One row of the competency table, with the fragments that page breaks split off."""

    line: int
    cells: dict[str, str]
    # the head of an HTML tag a page break cut off at the end of a cell (「</」), by column
    open_tags: dict[str, str] = field(default_factory=dict)
    # the rows of one task that a level separates: each with its level, indicators, K and S
    parts: list[_LogicalRow] = field(default_factory=list)

    def add(self, name: str, raw: str) -> str | None:
        """Continue a cell with the next fragment; a warning about the join, if any."""
        body, self.open_tags[name] = split_tag_head(self.open_tags.get(name, "") + raw)
        self.cells[name], warning = join_break(self.cells.get(name, ""), plain(body))
        return warning

    def close(self) -> None:
        """A tag head never completed is text the source holds: keep it."""
        for name, head in self.open_tags.items():
            self.cells[name] = join(self.cells[name], plain(head))
        self.open_tags.clear()
        for part in self.parts:
            part.close()

    def continue_part(self, line: int, cells: dict[str, str]) -> None:
        """Add a row's level, indicators, K and S to the part of the task they belong to: a
        row with a level other than the one above is the task's next level row (iCAP writes
        a task's indicators of two levels in two rows); the same level repeated is one row
        cut by a page break."""
        level = set(plain(cells.get("level", "")).split())
        above = set(self.parts[-1].cells.get("level", "").split()) if self.parts else set()
        if not self.parts or (level and above and not level <= above):
            self.parts.append(_LogicalRow(line, {}))
        for name in _PER_LEVEL:
            self.parts[-1].add(name, cells.get(name, ""))  # the whole row's add warns


_PER_LEVEL = ("level", "indicators", "knowledge", "skills")


def _columns(header: Row) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(header.cells):
        key = _key(cell)
        for name, labels in _COLUMNS.items():
            if name not in columns and any(label in key for label in labels):
                columns[name] = index
                break
    return columns


def _logical_rows(found: _Found) -> list[_LogicalRow]:
    if found.header is None:
        found.error(
            None, "找不到職能內涵表格（表頭為「主要職責、工作任務、工作產出、行為指標…」）。"
        )
        return []
    columns = _columns(found.header)
    missing = [n for n in ("duty", "task", "indicators") if n not in columns]
    if missing:
        found.error(found.header.line, "職能內涵表格缺少「主要職責」「工作任務」或「行為指標」欄。")
        return []
    if "level" not in columns:
        found.warn(found.header.line, "職能內涵表格沒有「職能級別」欄：各工作任務的級別寫 null。")
    result: list[_LogicalRow] = []
    for row in found.table:
        cells = {name: row.cell(index) for name, index in columns.items()}
        if plain(cells["task"]):
            result.append(_LogicalRow(row.line, {}))
        elif not result:
            if any(plain(c) for c in row.cells):
                found.error(row.line, "表格的這一列沒有工作任務，也沒有可以接續的上一列。")
            continue
        # a row without a task continues the row above, cell by cell (a page break split it)
        for name, value in cells.items():
            warning = result[-1].add(name, value)
            if warning:
                found.warn(row.line, warning)
        result[-1].continue_part(row.line, cells)
    for logical in result:
        logical.close()
    return result


def _duties(table: list[_LogicalRow], found: _Found) -> list[Duty]:
    duties: list[Duty] = []
    current: tuple[str, str] | None = None
    tasks: list[Task] = []
    rows: list[RowGroup] = []
    for row in table:
        if row.cells["duty"]:
            duty = _parse_duty(row, found)
            if duty and duty != current:
                if current and tasks:
                    duties.append(Duty(current[0], current[1], tuple(tasks), tuple(rows)))
                current, tasks, rows = duty, [], []
        if current is None:
            found.error(row.line, "這一列的工作任務前面沒有任何主要職責 (T1…)。")
            continue
        row_tasks, group = _parse_tasks(row, found)
        tasks.extend(row_tasks)
        rows.extend([group] if group else [])
    if current and tasks:
        duties.append(Duty(current[0], current[1], tuple(tasks), tuple(rows)))
    if not duties and not found.problems:
        found.error(found.header.line if found.header else None, "職能內涵表格中沒有任何主要職責。")
    return duties


def _parse_duty(row: _LogicalRow, found: _Found) -> tuple[str, str] | None:
    match = re.match(rf"({DUTY_CODE})(?![.\d])\s*(.*)", row.cells["duty"])
    if not match:
        found.error(
            row.line,
            f"無法辨認主要職責的代碼與名稱：「{row.cells['duty']}」。"
            "主要職責欄應以代碼開頭，例如「T1 前置準備作業」。",
        )
        return None
    return match.group(1), squash(match.group(2))  # no name: validate warns of it


def _parse_tasks(row: _LogicalRow, found: _Found) -> tuple[list[Task], RowGroup | None]:
    """One task, or several written in this row: the row's outputs and indicators then belong
    to them together (a ``RowGroup``), and each knowledge or skill entry to the tasks its
    marks name (``K01…【T1.2】``), or to all of them when it has none."""
    lead, named = split_coded(row.cells["task"], TASK_CODE)
    if lead or not named or any(not t.text for t in named):
        found.error(
            row.line,
            f"無法辨認工作任務的代碼與名稱：「{row.cells['task']}」。"
            "工作任務欄應寫成「T1.1任務名稱」，同一列有多項時依序寫出。",
        )
        return [], None
    codes = tuple(t.code for t in named)
    level_rows = _level_rows(row, codes[0], found) if len(named) == 1 else ()  # else refused
    level = None if level_rows else _level(row.cells.get("level", ""), row.line, found)
    outputs = tuple(Output(o.code, o.text) for o in _coded(row, "outputs", OUTPUT_CODE, found))
    indicators = tuple(
        Indicator(p.code, p.text) for p in _coded(row, "indicators", INDICATOR_CODE, found)
    )
    knowledge = _marked_codes(row, "knowledge", KNOWLEDGE_CODE, codes, found)
    skills = _marked_codes(row, "skills", SKILL_CODE, codes, found)
    tasks = [
        Task(
            code=t.code,
            name=t.text,
            level=level,
            outputs=outputs if len(named) == 1 else (),
            indicators=indicators if len(named) == 1 else (),
            knowledge=knowledge[t.code],
            skills=skills[t.code],
            shares_with=None if t.code == codes[0] else codes[0],
            level_rows=level_rows,
        )
        for t in named
    ]
    if len(named) == 1:
        return tasks, None
    found.warn(
        row.line,
        f"{'、'.join(codes)} 寫在同一列：這一列的工作產出與行為指標屬於這幾項工作任務全體"
        f"（YAML 中寫在 {codes[0]}，其他任務以 shares_with: {codes[0]} 指向它）；"
        "知識與技能依【】中標示的任務分給各任務，沒有標示的屬於全部。",
    )
    return tasks, RowGroup(codes, outputs, indicators)


def _level_rows(row: _LogicalRow, task: str, found: _Found) -> tuple[LevelRow, ...]:
    """A task written in rows of different levels: one ``LevelRow`` per level, in the table's
    order (rows of one level again further down join the first); () for one level, or when
    the rows are not clearly rows of their own (a level that is not one number 1–6, a row
    that starts with no indicator code of its own): the level cell is then refused whole."""
    if len(row.parts) < 2:
        return ()
    by_level: dict[int, list[_LogicalRow]] = {}
    for number, part in enumerate(row.parts):
        values = set(part.cells.get("level", "").split())
        lead, indicators = split_coded(part.cells.get("indicators", ""), INDICATOR_CODE)
        if len(values) != 1 or not re.fullmatch(r"[1-6]", next(iter(values))):
            return ()
        if number and (lead or not indicators):
            return ()
        by_level.setdefault(int(values.pop()), []).append(part)
    rows = tuple(
        LevelRow(
            level,
            _part_codes(parts, "indicators", INDICATOR_CODE),
            _part_codes(parts, "knowledge", KNOWLEDGE_CODE),
            _part_codes(parts, "skills", SKILL_CODE),
        )
        for level, parts in by_level.items()
    )
    found.warn(
        row.line,
        f"{task} 寫在 {len(row.parts)} 列，各列的職能級別不同"
        f"（{'、'.join(str(r.level) for r in rows)}）：YAML 以 levels 記下每個級別"
        "與該列的行為指標、知識、技能，課程中這個工作任務標示為級別 "
        f"{level_range(tuple(by_level))}。",
    )
    return rows


def _part_codes(parts: list[_LogicalRow], column: str, pattern: str) -> tuple[str, ...]:
    """The codes of a column's entries in some rows of a task, each once."""
    codes = (
        entry.code
        for part in parts
        for entry in split_coded(part.cells.get(column, ""), pattern)[1]
        if entry.text
    )
    return tuple(dict.fromkeys(codes))


def _level(cell: str, line: int, found: _Found) -> int | None:
    """A level cell; a task continued on a second row may repeat its level (「3 3」)."""
    values = set(cell.split())
    if not values or values <= {"-", "－", "—", "無"}:
        return None
    if len(values) == 1 and re.fullmatch(r"[1-6]", cell.split()[0]):
        return int(cell.split()[0])
    found.error(
        line,
        f"職能級別「{' '.join(dict.fromkeys(cell.split())) or cell}」應為 1 到 6 的數字或留空"
        + ("；同一工作任務寫了不同的級別，請對照原文保留正確的一個。" if len(values) > 1 else "。"),
    )
    return None


def _coded(row: _LogicalRow, column: str, pattern: str, found: _Found) -> list[Coded]:
    lead, parts = split_coded(row.cells.get(column, ""), pattern)
    if lead:
        label = {"outputs": "工作產出", "indicators": "行為指標"}.get(column, column)
        found.error(row.line, f"{label}欄有一段沒有代碼的文字：「{lead}」。")
    for part in parts:
        if not part.text:
            found.error(row.line, f"代碼 {part.code} 後面沒有文字。")
    return [p for p in parts if p.text]


_MARK = re.compile(r"【([^】]*)】")
_MARK_SEPARATORS = "、，,;； "


def _marks(text: str) -> tuple[str, tuple[str, ...]]:
    """「設備基本原理知識【T1.2】、【T1.3】」 -> the name and the task codes its marks name.

    Line wraps and spaces may split a mark (「【T1. 2】」); one mark may name several tasks.
    """
    codes = tuple(
        code
        for mark in _MARK.findall(text)
        for code in re.findall(TASK_CODE, re.sub(r"\s+", "", mark))
    )
    name = _MARK.sub(" ", text).strip(_MARK_SEPARATORS)
    return squash(name), codes


def _marked_codes(
    row: _LogicalRow, column: str, pattern: str, tasks: tuple[str, ...], found: _Found
) -> dict[str, tuple[str, ...]]:
    """Each task of the row -> the codes of the column's entries that serve it."""
    result: dict[str, list[str]] = {task: [] for task in tasks}
    for part in _coded(row, column, pattern, found):
        marked = _marks(part.text)[1]
        strangers = [code for code in marked if code not in tasks]
        if strangers:
            found.error(
                row.line,
                f"{part.code} 標示的工作任務 {'、'.join(strangers)} 不在這一列"
                f"（這一列是 {'、'.join(tasks)}）：請對照原文改正【】中的代碼。",
            )
        for task in marked or tasks:
            if task in result and part.code not in result[task]:
                result[task].append(part.code)
    return {task: tuple(codes) for task, codes in result.items()}


# --- pass 3: knowledge and skills, one name per code ----------------------------------------


@dataclass(frozen=True)
class _Spelling:
    name: str
    task: str
    line: int


def _items(table: list[_LogicalRow], found: _Found) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
    spellings: dict[str, dict[str, list[_Spelling]]] = {"knowledge": {}, "skills": {}}
    for row in table:
        tasks = split_coded(row.cells["task"], TASK_CODE)[1]
        task = tasks[0].code if tasks else "?"
        for column, pattern in (("knowledge", KNOWLEDGE_CODE), ("skills", SKILL_CODE)):
            for part in split_coded(row.cells.get(column, ""), pattern)[1]:
                name = _marks(part.text)[0]
                if name:
                    spelled = _Spelling(name, task, row.line)
                    spellings[column].setdefault(part.code, []).append(spelled)
    return (
        _choose_names(spellings["knowledge"], "知識", found),
        _choose_names(spellings["skills"], "技能", found),
    )


def _choose_names(
    by_code: dict[str, list[_Spelling]], kind: str, found: _Found
) -> tuple[Item, ...]:
    """Rule: the spelling used by the most tasks; on a tie the longer, then the first seen."""
    items = []
    for code in sorted(by_code, key=_code_order):
        uses = by_code[code]
        counts = Counter(u.name for u in uses)
        order = list(dict.fromkeys(u.name for u in uses))
        chosen = max(order, key=lambda n: (counts[n], len(n), -order.index(n)))
        variants = tuple(n for n in order if n != chosen)
        if variants:
            listed = "、".join(
                f"「{n}」（{'、'.join(u.task for u in uses if u.name == n)}）" for n in order
            )
            found.warn(
                next(u.line for u in uses if u.name != chosen),
                f"{kind} {code} 在來源中有 {len(order)} 種寫法：{listed}。"
                f"依規則（採用最多工作任務使用的寫法，同數時取較長者）定名為「{chosen}」，"
                "其他寫法記在 YAML 的 variants。",
            )
        items.append(Item(code, chosen, variants))
    return tuple(items)


def _code_order(code: str) -> tuple[str, int]:
    match = re.fullmatch(r"([A-Z]+)(\d+)", code)
    return (match.group(1), int(match.group(2))) if match else (code, 0)


# --- pass 4: attitudes, notes and the whole ----------------------------------------------


def _attitudes(found: _Found) -> tuple[Attitude, ...]:
    text = ""
    for row in found.attitude_rows:
        text = join(text, " ".join(plain(c) for c in row.cells))
    lead, parts = split_coded(text, ATTITUDE_CODE)
    if lead:
        line = found.attitude_rows[0].line if found.attitude_rows else None
        found.error(line, f"態度欄有一段沒有代碼的文字：「{lead}」。")
    return tuple(Attitude(p.code, *_split_definition(p.text)) for p in parts)


def _split_definition(text: str) -> tuple[str, str | None]:
    """「主動積極：不需他人指示…」 -> name and definition; a bare name has no definition."""
    name, *definition = re.split(r"[：:]", text, maxsplit=1)
    return name.strip(), (definition[0].strip() or None) if definition else None


def _basic(found: _Found, key: str, label: str) -> str:
    value = found.basics.get(key, ("", 0))[0]
    if not value:
        found.error(None, f"找不到{label}。")
    return value


def _classification(found: _Found, key: str, label: str) -> tuple[Classification, ...]:
    entries = tuple(c for c in found.classes.get(key, []) if c.name or c.code)
    if not entries:
        found.error(None, f"找不到所屬類別的{label}。")
    for entry in entries:
        if not entry.name or not entry.code:
            found.error(None, f"所屬類別的{label}缺少名稱或代碼：「{entry.name or entry.code}」。")
    return entries


def _assemble(
    found: _Found,
    duties: list[Duty],
    knowledge: tuple[Item, ...],
    skills: tuple[Item, ...],
) -> Standard | None:
    code = _basic(found, "code", "職能基準代碼")
    name = found.basics.get("name", (found.title, 0))[0] or found.title
    if not name:
        found.error(None, "找不到職能基準名稱。")
    level_text, level_line = found.basics.get("level", ("", 0))
    if not level_text:
        found.warn(level_line or None, "找不到基準級別：YAML 中 level 寫 null，課程不標示級別。")
    if not found.versions:
        found.warn(None, "找不到版本表：YAML 中 versions 寫 []，課程首頁不列版本與日期。")
    job = _classification(found, "job", "職類別")
    standard = Standard(
        code=code,
        name=name,
        level=_level(level_text, level_line, found),
        description=_basic(found, "description", "工作描述"),
        category=Category(
            job=job[0] if job else Classification("", ""),
            occupations=_classification(found, "occupations", "職業別"),
            industries=_classification(found, "industries", "行業別"),
        ),
        versions=tuple(found.versions),
        duties=tuple(duties),
        knowledge=knowledge,
        skills=skills,
        attitudes=_attitudes(found),
        notes=parse_notes(found.note_rows),
    )
    return None if found.problems else standard
