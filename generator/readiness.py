"""How ready a course is to teach: what the trainer has still to write, and where.

Like a build log for a developer, the report lists every gap with the file to edit: knowledge
and skills without a learning resource, tasks without a practice scenario, modules without an
introduction or hours, and indicators assessed by neither a quiz question nor a checklist.
Pure: the course as loaded in, the report out; ``coursegen status`` and the trainer's page
``readiness.md`` print it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.certification.checks import certification_checks
from generator.course import INTRO, PRACTICE, SETTINGS_FILE, Course
from generator.gaps import Check, Gap, check, percent
from generator.model import Item
from generator.project import OVERRIDES, QUIZZES
from generator.render.kit import checklists_page
from generator.resources import RESOURCES_FILE


@dataclass(frozen=True)
class Report:
    code: str
    name: str
    checks: tuple[Check, ...]
    # What iCAP's reviewers would find in the course planning report (certification.checks):
    # apart from the readiness to teach, and counted apart.
    certification: tuple[Check, ...] = ()

    @property
    def done(self) -> int:
        return sum(c.done for c in self.checks)

    @property
    def total(self) -> int:
        return sum(c.total for c in self.checks)

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)


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
        certification_checks(course),
    )


def _resources(course: Course, folder: str) -> Check:
    standard = course.taught
    served = {code for r in course.custom.resources for code in r.serves}
    items: tuple[Item, ...] = (*standard.knowledge, *standard.skills)
    return check(
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
    return check(
        "工作任務的練習情境",
        f"在單元補充檔加一段「## 工作任務代碼 {PRACTICE}」（例如「## T1.1 {PRACTICE}」），"
        "寫練習的情境與材料",
        ((t.code, t.name) for _, t in own),
        lambda code: bool(course.custom.additions(duty_of[code]).scenario(code)),
        lambda code: f"{folder}/{duty_of[code]}.md",
    )


def _intros(course: Course, folder: str) -> Check:
    return check(
        "單元導入",
        f"在單元補充檔的「## {INTRO}」段落，寫這個單元從什麼工作情境開始",
        ((d.code, d.name) for d in course.taught.duties),
        lambda code: bool(course.custom.additions(code).intro),
        lambda code: f"{folder}/{code}.md",
    )


def _hours(course: Course, folder: str) -> Check:
    return check(
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
    return check(
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
    lines += _checks_text(report.checks, lambda gap: f"缺 {gap.code} {gap.name}")
    if report.certification:
        failing = sum(bool(c.gaps) for c in report.certification)
        lines += [
            "",
            f"iCAP 課程認證檢查（職能導向課程規劃與執行報告書）：{len(report.certification)} 項"
            f"檢查，{failing} 項未通過",
        ]
        lines += _checks_text(report.certification, lambda gap: f"{gap.code}：{gap.name}")
    return "\n".join(lines) + "\n"


def _checks_text(checks: tuple[Check, ...], gap_text: Callable[[Gap], str]) -> list[str]:
    lines = []
    for found in checks:
        lines += ["", f"{found.title}：{found.done}／{found.total}（{found.percent}%）"]
        if found.gaps:
            lines.append(f"  怎麼補：{found.how}。")
        for file, gaps in found.by_file():
            lines.append(f"  {file}：")
            lines += [f"    {gap_text(gap)}" for gap in gaps]
    return lines
