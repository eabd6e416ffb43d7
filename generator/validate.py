"""Checks on a standard that its JSON Schema cannot express, and on the whole content tree.

Each check is a small function returning diagnostics; ``check_standard`` runs them all so a
trainer sees every problem of a file at once.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import ContentError, Diagnostic, Severity, errors, suggest
from generator.load import load_standard
from generator.model import Indicator, Output, Standard, Task
from generator.yamlio import Located
from generator.yamlio import Path as DataPath


@dataclass(frozen=True)
class _Context:
    standard: Standard
    located: Located
    file: str

    def error(self, path: DataPath, message: str) -> Diagnostic:
        return Diagnostic(self.file, self.located.line(path), message)

    def warning(self, path: DataPath, message: str) -> Diagnostic:
        return Diagnostic(self.file, self.located.line(path), message, Severity.WARNING)


@dataclass(frozen=True)
class _Coded:
    """A coded entity of the standard with where it is written."""

    kind: str  # 主要職責, 工作任務, …
    code: str
    path: DataPath
    text: str = ""  # an output's name or an indicator's text


@dataclass(frozen=True)
class _Row:
    """The outputs and indicators written at one task, and the tasks they belong to."""

    tasks: tuple[str, ...]  # one task, or a row group's tasks
    path: DataPath
    outputs: tuple[Output, ...]
    indicators: tuple[Indicator, ...]


def _task_paths(standard: Standard) -> Iterator[tuple[Task, DataPath]]:
    for d, duty in enumerate(standard.duties):
        for t, task in enumerate(duty.tasks):
            yield task, ("duties", d, "tasks", t)


def _rows(standard: Standard) -> Iterator[_Row]:
    """Each task's outputs and indicators as written: a row group's at its first task."""
    for task, path in _task_paths(standard):
        group = standard.row_group(task.code)
        if group is not None and group.tasks[0] == task.code:
            yield _Row(group.tasks, path, group.outputs, group.indicators)
        elif task.outputs or task.indicators or group is None:
            yield _Row((task.code,), path, task.outputs, task.indicators)


def _coded_entities(standard: Standard) -> Iterator[_Coded]:
    for d, duty in enumerate(standard.duties):
        yield _Coded("主要職責", duty.code, ("duties", d, "code"))
    for task, path in _task_paths(standard):
        yield _Coded("工作任務", task.code, (*path, "code"))
    for row in _rows(standard):
        for o, output in enumerate(row.outputs):
            yield _Coded("工作產出", output.code, (*row.path, "outputs", o, "code"), output.name)
        for p, indicator in enumerate(row.indicators):
            yield _Coded("行為指標", indicator.code, (*row.path, "indicators", p, "code"))
    for key, kind, codes in (
        ("knowledge", "知識", [i.code for i in standard.knowledge]),
        ("skills", "技能", [i.code for i in standard.skills]),
        ("attitudes", "態度", [a.code for a in standard.attitudes]),
    ):
        for i, code in enumerate(codes):
            yield _Coded(kind, code, (key, i, "code"))


def _numbers(code: str) -> tuple[str, ...]:
    """P2.1.3 -> ("2", "1", "3")."""
    return tuple(code.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ").split("."))


def check_unique_codes(ctx: _Context) -> Iterator[Diagnostic]:
    first: dict[str, tuple[_Coded, int | None]] = {}
    for entity in _coded_entities(ctx.standard):
        if entity.code not in first:
            first[entity.code] = (entity, ctx.located.line(entity.path))
            continue
        earlier, line = first[entity.code]
        where = f"第 {line} 行" if line else "前面"
        if entity.kind == earlier.kind == "工作產出" and entity.text == earlier.text:
            producers = "、".join(ctx.standard.producers(entity.code))
            yield ctx.warning(
                entity.path,
                f"工作產出 {entity.code}「{entity.text}」列在 {producers} 之下（{where}已列過），"
                "視為這些工作任務共同的產出。",
            )
        elif entity.kind == earlier.kind == "工作產出":
            yield ctx.error(
                entity.path,
                f"工作產出代碼 {entity.code} 重複，名稱卻不同：{where}是「{earlier.text}」，"
                f"這裡是「{entity.text}」。同一產出請寫相同名稱；不同產出請改用不同代碼。",
            )
        else:
            yield ctx.error(
                entity.path,
                f"{entity.kind}代碼 {entity.code} 重複：{where}已用過。常見原因是原文編號打錯，"
                "或換頁時同一項被擷取兩次：請對照原文，內容相同就刪除其中一項，"
                "不同就把其中一項改成正確的代碼。",
            )


def check_hierarchy(ctx: _Context) -> Iterator[Diagnostic]:
    yield from _misfiled_tasks(ctx)
    for row in _rows(ctx.standard):
        for key, kind, codes in (
            ("outputs", "工作產出", [o.code for o in row.outputs]),
            ("indicators", "行為指標", [p.code for p in row.indicators]),
        ):
            for c, code in enumerate(codes):
                owners = ctx.standard.producers(code) if key == "outputs" else row.tasks
                expected = [_expected_prefix(code, task) for task in owners]
                if not any(_numbers(code)[: len(e)] == e for e in expected):
                    yield ctx.error(
                        (*row.path, key, c, "code"),
                        f"{kind} {code} 不屬於工作任務 {'、'.join(row.tasks)}："
                        f"代碼應以 {code[0]}{'.'.join(expected[0])} 開頭。",
                    )


def _misfiled_tasks(ctx: _Context) -> Iterator[Diagnostic]:
    """Tasks filed under the wrong duty, one message per run of them, saying what to edit."""
    duty_numbers = {_numbers(d.code)[0] for d in ctx.standard.duties}
    for d, duty in enumerate(ctx.standard.duties):
        runs: dict[str, list[int]] = {}
        for t, task in enumerate(duty.tasks):
            number = _numbers(task.code)[0]
            if number != _numbers(duty.code)[0]:
                runs.setdefault(number, []).append(t)
        for number, indexes in runs.items():
            codes = "、".join(duty.tasks[t].code for t in indexes)
            message = (
                f"工作任務 {codes} 放在主要職責 {duty.code} 之下，"
                f"但代碼應以 T{_numbers(duty.code)[0]}. 開頭。"
            )
            if number not in duty_numbers:
                message += (
                    f"可能是來源中主要職責 T{number} 的標題在轉檔時遺失：請對照原文，"
                    f"在 {duty.tasks[indexes[0]].code} 之前加上 T{number}（code: T{number}、"
                    f"name 照原文、tasks:），把這些工作任務移到它之下。"
                )
            else:
                message += f"請把它們移到主要職責 T{number} 之下，或改正代碼。"
            yield ctx.error(("duties", d, "tasks", indexes[0], "code"), message)


def _expected_prefix(child_code: str, task_code: str) -> tuple[str, ...]:
    """P1.1.3 must start with its task's numbers (1.1); a two-level P1.3 with its duty's (1)."""
    task_numbers = _numbers(task_code)
    if len(_numbers(child_code)) > len(task_numbers):
        return task_numbers
    return task_numbers[:1]


def check_references(ctx: _Context) -> Iterator[Diagnostic]:
    defined = {
        "knowledge": {i.code for i in ctx.standard.knowledge},
        "skills": {i.code for i in ctx.standard.skills},
    }
    kinds = {"knowledge": "知識", "skills": "技能"}
    for task, path in _task_paths(ctx.standard):
        for key in ("knowledge", "skills"):
            if task.shares_with is not None and (*path, key) not in ctx.located.lines:
                continue  # taken from the row's first task, checked there
            for where, codes in _reference_lists(task, path, key):
                seen: set[str] = set()
                for i, code in enumerate(codes):
                    if code in seen:
                        yield ctx.warning(
                            (*where, i), f"工作任務 {task.code} 重複列出{kinds[key]} {code}。"
                        )
                    seen.add(code)
                    if code not in defined[key]:
                        yield ctx.error(
                            (*where, i),
                            f"工作任務 {task.code} 列出{kinds[key]} {code}，"
                            f"但本職能基準沒有定義 {code}{suggest(code, defined[key])}",
                        )


def _reference_lists(
    task: Task, path: DataPath, key: str
) -> Iterator[tuple[DataPath, tuple[str, ...]]]:
    """Where a task's knowledge or skills are written: on the task, or on each level row."""
    if not task.level_rows:
        yield (*path, key), getattr(task, key)
    for r, row in enumerate(task.level_rows):
        yield (*path, "levels", r, key), getattr(row, key)


def check_level_rows(ctx: _Context) -> Iterator[Diagnostic]:
    """A task in rows of different levels: every indicator in one row, each level once."""
    for task, path in _task_paths(ctx.standard):
        if not task.level_rows:
            continue
        rows_path = (*path, "levels")
        if ctx.standard.row_group(task.code) is not None:
            yield ctx.error(
                rows_path,
                f"工作任務 {task.code} 與其他工作任務寫在同一列（shares_with），"
                "這一列的行為指標屬於它們全體，不能再依級別分列：請改寫 level。",
            )
        own = [p.code for p in task.indicators]
        placed: dict[str, int] = {}
        levels: dict[int, int] = {}
        for r, row in enumerate(task.level_rows):
            if row.level in levels:
                yield ctx.error(
                    (*rows_path, r, "level"),
                    f"工作任務 {task.code} 的 levels 第 {levels[row.level] + 1} 列與第 {r + 1} 列"
                    f"都是級別 {row.level}：同一級別的行為指標、知識與技能請寫在同一列。",
                )
            levels.setdefault(row.level, r)
            if not row.indicators:
                yield ctx.error(
                    (*rows_path, r, "level"),
                    f"工作任務 {task.code} 的 levels 第 {r + 1} 列（級別 {row.level}）"
                    "沒有行為指標：級別屬於寫出它的那一列行為指標，"
                    "請對照原文寫上這一列的行為指標代碼。",
                )
            for i, code in enumerate(row.indicators):
                if code not in own:
                    yield ctx.error(
                        (*rows_path, r, "indicators", i),
                        f"levels 第 {r + 1} 列的 {code} 不是工作任務 {task.code} 的行為指標"
                        f"（indicators 中沒有它）{suggest(code, own)}",
                    )
                elif code in placed:
                    yield ctx.error(
                        (*rows_path, r, "indicators", i),
                        f"行為指標 {code} 寫在 levels 的第 {placed[code] + 1} 列與第 {r + 1} 列："
                        "一個行為指標只屬於一個級別，請刪去不對的那一列中的它。",
                    )
                placed.setdefault(code, r)
        for p, code in enumerate(own):
            if code not in placed:
                yield ctx.error(
                    (*path, "indicators", p, "code"),
                    f"行為指標 {code} 不在工作任務 {task.code} 的 levels 任何一列中："
                    "請對照原文，把它的代碼加進它那一列（級別）的 indicators。",
                )


def check_unused_items(ctx: _Context) -> Iterator[Diagnostic]:
    for key, kind, items in (
        ("knowledge", "知識", ctx.standard.knowledge),
        ("skills", "技能", ctx.standard.skills),
    ):
        used = {code for task in ctx.standard.tasks() for code in getattr(task, key)}
        for i, item in enumerate(items):
            if item.code not in used:
                yield ctx.warning((key, i), f"{kind} {item.code} 沒有任何工作任務使用。")


def check_task_content(ctx: _Context) -> Iterator[Diagnostic]:
    owners = {t.code for t in ctx.standard.tasks() if t.shares_with is None}
    for task, path in _task_paths(ctx.standard):
        if task.shares_with is not None:
            yield from _sharing_task(ctx, task, path, owners)
        group = ctx.standard.row_group(task.code)
        indicators = group.indicators if group else task.indicators
        if not indicators and task.shares_with is None:
            yield ctx.error(path, f"工作任務 {task.code} 沒有任何行為指標。")
        if not task.knowledge:
            yield ctx.warning(path, f"工作任務 {task.code} 沒有列出任何知識 (K)。")
        if not task.skills:
            yield ctx.warning(path, f"工作任務 {task.code} 沒有列出任何技能 (S)。")


def _sharing_task(
    ctx: _Context, task: Task, path: DataPath, owners: set[str]
) -> Iterator[Diagnostic]:
    first = task.shares_with or ""
    if first not in owners:
        yield ctx.error(
            (*path, "shares_with"),
            f"工作任務 {task.code} 與 {first} 共用一列，"
            f"但沒有可共用的工作任務 {first}{suggest(first, owners)}",
        )
    elif ctx.standard.duty_of(first) != ctx.standard.duty_of(task.code):
        yield ctx.error(
            (*path, "shares_with"),
            f"工作任務 {task.code} 只能與同一主要職責下的工作任務共用一列。",
        )
    if task.outputs or task.indicators:
        yield ctx.error(
            path,
            f"工作任務 {task.code} 與 {first} 寫在同一列：這一列的工作產出與行為指標"
            f"請寫在 {first}（屬於這一列的全部工作任務），不要寫在 {task.code}。",
        )


# 「K01職業安全…」 inside an indicator: a converter ran the K or S column into the P text
_SWALLOWED = re.compile(r"(?<![A-Za-z0-9.])([KS])[A-Z]?\d{2,}(?=\s*[\u4e00-\u9fff])")


def _swallowed(text: str) -> list[str]:
    """The K and S codes a text holds (an indicator's or an output's never should)."""
    return [m.group() for m in _SWALLOWED.finditer(text)]


def check_converter_damage(ctx: _Context) -> Iterator[Diagnostic]:
    """Damage real PDF-to-text converters leave: another column's text inside an indicator or
    an output, or the first digit of the next cell glued onto a code (O2.3.1 + 「3D設計」)."""
    for row in _rows(ctx.standard):
        for key, kind, entries in (
            ("outputs", "工作產出", [(o.code, o.name, "name") for o in row.outputs]),
            ("indicators", "行為指標", [(p.code, p.text, "text") for p in row.indicators]),
        ):
            codes = [code for code, _, _ in entries]
            for i, (code, text, field) in enumerate(entries):
                swallowed = _swallowed(text)
                if swallowed:
                    columns = "知識" if swallowed[0][0] == "K" else "技能"
                    yield ctx.error(
                        (*row.path, key, i, field),
                        f"{kind} {code} 的文字中有 {'、'.join(swallowed)}：看來轉檔時把{columns}欄"
                        f"的內容併進了{kind}。請對照原文，只留下{kind}本身的文字，"
                        f"把 {swallowed[0]}… 寫回工作任務的 knowledge 或 skills。",
                    )
                others = [c for c in codes if c != code]
                glued = _glued_digit(code, others)
                if glued:
                    listed = "、".join(others[:3]) + ("…" if len(others) > 3 else "")
                    yield ctx.warning(
                        (*row.path, key, i, "code"),
                        f"{kind}代碼 {code} 不接續同一工作任務的 {listed or '編號'}"
                        + (f"，名稱「{text}」又以英文字母開頭" if text[:1].isascii() else "")
                        + f"：可能是轉檔時把下一格的字黏到了代碼上（原文也許是 {glued[0]} 與"
                        f"「{glued[1]}{text}」）。請對照原文改正代碼與名稱。",
                    )


def _glued_digit(code: str, siblings: list[str]) -> tuple[str, str] | None:
    """O2.3.13 among O2.3.1 and O2.3.2: the code as written were it O2.3.1 + 「3…」."""
    head, _, last = code.rpartition(".")
    numbers = [int(s.rpartition(".")[2]) for s in siblings if s.rpartition(".")[0] == head]
    if len(last) < 2 or int(last) <= max(numbers, default=0) + 1:
        return None
    return f"{head}.{last[:-1]}", last[-1]


def check_duty_names(ctx: _Context) -> Iterator[Diagnostic]:
    for d, duty in enumerate(ctx.standard.duties):
        if not duty.name:
            yield ctx.warning(
                ("duties", d, "name"),
                f"主要職責 {duty.code} 沒有名稱（原文未寫），單元標題只顯示代碼；"
                "若知道名稱，可寫在 name。",
            )


def check_versions(ctx: _Context) -> Iterator[Diagnostic]:
    for i, version in enumerate(ctx.standard.versions):
        if version.date and not _is_date(version.date):
            yield ctx.error(
                ("versions", i, "date"),
                f"版本 {version.version} 的發展更新日期 {version.date} 不是真的日期"
                "（月份 1–12，日期不超過該月天數），請對照原文改正。",
            )
    codes = [v.code for v in ctx.standard.versions]
    if codes and ctx.standard.code not in codes:
        yield ctx.warning(("versions",), f"版本表中沒有本職能基準的代碼 {ctx.standard.code}。")


def _is_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def check_file_name(ctx: _Context) -> Iterator[Diagnostic]:
    name = Path(ctx.file).name
    if name != f"{ctx.standard.code}.yaml":
        yield ctx.error(
            ("code",),
            f"檔名應與職能基準代碼相同：請將 {name} 改名為 {ctx.standard.code}.yaml。",
        )


CHECKS: tuple[Callable[[_Context], Iterable[Diagnostic]], ...] = (
    check_unique_codes,
    check_hierarchy,
    check_references,
    check_level_rows,
    check_unused_items,
    check_task_content,
    check_converter_damage,
    check_duty_names,
    check_versions,
    check_file_name,
)


def check_standard(standard: Standard, located: Located, file: str) -> list[Diagnostic]:
    ctx = _Context(standard, located, file)
    found = [d for check in CHECKS for d in check(ctx)]
    return sorted(found, key=lambda d: (d.line or 0, d.severity.value, d.message))


@dataclass(frozen=True)
class ContentTree:
    """Every sound standard (loaded, without errors), and every problem found on the way."""

    standards: tuple[Standard, ...]
    diagnostics: tuple[Diagnostic, ...]
    rejected: tuple[str, ...] = ()  # names (without .yaml) of the files with errors


@dataclass(frozen=True)
class CheckedFile:
    """One standard file read and checked on its own (``tree`` then checks the files together)."""

    path: Path
    shown: str  # the path as messages print it
    standard: Standard | None  # None: the file could not be read as a standard
    diagnostics: tuple[Diagnostic, ...]
    code_line: int | None = None  # where its code is written


def standard_files(content: Path) -> list[Path]:
    folder = content / "standards"
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]) if folder.is_dir() else []


def chosen_files(content: Path, only: Collection[str] | None = None) -> list[Path]:
    """The standard files to read: every one, or only those named ``<code>.yaml`` in ``only``."""
    files = standard_files(content)
    return files if only is None else [f for f in files if f.stem in only]


def check_tree(content: Path, only: Collection[str] | None = None) -> ContentTree:
    """Load and check every ``content/standards/*.yaml`` (or only the files named ``only``:
    ``<code>.yaml``), collecting all problems."""
    files = chosen_files(content, only)
    return tree(content, [check_file(path) for path in files], only is None)


def check_file(path: Path) -> CheckedFile:
    """One standard file loaded and checked, with every problem of its own."""
    shown = _shown(path)
    try:
        standard, located = load_standard(path, shown)
    except ContentError as exc:
        return CheckedFile(path, shown, None, tuple(exc.diagnostics))
    found = check_standard(standard, located, shown)
    return CheckedFile(path, shown, standard, tuple(found), located.line(("code",)))


def tree(content: Path, checked: Iterable[CheckedFile], whole: bool = True) -> ContentTree:
    """The files checked one by one (in file order), checked together: a code used twice, and
    (for the ``whole`` tree) no standard at all."""
    standards: list[Standard] = []
    diagnostics: list[Diagnostic] = []
    rejected: list[str] = []
    checked = list(checked)
    if whole and not checked:
        diagnostics.append(
            Diagnostic(str(content / "standards"), None, "沒有任何職能基準檔 (.yaml)。")
        )
    seen: dict[str, str] = {}
    for file in checked:
        found = list(file.diagnostics)
        standard = file.standard
        if standard is not None and standard.code in seen:
            found.append(
                Diagnostic(
                    file.shown,
                    file.code_line,
                    f"職能基準代碼 {standard.code} 已在 {seen[standard.code]} 使用。",
                )
            )
        diagnostics.extend(found)
        if standard is None or errors(found):
            rejected.append(file.path.stem)
            continue  # only sound standards go further down the pipeline
        seen[standard.code] = file.shown
        standards.append(standard)
    return ContentTree(tuple(standards), tuple(diagnostics), tuple(rejected))


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
