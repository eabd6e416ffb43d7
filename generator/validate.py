"""Checks on a standard that its JSON Schema cannot express, and on the whole content tree.

Each check is a small function returning diagnostics; ``check_standard`` runs them all so a
trainer sees every problem of a file at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import ContentError, Diagnostic, Severity, errors, suggest
from generator.load import load_standard
from generator.model import Standard, Task
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


def _task_paths(standard: Standard) -> Iterator[tuple[Task, DataPath]]:
    for d, duty in enumerate(standard.duties):
        for t, task in enumerate(duty.tasks):
            yield task, ("duties", d, "tasks", t)


def _coded_entities(standard: Standard) -> Iterator[_Coded]:
    for d, duty in enumerate(standard.duties):
        yield _Coded("主要職責", duty.code, ("duties", d, "code"))
    for task, path in _task_paths(standard):
        yield _Coded("工作任務", task.code, (*path, "code"))
        if task.shares_with is None:
            for o, output in enumerate(task.outputs):
                yield _Coded("工作產出", output.code, (*path, "outputs", o, "code"))
            for p, indicator in enumerate(task.indicators):
                yield _Coded("行為指標", indicator.code, (*path, "indicators", p, "code"))
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
    first_line: dict[str, int | None] = {}
    for entity in _coded_entities(ctx.standard):
        if entity.code in first_line:
            earlier = first_line[entity.code]
            where = f"第 {earlier} 行" if earlier else "前面"
            yield ctx.error(entity.path, f"{entity.kind}代碼 {entity.code} 重複：{where}已用過。")
        else:
            first_line[entity.code] = ctx.located.line(entity.path)


def check_hierarchy(ctx: _Context) -> Iterator[Diagnostic]:
    for d, duty in enumerate(ctx.standard.duties):
        for t, task in enumerate(duty.tasks):
            path: DataPath = ("duties", d, "tasks", t)
            if _numbers(task.code)[0] != _numbers(duty.code)[0]:
                yield ctx.error(
                    (*path, "code"),
                    f"工作任務 {task.code} 放在主要職責 {duty.code} 之下，"
                    f"但代碼應以 T{_numbers(duty.code)[0]}. 開頭。",
                )
            if task.shares_with is not None:
                continue
            for key, kind, codes in (
                ("outputs", "工作產出", [o.code for o in task.outputs]),
                ("indicators", "行為指標", [p.code for p in task.indicators]),
            ):
                for c, code in enumerate(codes):
                    expected = _expected_prefix(code, task.code)
                    if _numbers(code)[: len(expected)] != expected:
                        yield ctx.error(
                            (*path, key, c, "code"),
                            f"{kind} {code} 不屬於工作任務 {task.code}："
                            f"代碼應以 {code[0]}{'.'.join(expected)} 開頭。",
                        )


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
        if task.shares_with is not None:
            continue
        for key in ("knowledge", "skills"):
            codes: tuple[str, ...] = getattr(task, key)
            seen: set[str] = set()
            for i, code in enumerate(codes):
                if code in seen:
                    yield ctx.warning(
                        (*path, key, i), f"工作任務 {task.code} 重複列出{kinds[key]} {code}。"
                    )
                seen.add(code)
                if code not in defined[key]:
                    yield ctx.error(
                        (*path, key, i),
                        f"工作任務 {task.code} 列出{kinds[key]} {code}，"
                        f"但本職能基準沒有定義 {code}{suggest(code, defined[key])}",
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
            if task.shares_with not in owners:
                yield ctx.error(
                    (*path, "shares_with"),
                    f"工作任務 {task.code} 與 {task.shares_with} 共用一列，"
                    f"但沒有可共用的工作任務 {task.shares_with}{suggest(task.shares_with, owners)}",
                )
            elif ctx.standard.duty_of(task.shares_with) != ctx.standard.duty_of(task.code):
                yield ctx.error(
                    (*path, "shares_with"),
                    f"工作任務 {task.code} 只能與同一主要職責下的工作任務共用一列。",
                )
            continue
        if not task.indicators:
            yield ctx.error(path, f"工作任務 {task.code} 沒有任何行為指標。")
        if not task.knowledge:
            yield ctx.warning(path, f"工作任務 {task.code} 沒有列出任何知識 (K)。")
        if not task.skills:
            yield ctx.warning(path, f"工作任務 {task.code} 沒有列出任何技能 (S)。")


def check_versions(ctx: _Context) -> Iterator[Diagnostic]:
    codes = [v.code for v in ctx.standard.versions]
    if codes and ctx.standard.code not in codes:
        yield ctx.warning(("versions",), f"版本表中沒有本職能基準的代碼 {ctx.standard.code}。")


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
    check_unused_items,
    check_task_content,
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


def standard_files(content: Path) -> list[Path]:
    folder = content / "standards"
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]) if folder.is_dir() else []


def check_tree(content: Path) -> ContentTree:
    """Load and check every ``content/standards/*.yaml``, collecting all problems."""
    standards: list[Standard] = []
    diagnostics: list[Diagnostic] = []
    files = standard_files(content)
    if not files:
        diagnostics.append(
            Diagnostic(str(content / "standards"), None, "沒有任何職能基準檔 (.yaml)。")
        )
    seen: dict[str, str] = {}
    for path in files:
        shown = _shown(path)
        try:
            standard, located = load_standard(path, shown)
        except ContentError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        found = check_standard(standard, located, shown)
        if standard.code in seen:
            found.append(
                Diagnostic(
                    shown,
                    located.line(("code",)),
                    f"職能基準代碼 {standard.code} 已在 {seen[standard.code]} 使用。",
                )
            )
        diagnostics.extend(found)
        if errors(found):
            continue  # only sound standards go further down the pipeline
        seen[standard.code] = shown
        standards.append(standard)
    return ContentTree(tuple(standards), tuple(diagnostics))


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
