"""The checks iCAP's reviewers make of a course planning report, made before it is filed.

Each check lists what breaks one of the template's rules (``../shared/icap-course-report.md``)
with the file to edit: every task and indicator of the course in a unit; hours that add up
(壹 = Σ units, outline minutes = 60 × hours); an outline covering the unit's K and S; teaching
methods and assessment that fit a goal which needs doing (5.1.1: hands-on goals are assessed
hands-on); materials, equipment and staff requirements written; one unit-name form; texts
within their limits; the course-title rule; and a 結訓 quiz that a blind guesser cannot pass.
Pure: the course in, ``gaps.Check`` out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from generator import course_title
from generator.certification.plan import METHODS, OTHER, PLAN_FILE, TEXT_LIMIT
from generator.certification.report import (
    GUESS_LIMIT,
    completion_criteria,
    final_quiz_guess,
    hours_text,
    percent_text,
)
from generator.certification.units import (
    CHECKLIST,
    HANDS_ON,
    PRACTICE_METHODS,
    Unit,
    course_units,
)
from generator.course import SETTINGS_FILE, Course
from generator.gaps import Check, Gap
from generator.project import OVERRIDES


def certification_checks(course: Course) -> tuple[Check, ...]:
    units = course_units(course)
    files = _Files(course)
    return (
        _title(course, files),
        _information(course, files),
        _tasks_in_units(course, units, files),
        _indicators_quoted(course, units, files),
        _hours(course, units, files),
        _outlines(units, files),
        _methods(units, files),
        _resources(units, files),
        _assessment(units, files),
        _staff(units, files),
        _unit_names(units, files),
        _completion(course, files),
    )


class _Files:
    def __init__(self, course: Course) -> None:
        folder = f"{OVERRIDES}/{course.standard.code}"
        self.plan = f"{folder}/{PLAN_FILE}"
        self.settings = f"{folder}/{SETTINGS_FILE}"


def _units_check(
    title: str, how: str, units: tuple[Unit, ...], problem: Callable[[Unit], str | None], file: str
) -> Check:
    """One gap per unit that ``problem`` finds something wrong with."""
    gaps = []
    for unit in units:
        found = problem(unit)
        if found:
            gaps.append(Gap(unit.name, found, file))
    return Check(title, how, len(units), tuple(gaps))


# --- the course --------------------------------------------------------------------------


def _title(course: Course, files: _Files) -> Check:
    standard, settings = course.standard, course.settings
    problems = []
    if course_title.breaks_word_rule(course.title):
        problems.append(course_title.WORDS_RULE)
    left_out = [
        d.code for d in standard.duties if d.code not in {t.code for t in course.taught.duties}
    ]
    hidden = [t for t in settings.hidden_tasks]
    names = (standard.name, *(c.name for c in standard.category.occupations))
    named = course_title.occupation_named(course.title, names)
    if (left_out or hidden) and named:
        problems.append(
            f"課程沒有教全部的主要職責與工作任務，課程名稱卻用了職業或職務名稱「{named}」"
        )
    return Check(
        "課程名稱符合審查原則",
        "在 title 寫描述所教內容的課程名稱",
        1,
        tuple(Gap(course.title, p, files.settings) for p in problems),
    )


_INFORMATION = (
    ("training_need", "訓練需求", True),
    ("summary", "課程簡介", True),
    ("purpose", "課程目的", True),
    ("audience", "主要對象（參訓資格）", False),
    ("prerequisites", "先備條件（資格條件）", False),
)


def _information(course: Course, files: _Files) -> Check:
    plan = course.custom.plan
    gaps = []
    for key, label, limited in _INFORMATION:
        text = getattr(plan, key)
        if not text:
            gaps.append(Gap(label, f"尚未填寫（{key}）", files.plan))
        elif limited and len(text) > TEXT_LIMIT:
            gaps.append(
                Gap(label, f"{len(text):,} 字，超過上傳字數上限 {TEXT_LIMIT} 字", files.plan)
            )
    return Check(
        "壹、課程資訊",
        "在 training_need、summary、purpose、audience、prerequisites 寫課程資訊"
        f"（前三項各不超過 {TEXT_LIMIT} 字）",
        len(_INFORMATION),
        tuple(gaps),
    )


def _tasks_in_units(course: Course, units: tuple[Unit, ...], files: _Files) -> Check:
    covered = {t.code for u in units for t in u.tasks if u.objectives}
    tasks = list(course.taught.tasks())
    return Check(
        "每個工作任務都有單元目標（表1 → 表3）",
        "把工作任務列入同一個主要職責的某個單元（units 的 tasks），或刪掉該單元的 tasks 讓它教全部",
        len(tasks),
        tuple(Gap(t.code, t.name, files.plan) for t in tasks if t.code not in covered),
    )


def _indicators_quoted(course: Course, units: tuple[Unit, ...], files: _Files) -> Check:
    quoted = {p.code for u in units for p in u.indicators}
    indicators = list(course.taught.indicators())
    return Check(
        "每項行為指標都由單元引用（表3 對應行為指標）",
        "把行為指標加進教它的單元（units 的 indicators），或刪掉 indicators 讓單元引用全部",
        len(indicators),
        tuple(Gap(p.code, p.text, files.plan) for p in indicators if p.code not in quoted),
    )


def _hours(course: Course, units: tuple[Unit, ...], files: _Files) -> Check:
    """壹 = Σ 表2 modules = Σ 表4 units; each unit's outline = 60 × its hours."""
    gaps = []
    for duty in course.taught.duties:
        own = [u for u in units if u.module.code == duty.code]
        hours = course.settings.hours_of(duty.code)
        sums = [u.hours for u in own]
        if hours is None:
            gaps.append(Gap(duty.code, "沒有模組時數（hours）", files.settings))
        elif None not in sums and sum(h for h in sums if h is not None) != hours:
            total = sum(h for h in sums if h is not None)
            gaps.append(
                Gap(
                    duty.code,
                    f"模組時數 {hours_text(hours)}，其單元時數合計 {hours_text(total)}",
                    files.plan,
                )
            )
    alone = {d.code for d in course.taught.duties if [u.module for u in units].count(d) == 1}
    for unit in units:
        if unit.hours is None and unit.module.code in alone:
            continue  # the module's own hours are its one unit's: missing above
        if unit.hours is None:
            gaps.append(Gap(unit.name, "沒有單元時數（hours）", files.plan))
        elif unit.outline and unit.outline_minutes != round(unit.hours * 60):
            gaps.append(
                Gap(
                    unit.name,
                    f"課程大綱合計 {unit.outline_minutes} 分鐘，單元時數 {hours_text(unit.hours)}"
                    f"應為 {round(unit.hours * 60)} 分鐘",
                    files.plan,
                )
            )
    return Check(
        "時數相符（壹 = 表2 = 表4，大綱分鐘 = 60 × 時數）",
        "讓 course.yml 的模組時數等於其單元時數的合計，單元大綱的分鐘數合計等於 60 × 單元時數",
        len(course.taught.duties) + len(units),
        tuple(gaps),
    )


# --- per unit -------------------------------------------------------------------------------


def _codes(codes: Iterable[str]) -> str:
    return "、".join(codes)


def _outline_problem(unit: Unit) -> str | None:
    if not unit.outline:
        return "沒有課程大綱（outline）"
    covered = {code for block in unit.outline for code in block.covers}
    uncovered = [i.code for i in (*unit.knowledge, *unit.skills) if i.code not in covered]
    if uncovered:
        return f"大綱沒有涵蓋 {_codes(uncovered)}"
    if unit.needs_doing and not any(block.mode == "實作" for block in unit.outline):
        return "單元目標需要實際操作，大綱卻沒有實作時段（mode: 實作）"
    return None


def _outlines(units: tuple[Unit, ...], files: _Files) -> Check:
    return _units_check(
        "課程大綱涵蓋單元的知識與技能（表4）",
        "在單元的 outline 寫時間區塊、活動與涵蓋的知識技能代碼（covers），需要操作的單元加實作時段",
        units,
        _outline_problem,
        files.plan,
    )


def _methods_problem(unit: Unit) -> str | None:
    if not unit.methods:
        return "沒有教學方法（methods）"
    others = [m for m in unit.methods if m.startswith(f"{OTHER}：")]
    if all(m in unit.methods for m in METHODS) and others:
        return "八項教學方法全部勾選：請只勾選實際使用的 2 到 4 項"
    if unit.needs_doing and not any(m in unit.methods for m in PRACTICE_METHODS):
        return "單元目標需要實際操作，教學方法卻沒有演練、示範或案例教學"
    return None


def _methods(units: tuple[Unit, ...], files: _Files) -> Check:
    return _units_check(
        "教學方法符合目標（表5）",
        "在單元的 methods 勾選實際使用的方法（約 2 到 4 項）；需要操作的目標要有演練、示範或案例",
        units,
        _methods_problem,
        files.plan,
    )


def _resources_problem(unit: Unit) -> str | None:
    missing = [
        what
        for what, found in (
            ("教材（materials 或 resources.yml）", unit.materials),
            ("教具／設備（equipment）", unit.equipment),
        )
        if not found
    ]
    return f"沒有{'與'.join(missing)}" if missing else None


def _resources(units: tuple[Unit, ...], files: _Files) -> Check:
    return _units_check(
        "教材與教具設備（表6）",
        "在單元的 materials 寫教材名稱與數量（或在 resources.yml 加資源），在 equipment 勾選設備",
        units,
        _resources_problem,
        files.plan,
    )


def _assessment_problem(unit: Unit) -> str | None:
    if not unit.assessment_tools:
        return "沒有評量工具（assessment.tools）"
    if not unit.assessment_methods:
        return "沒有評量方式（assessment.methods）"
    if unit.needs_doing and HANDS_ON not in unit.assessment_methods:
        return "單元目標需要實際操作，評量卻只有紙筆或口頭方式：請加實作評量（5.1.1）"
    if unit.needs_doing and CHECKLIST not in unit.assessment_tools:
        return "實作評量需要有評分標準的工具：請加檢核表（5.1.2）"
    return None


def _assessment(units: tuple[Unit, ...], files: _Files) -> Check:
    return _units_check(
        "評量方式符合目標（表8，5.1.1）",
        "在單元的 assessment 寫評量方式與工具；需要操作的目標要有實作評量與檢核表",
        units,
        _assessment_problem,
        files.plan,
    )


def _staff_problem(unit: Unit) -> str | None:
    missing = [
        label
        for label, text in (("授課教師", unit.staff.instructor), ("評量人員", unit.staff.assessor))
        if not text
    ]
    return f"沒有{'與'.join(missing)}的資格條件（staff）" if missing else None


def _staff(units: tuple[Unit, ...], files: _Files) -> Check:
    return _units_check(
        "師資條件（表7）",
        "在單元的 staff 寫授課教師與評量人員的資格條件（職稱、年資、專長，不寫姓名）",
        units,
        _staff_problem,
        files.plan,
    )


# A unit code at the start of a name (「M1-1」「1.1」「單元一」), compared by its shape.
_UNIT_CODE = re.compile(
    r"^(?:[A-Za-z]+\s*)?[0-9０-９]+(?:[-－.．_][0-9０-９]+)*|^單元[一二三四五六七八九十百]+"
)


def _name_key(name: str) -> str:
    """A name as a reader would take it: full and half width, spaces and dashes alike."""
    folded = unicodedata.normalize("NFKC", name)
    return re.sub(r"[\s\-‐‑‒–—―－]+", "", folded)


def _code_shape(name: str) -> str | None:
    found = _UNIT_CODE.match(name.strip())
    if not found:
        return None
    return re.sub(r"[0-9０-９]+", "9", re.sub(r"[一二三四五六七八九十百]+", "一", found.group()))


def _unit_names(units: tuple[Unit, ...], files: _Files) -> Check:
    """Names are the only key of 表3–表11: one spelling, one code form, no two alike."""
    gaps = []
    seen: dict[str, str] = {}
    shapes = {shape for u in units if (shape := _code_shape(u.name))}
    for unit in units:
        name = unit.name
        other = seen.setdefault(_name_key(name), name)
        if name != name.strip() or "  " in name:
            gaps.append(Gap(name, "名稱前後或中間有多餘的空格", files.plan))
        elif other != name or [u.name for u in units].count(name) > 1:
            gaps.append(
                Gap(name, f"與單元「{other}」只差在全形半形、空格或破折號，或完全相同", files.plan)
            )
        elif len(shapes) > 1 or (shapes and _code_shape(name) is None):
            gaps.append(
                Gap(name, "單元代碼的寫法與其他單元不同（請統一，例如都寫 1.1）", files.plan)
            )
    return Check(
        "單元名稱一致（表2–表11）",
        "在單元的 name 寫每個單元唯一的名稱，代碼格式統一",
        len(units),
        tuple(gaps),
    )


def _completion(course: Course, files: _Files) -> Check:
    gaps = []
    criteria = completion_criteria(course)
    if not any(c.text for c in criteria):
        gaps.append(Gap("表12", "沒有勾選任何結訓標準", files.plan))
    if course.custom.plan.completion is None or course.custom.plan.completion.written is None:
        quiz = final_quiz_guess(course)
        if quiz.probability > GUESS_LIMIT:
            gaps.append(
                Gap(
                    "總測驗",
                    f"只有 {quiz.questions} 題，盲猜達到 {quiz.pass_mark} 分的機率是 "
                    f"{percent_text(quiz.probability)}（超過 1%），不能作為學科結訓標準："
                    "請以術科（觀察評量檢核表）為結訓標準，或增加題數",
                    files.plan,
                )
            )
    return Check(
        "結訓標準（表12）",
        "在 completion 寫具體的結訓標準（例如「總測驗 70 分以上」「檢核表各項均達成」）",
        1,
        tuple(gaps),
    )
