"""What changed between two versions of a standard: a pure comparison by code.

iCAP keeps codes stable across versions (T2.1 stays T2.1 when reworded), so entries are paired
by code: a code only in the new version was added, only in the old one removed, in both with
other words reworded. Task requirements (K and S) are compared as sets.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from generator.model import Standard, Task
from generator.references import Reference


class Change(Enum):
    ADDED = "新增"
    REMOVED = "刪除"
    REWORDED = "改寫"


@dataclass(frozen=True)
class Difference:
    kind: str  # 主要職責, 工作任務, 行為指標, …, 知識需求, 技能需求, 職能級別
    code: str
    change: Change
    old: str = ""
    new: str = ""
    task: str = ""  # for an indicator or output: the task it belongs to

    @property
    def touches(self) -> set[str]:
        """The codes a trainer's reference may use for what changed."""
        return {self.code, self.task} - {""}


def _texts(standard: Standard) -> dict[str, dict[str, str]]:
    """For each kind of entry, code -> the words that identify it."""
    return {
        "主要職責": {d.code: d.name for d in standard.duties},
        "工作任務": {t.code: t.name for t in standard.tasks()},
        "行為指標": {p.code: p.text for p in standard.indicators()},
        "工作產出": {o.code: o.name for o in standard.outputs()},
        "知識": {k.code: k.name for k in standard.knowledge},
        "技能": {s.code: s.name for s in standard.skills},
        "態度": {a.code: f"{a.name}：{a.definition or ''}" for a in standard.attitudes},
    }


def _owners(*standards: Standard) -> dict[str, str]:
    """Indicator and output codes -> the code of the task (a row group's first) they are
    listed at; a shared output at the first task that lists it."""
    owners: dict[str, str] = {}
    for standard in standards:  # the newer standard's task wins
        listed = [
            (code, task.code)
            for task in standard.tasks()
            for code in (
                *(p.code for p in standard.indicators_at(task)),
                *(o.code for o in standard.outputs_at(task)),
            )
        ]
        owners |= dict(reversed(listed))  # a shared output: the first task that lists it
    return owners


def _compare(
    kind: str, old: dict[str, str], new: dict[str, str], owners: dict[str, str]
) -> Iterable[Difference]:
    for code in sorted(old.keys() | new.keys(), key=_natural):
        task = owners.get(code, "")
        if code not in new:
            yield Difference(kind, code, Change.REMOVED, old=old[code], task=task)
        elif code not in old:
            yield Difference(kind, code, Change.ADDED, new=new[code], task=task)
        elif old[code] != new[code]:
            yield Difference(kind, code, Change.REWORDED, old[code], new[code], task=task)


def _natural(code: str) -> tuple[object, ...]:
    """T2.10 after T2.9: compare the numbers as numbers."""
    head = code.rstrip("0123456789.")
    numbers = tuple(int(n) for n in code[len(head) :].split(".") if n.isdigit())
    return (head, numbers)


def _requirements(old: Standard, new: Standard) -> Iterable[Difference]:
    """Knowledge and skills a task kept, gained or lost (only tasks in both versions)."""
    old_tasks = {t.code: t for t in old.tasks()}
    for task in new.tasks():
        before = old_tasks.get(task.code)
        if before is None:
            continue
        for kind, field in (("知識需求", "knowledge"), ("技能需求", "skills")):
            was, now = set(getattr(before, field)), set(getattr(task, field))
            for code in sorted(now - was, key=_natural):
                yield Difference(kind, task.code, Change.ADDED, new=code)
            for code in sorted(was - now, key=_natural):
                yield Difference(kind, task.code, Change.REMOVED, old=code)
        if before.levels != task.levels:
            yield Difference("職能級別", task.code, Change.REWORDED, _levels(before), _levels(task))


def _levels(task: Task) -> str:
    """「3」, 「3–4」 for a task in rows of two levels, or 「None」 as a task without one."""
    return task.level_text if task.level_rows else str(task.level)


def compare(old: Standard, new: Standard) -> tuple[Difference, ...]:
    old_texts, new_texts, owners = _texts(old), _texts(new), _owners(old, new)
    found = [
        d for kind in old_texts for d in _compare(kind, old_texts[kind], new_texts[kind], owners)
    ]
    return (*found, *_requirements(old, new))


def report(old: Standard, new: Standard, differences: tuple[Difference, ...]) -> list[str]:
    """The changes as lines of Chinese text, grouped by kind."""
    lines = [f"職能基準異動：{old.code} {old.name} → {new.code} {new.name}"]
    if not differences:
        return [
            *lines,
            "",
            "兩個版本的主要職責、工作任務、行為指標、工作產出、知識、技能與態度完全相同。",
        ]
    for kind in dict.fromkeys(d.kind for d in differences):
        lines += ["", f"【{kind}】"]
        for d in (d for d in differences if d.kind == kind):
            lines.append(_line(d))
    return lines


def _line(d: Difference) -> str:
    if d.kind.endswith("需求"):
        item = d.new or d.old
        verb = "新增需要" if d.change is Change.ADDED else "不再需要"
        return f"  {d.code} {verb} {item}"
    if d.kind == "職能級別":
        return f"  {d.code} 職能級別 {d.old} → {d.new}"
    if d.change is Change.ADDED:
        return f"  + 新增 {d.code}：{d.new}"
    if d.change is Change.REMOVED:
        return f"  - 刪除 {d.code}：{d.old}"
    return f"  ~ 改寫 {d.code}：「{d.old}」→「{d.new}」"


def affected(
    differences: tuple[Difference, ...], references: Iterable[Reference]
) -> list[tuple[Reference, Difference]]:
    """Each trainer reference to a code that the revision removed, reworded or re-scoped."""
    by_code: dict[str, Difference] = {}
    for d in differences:
        if d.change is not Change.ADDED or d.kind.endswith("需求") or d.task:
            for code in sorted(d.touches):
                by_code.setdefault(code, d)
    return [(r, by_code[r.code]) for r in references if r.code in by_code]


def affected_report(found: list[tuple[Reference, Difference]]) -> list[str]:
    if not found:
        return ["", "【受影響的自訂內容】", "  沒有任何自訂內容或題目修改受到影響。"]
    lines = ["", "【受影響的自訂內容】"]
    for ref, d in found:
        where = f"{ref.file}:{ref.line}" if ref.line else ref.file
        if d.code != ref.code:
            effect = f"它的{d.kind} {d.code} {d.change.value}了，請檢查內容是否仍適用"
        elif d.change is Change.REMOVED and not d.kind.endswith("需求"):
            effect = f"{d.kind} {d.code} 已刪除，請改用現有代碼或移除"
        elif d.kind.endswith("需求"):
            effect = f"工作任務 {d.code} 的{d.kind}已變動，請檢查內容是否仍正確"
        else:
            effect = f"{d.kind} {d.code} 已改寫，請檢查內容是否仍適用"
        lines.append(f"  {where}: {ref.what}（{ref.code}）：{effect}")
    return lines
