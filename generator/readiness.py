"""How ready a course is to teach: what the trainer has still to write, and where.

Like a build log for a developer, the report lists every gap with the file to edit: knowledge
and skills without a learning resource, tasks without a practice scenario, modules without an
introduction or hours, and indicators assessed by neither a quiz question nor a checklist.
Pure: the course as loaded in, the report out; ``coursegen status`` and the trainer's page
``readiness.md`` print it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.course import INTRO, PRACTICE, SETTINGS_FILE, Course
from generator.model import Item
from generator.project import OVERRIDES, QUIZZES
from generator.render.kit import checklists_page
from generator.resources import RESOURCES_FILE


@dataclass(frozen=True)
class Gap:
    code: str
    name: str
    file: str  # the file to edit, from the project folder


@dataclass(frozen=True)
class Check:
    title: str
    how: str  # what to write in the files to fill a gap
    total: int
    gaps: tuple[Gap, ...]

    def by_file(self) -> tuple[tuple[str, tuple[Gap, ...]], ...]:
        """The gaps grouped by the file to edit, in order of first appearance."""
        files: dict[str, list[Gap]] = {}
        for gap in self.gaps:
            files.setdefault(gap.file, []).append(gap)
        return tuple((file, tuple(gaps)) for file, gaps in files.items())

    @property
    def done(self) -> int:
        return self.total - len(self.gaps)

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)


@dataclass(frozen=True)
class Report:
    code: str
    name: str
    checks: tuple[Check, ...]

    @property
    def done(self) -> int:
        return sum(c.done for c in self.checks)

    @property
    def total(self) -> int:
        return sum(c.total for c in self.checks)

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)


def percent(done: int, total: int) -> int:
    """Whole percent, rounded down (99.6 % is not ready), 100 for nothing to do."""
    return 100 if total == 0 else done * 100 // total


def readiness(course: Course) -> Report:
    standard = course.taught
    folder = f"{OVERRIDES}/{standard.code}"
    return Report(
        standard.code,
        course.title,
        (
            _resources(course, folder),
            _scenarios(course, folder),
            _intros(course, folder),
            _hours(course, folder),
            _indicators(course),
        ),
    )


def _check(
    title: str,
    how: str,
    things: Iterable[tuple[str, str]],
    ready: Callable[[str], bool],
    file: Callable[[str], str],
) -> Check:
    """``things`` (code, name) checked by ``ready``; each gap names the file to edit."""
    listed = list(things)
    gaps = tuple(Gap(code, name, file(code)) for code, name in listed if not ready(code))
    return Check(title, how, len(listed), gaps)


def _resources(course: Course, folder: str) -> Check:
    standard = course.taught
    served = {code for r in course.custom.resources for code in r.serves}
    items: tuple[Item, ...] = (*standard.knowledge, *standard.skills)
    return _check(
        "知識與技能的學習資源",
        "加一項資源（title、kind、url 或 file），在 serves 寫上它服務的知識或技能代碼",
        ((i.code, i.name) for i in items),
        lambda code: code in served,
        lambda _: f"{folder}/{RESOURCES_FILE}",
    )


def _scenarios(course: Course, folder: str) -> Check:
    standard = course.taught
    own = [(d.code, t) for d in standard.duties for t in d.tasks if t.shares_with is None]
    duty_of = {t.code: d for d, t in own}
    return _check(
        "工作任務的練習情境",
        f"在單元補充檔加一段「## 工作任務代碼 {PRACTICE}」（例如「## T1.1 {PRACTICE}」），"
        "寫練習的情境與材料",
        ((t.code, t.name) for _, t in own),
        lambda code: bool(course.custom.additions(duty_of[code]).scenario(code)),
        lambda code: f"{folder}/{duty_of[code]}.md",
    )


def _intros(course: Course, folder: str) -> Check:
    return _check(
        "單元導入",
        f"在單元補充檔的「## {INTRO}」段落，寫這個單元從什麼工作情境開始",
        ((d.code, d.name) for d in course.taught.duties),
        lambda code: bool(course.custom.additions(code).intro),
        lambda code: f"{folder}/{code}.md",
    )


def _hours(course: Course, folder: str) -> Check:
    return _check(
        "單元時數",
        "在 hours 下為每個單元寫上時數，例如「T1: 3」",
        ((d.code, d.name) for d in course.taught.duties),
        lambda code: course.settings.hours_of(code) is not None,
        lambda _: f"{folder}/{SETTINGS_FILE}",
    )


def _indicators(course: Course) -> Check:
    """Indicators that no question assesses (its recorded ``assesses``) and no checklist holds."""
    standard = course.taught
    quizzed = {code for q in course.bank.questions for code in q.assesses}
    observed = {p.code for c in checklists_page(course).checklists for p in c.indicators}
    return _check(
        "行為指標的評量（測驗或檢核表）",
        "在 add 下加一題 assesses 列出這項行為指標代碼的題目",
        ((p.code, p.text) for p in standard.indicators()),
        lambda code: code in quizzed or code in observed,
        lambda _: f"{QUIZZES}/{standard.code}.yaml",
    )


def report_text(report: Report) -> str:
    """The report as ``coursegen status`` prints it."""
    lines = [
        f"{report.code} {report.name}：課程準備完成 {report.percent}%"
        f"（{report.done}／{report.total} 項）"
    ]
    for check in report.checks:
        lines += ["", f"{check.title}：{check.done}／{check.total}（{check.percent}%）"]
        if check.gaps:
            lines.append(f"  怎麼補：{check.how}。")
        for file, gaps in check.by_file():
            lines.append(f"  {file}：")
            lines += [f"    缺 {gap.code} {gap.name}" for gap in gaps]
    return "\n".join(lines) + "\n"
