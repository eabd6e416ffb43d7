"""A trainer's course plan, ``site_overrides/<code>/plan.yml``: what iCAP's course planning
report (職能導向課程規劃與執行報告書) needs beyond the standard and ``course.yml``.

The plan holds the course texts of 壹 (訓練需求, 課程簡介, 課程目的, 主要對象, 先備條件) and, per
unit (課程單元, a module by default), its objectives, outline, methods, materials, equipment,
assessment, staff requirements and learning evidence, plus the 結訓標準 of 表12. Units refer to
the standard by codes only; a code the standard does not have is an error naming the file, the
line and the closest code. Nothing here is required: what a trainer leaves out is shown as a
marked blank in the report, or derived from what the course really has (``units``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostic, Severity, excerpt, suggest
from generator.load import read_trainer_yaml
from generator.model import Indicator, Standard
from generator.yamlio import Located

PLAN_FILE = "plan.yml"
TEXT_LIMIT = 1000  # 訓練需求, 課程簡介 and 課程目的: 「上傳字數限1000字」
OTHER = "其他"

# The template's fixed lists (its checkbox order). A trainer may write a method without its
# 「教學」 (「講述」 for 「講述教學」); anything else goes under 「其他：…」.
METHODS = ("講述教學", "討論教學", "演練教學", "協同教學", "專題教學", "示範教學", "案例教學")
EQUIPMENT = ("電腦設備", "投影設備", "麥克風", "黑/白板", "視訊軟體及鏡頭", "喇叭")
ASSESSMENT_METHODS = ("測驗", "作業評量", "實作評量", "口頭報告", "無")
ASSESSMENT_TOOLS = ("測驗卷", "評量題目", "意見回饋表", "檢核表", "無")
_ALIASES = {
    **{m.removesuffix("教學"): m for m in METHODS},
    "黑板": "黑/白板",
    "白板": "黑/白板",
    "黑白板": "黑/白板",
    "黑／白板": "黑/白板",
}
MODES = ("課堂", "實作", "線上")


@dataclass(frozen=True)
class OutlineBlock:
    """One time block of a unit's outline (表4): minutes, the activity, the K/S it covers."""

    minutes: int
    activity: str
    covers: tuple[str, ...] = ()
    mode: str = "課堂"  # 課堂, 實作 (hands-on) or 線上 (online)


@dataclass(frozen=True)
class Staff:
    """Requirements (not names) for a unit's staff, 表7."""

    instructor: str | None = None
    assessor: str | None = None
    assistant: str | None = None


@dataclass(frozen=True)
class UnitPlan:
    """A unit as the trainer wrote it; ``None`` where the trainer wrote nothing."""

    module: str
    name: str | None = None
    name_en: str | None = None
    tasks: tuple[str, ...] | None = None
    indicators: tuple[str, ...] | None = None
    hours: float | None = None
    objectives: tuple[str, ...] | None = None
    outline: tuple[OutlineBlock, ...] = ()
    methods: tuple[str, ...] = ()  # template labels, or 「其他：…」
    materials: tuple[str, ...] | None = None
    equipment: tuple[str, ...] = ()
    assessment_methods: tuple[str, ...] | None = None
    assessment_tools: tuple[str, ...] | None = None
    staff: Staff = Staff()
    evidence: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Completion:
    """表12 課程結訓標準: 「通過」 or a concrete criterion for each row."""

    stages: str | None = None  # 各階段評量
    written: str | None = None  # 學科
    practical: str | None = None  # 術科
    other: str | None = None  # 其他


@dataclass(frozen=True)
class Plan:
    title_en: str | None = None
    task_names_en: tuple[tuple[str, str], ...] = ()
    training_need: str | None = None
    summary: str | None = None
    purpose: str | None = None
    audience: str | None = None
    prerequisites: str | None = None
    units: tuple[UnitPlan, ...] = ()
    completion: Completion | None = None  # None: the report proposes one

    def task_name_en(self, task: str) -> str | None:
        return dict(self.task_names_en).get(task)


def task_indicators(standard: Standard, code: str) -> tuple[Indicator, ...]:
    """The indicators a task is judged by: its own, or its row group's (one table row)."""
    return (standard.row_group(code) or standard.task(code)).indicators


def other(description: str) -> str:
    return f"{OTHER}：{description}"


def other_description(choice: str) -> str | None:
    """「其他：角色扮演」 -> 「角色扮演」; a template label -> None."""
    head, colon, rest = choice.partition("：")
    return rest if colon and head == OTHER else None


# --- reading plan.yml --------------------------------------------------------------------


def load_plan(
    standard: Standard, taught: Standard, folder: Path, shown: str
) -> tuple[Plan, list[Diagnostic]]:
    """The plan of ``folder`` (site_overrides/<code>); problems come back as diagnostics.

    ``taught`` is the standard as course.yml teaches it: a unit of a module or task it leaves
    out is a warning (the report lists only what the course teaches).
    """
    file = f"{shown}/{PLAN_FILE}"
    located, problems = read_trainer_yaml(folder / PLAN_FILE, file, "plan")
    if located is None:
        return Plan(), problems
    reader = _Reader(standard, taught, located, file)
    plan = reader.plan()
    return plan, reader.problems


class _Reader:
    """Schema-valid data -> Plan, checking every code and choice against the standard."""

    def __init__(self, standard: Standard, taught: Standard, located: Located, file: str) -> None:
        self.standard = standard
        self.taught_tasks = {t.code for t in taught.tasks()}
        self.located = located
        self.file = file
        self.problems: list[Diagnostic] = []

    def problem(self, path: tuple[str | int, ...], message: str, warning: bool = False) -> None:
        severity = Severity.WARNING if warning else Severity.ERROR
        self.problems.append(Diagnostic(self.file, self.located.line(path), message, severity))

    def plan(self) -> Plan:
        data: dict[str, Any] = self.located.data or {}
        tasks = [t.code for t in self.standard.tasks()]
        for code in data.get("task_names_en", {}):
            if code not in tasks:
                self.unknown(("task_names_en", code), "工作任務", code, tasks)
        for key in ("training_need", "summary", "purpose"):
            self.limit(data, key)
        completion = data.get("completion")
        return Plan(
            title_en=data.get("title_en"),
            task_names_en=tuple(sorted(data.get("task_names_en", {}).items())),
            training_need=data.get("training_need"),
            summary=data.get("summary"),
            purpose=data.get("purpose"),
            audience=data.get("audience"),
            prerequisites=data.get("prerequisites"),
            units=tuple(self.unit(u, i) for i, u in enumerate(data.get("units", []))),
            completion=Completion(**completion) if completion is not None else None,
        )

    def limit(self, data: dict[str, Any], key: str) -> None:
        text = data.get(key)
        if text is not None and len(text) > TEXT_LIMIT:
            self.problem(
                (key,),
                f"{_LABELS[key]}有 {len(text):,} 字，超過 iCAP 的上傳字數上限 {TEXT_LIMIT} 字。",
                warning=True,
            )

    def unknown(self, path: tuple[str | int, ...], kind: str, code: str, known: list[str]) -> None:
        hint = suggest(code, known) or f"（現有：{'、'.join(known) or '無'}）"
        self.problem(path, f"{self.standard.code} 沒有{kind} {excerpt(code)}{hint}")

    def unit(self, data: dict[str, Any], index: int) -> UnitPlan:
        at: tuple[str | int, ...] = ("units", index)
        duties = {d.code: d for d in self.standard.duties}
        module = data["module"]
        duty = duties.get(module)
        if duty is None:
            self.unknown((*at, "module"), "主要職責", module, list(duties))
        own_tasks = [t.code for t in duty.tasks] if duty else []
        for i, code in enumerate(data.get("tasks", [])):
            if code not in own_tasks:
                self.not_in((*at, "tasks", i), "工作任務", code, f"主要職責 {module}", own_tasks)
            elif code not in self.taught_tasks:
                self.left_out((*at, "tasks", i), f"工作任務 {code}")
        if duty and not self.taught_tasks & set(own_tasks):
            self.left_out((*at, "module"), f"主要職責 {module}")
        chosen = [code for code in data.get("tasks") or own_tasks if code in own_tasks]
        indicators = list(
            dict.fromkeys(p.code for code in chosen for p in task_indicators(self.standard, code))
        )
        for i, code in enumerate(data.get("indicators", [])):
            if code not in indicators:
                self.not_in((*at, "indicators", i), "行為指標", code, "單元的工作任務", indicators)
        items = [i.code for i in (*self.standard.knowledge, *self.standard.skills)]
        for b, block in enumerate(data.get("outline", [])):
            for i, code in enumerate(block.get("covers", [])):
                if code not in items:
                    self.unknown((*at, "outline", b, "covers", i), "知識或技能", code, items)
        assessment = data.get("assessment", {})
        staff = data.get("staff", {})
        return UnitPlan(
            module=module,
            name=data.get("name"),
            name_en=data.get("name_en"),
            tasks=_maybe(data.get("tasks")),
            indicators=_maybe(data.get("indicators")),
            hours=float(data["hours"]) if "hours" in data else None,
            objectives=_maybe(data.get("objectives")),
            outline=tuple(
                OutlineBlock(
                    b["minutes"], b["activity"], tuple(b.get("covers", ())), b.get("mode", "課堂")
                )
                for b in data.get("outline", [])
            ),
            methods=self.choices(data, (*at, "methods"), METHODS, "教學方法"),
            materials=_maybe(data.get("materials")),
            equipment=self.choices(data, (*at, "equipment"), EQUIPMENT, "教具／設備"),
            assessment_methods=self.chosen(
                assessment, (*at, "assessment", "methods"), ASSESSMENT_METHODS, "評量方式"
            ),
            assessment_tools=self.chosen(
                assessment, (*at, "assessment", "tools"), ASSESSMENT_TOOLS, "評量工具"
            ),
            staff=Staff(staff.get("instructor"), staff.get("assessor"), staff.get("assistant")),
            evidence=_maybe(data.get("evidence")),
        )

    def left_out(self, path: tuple[str | int, ...], what: str) -> None:
        self.problem(
            path,
            f"{what}不在課程中（course.yml 的 modules 或 hidden_tasks 把它去掉了），"
            "報告書不會列出它。",
            warning=True,
        )

    def not_in(
        self, path: tuple[str | int, ...], kind: str, code: str, owner: str, known: list[str]
    ) -> None:
        hint = suggest(code, known) or f"（可用：{'、'.join(known) or '無'}）"
        self.problem(path, f"{kind} {excerpt(code)} 不屬於{owner}{hint}")

    def chosen(
        self, data: dict[str, Any], path: tuple[str | int, ...], allowed: tuple[str, ...], kind: str
    ) -> tuple[str, ...] | None:
        """Like ``choices``; None when the key is absent (the report derives a default)."""
        if path[-1] not in data:
            return None
        return self.choices(data, path, allowed, kind)

    def choices(
        self, data: dict[str, Any], path: tuple[str | int, ...], allowed: tuple[str, ...], kind: str
    ) -> tuple[str, ...]:
        """The template's labels (or 「其他：…」) for what a trainer ticked, in their order."""
        found: list[str] = []
        for i, written in enumerate(data.get(str(path[-1]), [])):
            choice = _choice(written, allowed)
            if choice is None and written.strip().rstrip(":：") == OTHER:
                self.problem((*path, i), f"「{OTHER}」要寫是什麼，例如「{OTHER}：角色扮演」。")
            elif choice is None:
                names = [*allowed, f"{OTHER}：說明"]
                hint = suggest(written, [*allowed, *_ALIASES]) or f"（可用：{'、'.join(names)}）"
                self.problem(
                    (*path, i),
                    f"「{excerpt(written)}」不是範本列出的{kind}{hint}；"
                    f"範本沒有的請寫「{OTHER}：說明」。",
                )
            elif choice not in found:
                found.append(choice)
        return tuple(found)


def _choice(written: str, allowed: tuple[str, ...]) -> str | None:
    text = written.strip()
    head, colon, rest = text.replace(":", "：", 1).partition("：")
    if head.strip() == OTHER:
        return other(rest.strip()) if colon and rest.strip() else None
    text = _ALIASES.get(text, text)
    return text if text in allowed else None


def _maybe(values: list[str] | None) -> tuple[str, ...] | None:
    return tuple(values) if values is not None else None


_LABELS = {"training_need": "訓練需求", "summary": "課程簡介", "purpose": "課程目的"}
