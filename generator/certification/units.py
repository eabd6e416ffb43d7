"""A course's units (課程單元) as the report lists them: the trainer's plan, filled in from
what the course really has.

A module (主要職責) is one unit unless the plan splits it. Where the plan is silent, a unit takes
what can be derived without inventing anything: its name from the standard, its hours from
``course.yml``, objectives drafted from its tasks and indicators, materials from the
``resources.yml`` entries that serve it, assessment from the course's quizzes and observation
checklists, evidence from the outputs learners produce and the records of that assessment.
Everything else stays empty, for the report to mark as still to be written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.certification.plan import OutlineBlock, Staff, UnitPlan, task_indicators
from generator.course import Course
from generator.model import Duty, Indicator, Item, Output, Standard, Task

# An indicator beginning with one of these states what a learner knows, not what they do:
# iCAP's rules for 表1 ask for an observable verb instead (「不可用了解、熟悉、認識」).
_NOT_OBSERVABLE = re.compile(r"^(?:了解|瞭解|熟悉|認識|知道|理解|明瞭|明白)")
QUIZ, HANDS_ON = "測驗", "實作評量"
QUIZ_TOOLS, CHECKLIST = ("測驗卷", "評量題目"), "檢核表"
PRACTICE_METHODS = ("演練教學", "示範教學", "案例教學")


@dataclass(frozen=True)
class Unit:
    name: str
    name_en: str | None
    module: Duty
    tasks: tuple[Task, ...]
    indicators: tuple[Indicator, ...]  # 對應行為指標, quoted verbatim
    knowledge: tuple[Item, ...]
    skills: tuple[Item, ...]
    outputs: tuple[Output, ...]
    hours: float | None
    objectives: tuple[str, ...]
    drafted: bool  # the objectives are the generator's draft, not the trainer's words
    outline: tuple[OutlineBlock, ...]
    methods: tuple[str, ...]
    materials: tuple[str, ...]
    equipment: tuple[str, ...]
    assessment_methods: tuple[str, ...]
    assessment_tools: tuple[str, ...]
    staff: Staff
    evidence: tuple[str, ...]
    planned: int | None  # its place among plan.yml's units; None for a module's default unit

    @property
    def levels(self) -> tuple[int, ...]:
        return tuple(sorted({level for t in self.tasks for level in t.levels}))

    @property
    def needs_doing(self) -> bool:
        """Its goal is a performance: its tasks produce outputs or have observable indicators
        (iCAP 5.1.1: such a goal must be assessed hands-on, not by a written test alone)."""
        return bool(self.outputs) or any(observable(p) for p in self.indicators)

    @property
    def outline_minutes(self) -> int:
        return sum(block.minutes for block in self.outline)


def observable(indicator: Indicator) -> bool:
    return not _NOT_OBSERVABLE.match(indicator.text.strip())


def course_units(course: Course) -> tuple[Unit, ...]:
    """Every unit of the course in teaching order: modules in the course's order, a module's
    planned units in the plan's order, a module the plan does not mention as one unit."""
    standard = course.taught
    planned = course.custom.plan.units
    units: list[Unit] = []
    for duty in standard.duties:
        own = [(i, u) for i, u in enumerate(planned) if u.module == duty.code]
        if not own:
            units.append(_unit(course, duty, UnitPlan(duty.code), None, alone=True))
        for index, plan in own:
            units.append(_unit(course, duty, plan, index, alone=len(own) == 1))
    return tuple(units)


def _unit(course: Course, duty: Duty, plan: UnitPlan, index: int | None, alone: bool) -> Unit:
    standard = course.taught
    taught = {t.code: t for t in duty.tasks}
    tasks = tuple(taught[c] for c in plan.tasks or taught if c in taught)
    indicators = _indicators(standard, tasks, plan.indicators)
    outputs = tuple(
        dict.fromkeys(o for t in tasks for o in (standard.row_group(t.code) or t).outputs)
    )
    hours = plan.hours
    if hours is None and alone:
        hours = course.settings.hours_of(duty.code)
    quizzed = _quizzed(course, duty, tasks)
    methods = plan.assessment_methods
    methods = _default_methods(quizzed) if methods is None else methods
    tools = plan.assessment_tools
    tools = _default_tools(quizzed) if tools is None else tools
    objectives = plan.objectives or (draft_objective(tasks, outputs, indicators),)
    return Unit(
        name=plan.name or duty.name or duty.code,
        name_en=plan.name_en,
        module=duty,
        tasks=tasks,
        indicators=indicators,
        knowledge=_items(standard.knowledge, tasks, "knowledge"),
        skills=_items(standard.skills, tasks, "skills"),
        outputs=outputs,
        hours=hours,
        objectives=objectives if tasks else (),
        drafted=plan.objectives is None,
        outline=plan.outline,
        methods=plan.methods,
        materials=plan.materials if plan.materials is not None else _materials(course, tasks),
        equipment=plan.equipment,
        assessment_methods=methods,
        assessment_tools=tools,
        staff=plan.staff,
        evidence=plan.evidence
        if plan.evidence is not None
        else _evidence(duty, tasks, outputs, tools),
        planned=index,
    )


def _indicators(
    standard: Standard, tasks: tuple[Task, ...], chosen: tuple[str, ...] | None
) -> tuple[Indicator, ...]:
    every = dict.fromkeys(p for t in tasks for p in task_indicators(standard, t.code))
    return tuple(p for p in every if chosen is None or p.code in chosen)


def _items(items: tuple[Item, ...], tasks: tuple[Task, ...], field: str) -> tuple[Item, ...]:
    """The K or S the tasks need, in the standard's order."""
    needed = {code for t in tasks for code in getattr(t, field)}
    return tuple(i for i in items if i.code in needed)


def _quizzed(course: Course, duty: Duty, tasks: tuple[Task, ...]) -> bool:
    codes = {t.code for t in tasks}
    return any(
        q.task in codes or (q.task is None and q.duty == duty.code) for q in course.bank.questions
    )


def _default_methods(quizzed: bool) -> tuple[str, ...]:
    # Every task of a course has an observation checklist in the trainers' kit
    # (render.kit.checklists_page): a hands-on assessment the course really has.
    return (QUIZ, HANDS_ON) if quizzed else (HANDS_ON,)


def _default_tools(quizzed: bool) -> tuple[str, ...]:
    return (*QUIZ_TOOLS, CHECKLIST) if quizzed else (CHECKLIST,)


def _materials(course: Course, tasks: tuple[Task, ...]) -> tuple[str, ...]:
    """The trainer's resources (resources.yml) that serve the unit's tasks, K or S."""
    codes = {t.code for t in tasks} | {c for t in tasks for c in (*t.knowledge, *t.skills)}
    return tuple(f"{r.title}（{r.kind}）" for r in course.custom.resources if codes & set(r.serves))


def _evidence(
    duty: Duty, tasks: tuple[Task, ...], outputs: tuple[Output, ...], tools: tuple[str, ...]
) -> tuple[str, ...]:
    """What each learner leaves that a reviewer can inspect: the outputs made in practice and
    the records of the unit's assessment."""
    found = []
    if CHECKLIST in tools:
        codes = "、".join(t.code for t in tasks)
        found.append(f"觀察評量檢核表（{codes}，每位學員每項工作任務一份）")
    if any(tool in tools for tool in QUIZ_TOOLS):
        found.append(f"{duty.code} 單元測驗作答與成績紀錄（每位學員一份）")
    found += [f"學員練習做出的{o.name}（{o.code}，每位學員一份）" for o in outputs]
    return tuple(found)


def draft_objective(
    tasks: tuple[Task, ...], outputs: tuple[Output, ...], indicators: tuple[Indicator, ...]
) -> str:
    """「完訓學員能完成工作任務「預約服務」，產出「預約表」，表現符合行為指標 P2.1.1～P2.1.5。」

    Built from the standard's words only: the behaviour is the tasks, the criterion the
    indicators they are judged by (the ABCD form's B and D; the condition is the trainer's).
    """
    names = "".join(f"「{t.name}」" for t in tasks)
    made = "".join(dict.fromkeys(f"「{o.name}」" for o in outputs))
    produce = f"，產出{made}" if made else ""
    cited = code_ranges([p.code for p in indicators])
    criterion = f"，表現符合行為指標 {cited}" if cited else ""
    return f"完訓學員能完成工作任務{names}{produce}{criterion}。"


def code_ranges(codes: list[str]) -> str:
    """["P1.1.1", "P1.1.2", "P1.1.3", "P1.2.1"] -> 「P1.1.1～P1.1.3、P1.2.1」: consecutive
    siblings (same prefix, next number) written as one range."""
    runs: list[list[str]] = []
    for code in codes:
        if runs and _follows(runs[-1][-1], code):
            runs[-1].append(code)
        else:
            runs.append([code])
    return "、".join(run[0] if len(run) == 1 else f"{run[0]}～{run[-1]}" for run in runs)


def _follows(before: str, code: str) -> bool:
    head_a, _, last_a = before.rpartition(".")
    head_b, _, last_b = code.rpartition(".")
    return (
        head_a == head_b
        and last_a.isdigit()
        and last_b.isdigit()
        and int(last_b) == int(last_a) + 1
    )
