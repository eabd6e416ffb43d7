"""Course -> iCAP's 職能導向課程規劃與執行報告書, filled in from the standard and trainer's files.

The report keeps the official template's order, titles, columns and checkbox lists (封面, 壹,
貳 表1–表12, 參). What the standard says (表1, the indicators, K and S of 表3) is copied from it
word for word; what the trainer wrote comes from ``course.yml``, ``plan.yml`` and the course's
resources; what only the training institution can give (its staff, its pilot class, dates,
evidence) is a visible marked blank, and so is anything the trainer has not written yet.
Pure: the course in, a ``Document`` out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from generator.certification.document import (
    Cell,
    Document,
    Heading,
    Mark,
    Paragraph,
    Run,
    Table,
    Text,
    box,
    cell,
    head,
    para,
)
from generator.certification.plan import (
    ASSESSMENT_METHODS,
    ASSESSMENT_TOOLS,
    EQUIPMENT,
    METHODS,
    OTHER,
    PLAN_FILE,
    other_description,
    task_indicators,
)
from generator.certification.units import Unit, course_units
from generator.course import SETTINGS_FILE, Course
from generator.model import Item, LevelRow, Standard, Task, level_range
from generator.quiz.audit import guess_pass_probability
from generator.render.quiz import final_questions

TITLE = "職能導向課程規劃與執行報告書"
AGENCY = "勞動部勞動力發展署"
INSTITUTION = Run("（待辦訓單位填寫）", Mark.INSTITUTION)
GUESS_LIMIT = Fraction(1, 100)  # a 結訓 quiz a blind guesser passes more often is no criterion

# The tables' titles and column headers, exactly as the template writes them.
TABLE_TITLES = (
    "表1　本課程之職能表",
    "表2　課程地圖",
    "表3　教學訓練目標與職能內涵",
    "表4　課程內容",
    "表5　教學方法",
    "表6　教材與教學資源",
    "表7　師資條件",
    "表8　學習成果評量方式",
    "表9　實際執行人員資格",
    "表10　試辦班的執行成果",
    "表11　學習成果證據",
    "表12　課程結訓標準*3",
)
UNIT_NAME = "課程(單元)名稱"
STAFF_COLUMNS = ("授課教師", "評量人員", "課程協助人員")


def missing(where: str) -> Run:
    """A blank the trainer can fill: 「（尚未填寫：plan.yml 的 summary）」."""
    return Run(f"（尚未填寫：{where}）", Mark.MISSING)


def icap_report(course: Course) -> Document:
    units = course_units(course)
    return Document(
        f"{course.title}：{TITLE}",
        (
            Text(para(AGENCY), "subtitle"),
            Text(para(TITLE), "title"),
            _cover(course),
            Text(
                para(
                    "註：本報告書格式僅供課程使用，iCAP課程認證申請格式請依職能發展應用平台"
                    "（簡稱iCAP平台）線上申請系統為準"
                ),
                "note",
            ),
            Heading("壹、課程資訊", 1),
            _course_information(course, units),
            Heading("貳、課程規劃內容", 1),
            Heading("1、分析階段", 2),
            _competencies(course),
            _course_map(course, units),
            Heading("2、設計與發展階段", 2),
            _objectives(course, units),
            _contents(units),
            _methods(units),
            _resources(units),
            _staff_requirements(units),
            _assessment(units),
            Heading("3、實施與評估階段", 2),
            _staff(units),
            Text(para("試辦班結訓資訊"), "body"),
            _pilot(),
            _evidence(units),
            _completion(course),
            Heading("參、課程發展相關佐證資料", 1),
            _evidence_records(course.standard),
        ),
    )


# --- 封面 ---------------------------------------------------------------------------------


def _cover(course: Course) -> Table:
    plan, settings, standard = course.custom.plan, course.settings, course.standard
    title_en = plan.title_en
    english = para(title_en) if title_en else para("（僅發放英文證書時填寫）")
    organization = para(settings.organization) if settings.organization else para(INSTITUTION)
    renewal = ("類別1，與原課程一致", "類別2，課程部分調整", "類別3，職能依據及課程皆部分調整")
    return Table(
        "cover",
        None,
        (2, 1.2, 6.8),
        (
            (head("申請日期："), cell(para("（免填）"), colspan=2)),
            (head("申請案號："), cell(para("（免填）"), colspan=2)),
            (head("課程名稱：", rowspan=2), head("中文"), cell(para(course.title))),
            (head("英文"), cell(english)),
            (
                head("職能依據："),
                cell(
                    box("職能基準", True),
                    box("職能單元", False),
                    box("自行職能分析", False),
                    para(f"依據：{_standard_reference(standard)}"),
                    colspan=2,
                ),
            ),
            (
                head("類型："),
                cell(
                    box("新申請", False),
                    box("展延", False),
                    *(box(label, False, indent=1) for label in renewal),
                    box("變更", False),
                    box("變更項目：", False, indent=1),
                    para(INSTITUTION),
                    colspan=2,
                ),
            ),
            (head("申請單位：", rowspan=2), head("中文"), cell(organization)),
            (head("英文"), cell(para(INSTITUTION))),
            (head("協力單位："), cell(para(INSTITUTION), colspan=2)),
            (
                head("辦訓期間："),
                cell(para("年　月　日至　年　月　日"), para(INSTITUTION), colspan=2),
            ),
        ),
        header_rows=0,
        caption="封面",
    )


def _standard_reference(standard: Standard) -> str:
    """「職能基準 KPS5220-005v2 小型汽車售後服務接待助理（V2，2025-12-15）」."""
    current = next((v for v in standard.versions if v.code == standard.code), None)
    version = "，".join(p for p in (current.version, current.date) if p) if current else ""
    return f"職能基準 {standard.code} {standard.name}" + (f"（{version}）" if version else "")


# --- 壹、課程資訊 -----------------------------------------------------------------------------


def _course_information(course: Course, units: tuple[Unit, ...]) -> Table:
    plan = course.custom.plan
    limit = "（上傳字數限1000字）"
    rows = (
        (("訓練需求", limit), plan.training_need, "training_need"),
        (("課程簡介", limit), plan.summary, "summary"),
        (("課程目的", limit), plan.purpose, "purpose"),
    )
    return Table(
        "information",
        None,
        (2, 7),
        (
            *((head(*label), _written(text, key)) for label, text, key in rows),
            (head("課程時數"), cell(para(_total_hours(units)))),
            (head("課程職能級別"), cell(para(_course_level(course.taught)))),
            (head("主要對象", "(參訓資格)"), _written(plan.audience, "audience")),
            (head("先備條件", "(資格條件)"), _written(plan.prerequisites, "prerequisites")),
        ),
        header_rows=0,
        caption="壹、課程資訊",
    )


def _written(text: str | None, key: str) -> Cell:
    if not text:
        return cell(para(missing(f"{PLAN_FILE} 的 {key}")))
    return cell(*_paragraphs(text))


def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    """A trainer's text, a paragraph per line (YAML's block scalars keep the lines)."""
    return tuple(para(line.strip()) for line in text.splitlines() if line.strip())


def hours_text(hours: float) -> str:
    return f"{hours:g} 小時"


def duration_text(minutes: int) -> str:
    """Minutes as the hours and minutes a reviewer reads (100 → 1 小時 40 分鐘), never 1.6667."""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} 小時"] if hours else []) + ([f"{rest} 分鐘"] if rest or not hours else [])
    return " ".join(parts)


def total_hours(units: Iterable[Unit]) -> float | None:
    """Σ of the units' hours, or None while a unit has none."""
    found = [u.hours for u in units]
    return None if None in found else sum(h for h in found if h is not None)


def _total_hours(units: tuple[Unit, ...]) -> str | Run:
    total = total_hours(units)
    if total is None:
        return missing(f"{SETTINGS_FILE} 的 hours 或 {PLAN_FILE} 的單元 hours")
    return hours_text(total)


def level_text(levels: Iterable[int]) -> str:
    """(2,) -> 「2」; (2, 3) -> 「2–3」; none -> 「未定級別」."""
    return level_range(levels) or "未定級別"


def _course_level(taught: Standard) -> str:
    """One level when every task has it; otherwise the highest, the level the course trains
    up to, with the range of its tasks (the template does not say how to derive it)."""
    levels = sorted({level for t in taught.tasks() for level in t.levels})
    if len(levels) <= 1:
        return level_text(levels)
    return f"{levels[-1]}（各工作任務 {level_text(levels)}）"


# --- 表1、表2 --------------------------------------------------------------------------------


def _competencies(course: Course) -> Table:
    """表1: one row per task the course teaches, as the standard states it."""
    taught, plan = course.taught, course.custom.plan
    english = plan.title_en is not None
    rows = []
    for task in taught.tasks():
        name_en = plan.task_name_en(task.code)
        indicators = task_indicators(taught, task.code)
        for row in _level_rows(task):
            rows.append(
                (
                    cell(para(f"{task.code} {task.name}")),
                    cell(_english(name_en, english, f"{PLAN_FILE} 的 task_names_en")),
                    cell(
                        *(
                            para(f"{p.code} {p.text}")
                            for p in indicators
                            if not task.level_rows or p.code in row.indicators
                        )
                    ),
                    cell(para(level_text([row.level] if row.level else []))),
                    cell(*_items(taught.knowledge, row.knowledge)),
                    cell(*_items(taught.skills, row.skills)),
                )
            )
    return Table(
        "table-1",
        TABLE_TITLES[0],
        (3, 1.5, 6, 1.3, 3, 3),
        (
            (
                head("工作任務_中文"),
                head("工作任務_英文*1"),
                head("對應之行為指標(P)"),
                head("職能級別(L)"),
                head("對應之知識(K)"),
                head("對應之技能(S)"),
            ),
            *rows,
        ),
        notes=("註1：如有發放英文證書，請填寫工作任務英文名稱。",),
    )


def _level_rows(task: Task) -> tuple[LevelRow, ...]:
    """A task's rows in 表1, as the standard writes them: one, or one per level (level 0 for
    a task the standard gives no level)."""
    if task.level_rows:
        return task.level_rows
    return (LevelRow(task.level or 0, (), task.knowledge, task.skills),)


def _english(text: str | None, wanted: bool, where: str) -> Paragraph:
    """An English name: given, still to write (the course has an English title), or none."""
    if text:
        return para(text)
    return para(missing(where)) if wanted else para()


def _items(items: tuple[Item, ...], codes: Iterable[str]) -> tuple[Paragraph, ...]:
    wanted = set(codes)
    return tuple(para(f"{i.code} {i.name}") for i in items if i.code in wanted)


def _course_map(course: Course, units: tuple[Unit, ...]) -> Table:
    """表2: modules in teaching order, their units, tasks and hours (the template leaves one
    free cell for a map; a table of it is what reviewers check the hours against)."""
    rows: list[tuple[Cell, ...]] = []
    for duty in course.taught.duties:
        own = [u for u in units if u.module.code == duty.code]
        hours = total_hours(own)
        for n, unit in enumerate(own):
            module = (
                (
                    cell(para(duty.label), rowspan=len(own)),
                    cell(para(hours_text(hours) if hours is not None else "—"), rowspan=len(own)),
                )
                if n == 0
                else ()
            )
            rows.append(
                (
                    *module,
                    cell(para(unit.name)),
                    cell(para(_unit_hours(unit))),
                    cell(*(para(f"{t.code} {t.name}") for t in unit.tasks)),
                )
            )
    total = total_hours(units)
    rows.append(
        (
            head("合計"),
            cell(para(hours_text(total) if total is not None else _total_hours(units)), colspan=4),
        )
    )
    return Table(
        "table-2",
        TABLE_TITLES[1],
        (3, 1, 3, 1, 4),
        (
            (
                head("模組（主要職責）"),
                head("模組時數"),
                head(UNIT_NAME),
                head("單元時數"),
                head("工作任務"),
            ),
            *rows,
        ),
    )


def _unit_hours(unit: Unit) -> str | Run:
    if unit.hours is None:
        return missing(f"{PLAN_FILE} 的單元 hours")
    return hours_text(unit.hours)


# --- 表3–表8 ---------------------------------------------------------------------------------


def _objective_paragraphs(unit: Unit) -> tuple[Paragraph, ...]:
    return tuple(para(text) for text in unit.objectives) or (para(missing("單元沒有工作任務")),)


def _objectives(course: Course, units: tuple[Unit, ...]) -> Table:
    english = course.custom.plan.title_en is not None
    rows = tuple(
        (
            cell(para(u.name)),
            cell(_english(u.name_en, english, f"{PLAN_FILE} 的單元 name_en")),
            cell(para(level_text(u.levels))),
            cell(*_objective_paragraphs(u)),
            cell(*(para(f"{p.code} {p.text}") for p in u.indicators)),
            cell(*(para(f"{i.code} {i.name}") for i in u.knowledge)),
            cell(*(para(f"{i.code} {i.name}") for i in u.skills)),
        )
        for u in units
    )
    return Table(
        "table-3",
        TABLE_TITLES[2],
        (2.5, 1.5, 1.3, 4, 6, 3, 3),
        (
            (
                head(f"{UNIT_NAME}_中文"),
                head(f"{UNIT_NAME}_英文*2"),
                head("課程(單元)職能級別"),
                head("教學／訓練目標"),
                head("對應行為指標"),
                head("對應之知識(K)"),
                head("對應之技能(S)"),
            ),
            *rows,
        ),
        notes=("註2：如有發放英文證書，請填寫課程單元英文名稱。",),
    )


def _contents(units: tuple[Unit, ...]) -> Table:
    rows = tuple(
        (cell(para(u.name)), cell(*_hours_paragraphs(u)), cell(*_outline(u))) for u in units
    )
    return Table(
        "table-4",
        TABLE_TITLES[3],
        (3, 2, 8),
        ((head(UNIT_NAME), head("課程時數"), head("課程大綱內容")), *rows),
    )


def _hours_paragraphs(unit: Unit) -> tuple[Paragraph, ...]:
    found = [para(_unit_hours(unit))]
    for mode in ("實作", "線上"):
        minutes = sum(b.minutes for b in unit.outline if b.mode == mode)
        if minutes:
            found.append(para(f"（含{mode} {duration_text(minutes)}）"))
    return tuple(found)


def _outline(unit: Unit) -> tuple[Paragraph, ...]:
    if not unit.outline:
        return (para(missing(f"{PLAN_FILE} 的單元 outline")),)
    lines = []
    for block in unit.outline:
        mode = "" if block.mode == "課堂" else f"【{block.mode}】"
        covers = f"（{'、'.join(block.covers)}）" if block.covers else ""
        lines.append(para(f"{block.minutes} 分鐘　{mode}{block.activity}{covers}"))
    lines.append(para(f"合計 {unit.outline_minutes} 分鐘"))
    return tuple(lines)


def _boxes(chosen: tuple[str, ...], labels: tuple[str, ...]) -> tuple[Paragraph, ...]:
    """The template's checkbox list with the chosen ones ticked; 「其他：」 with what it is."""
    others = [d for d in (other_description(c) for c in chosen) if d]
    return (
        *(box(label, label in chosen) for label in labels),
        box(f"{OTHER}：{'、'.join(others)}", bool(others)),
    )


def _ticks(chosen: tuple[str, ...], labels: tuple[str, ...], where: str) -> Cell:
    blank = () if chosen else (para(missing(where)),)
    return cell(*_boxes(chosen, labels), *blank)


def _methods(units: tuple[Unit, ...]) -> Table:
    rows = tuple(
        (
            cell(para(u.name)),
            cell(*_objective_paragraphs(u)),
            _ticks(u.methods, METHODS, f"{PLAN_FILE} 的單元 methods"),
        )
        for u in units
    )
    return Table(
        "table-5",
        TABLE_TITLES[4],
        (3, 6, 3),
        ((head(UNIT_NAME), head("教學/訓練目標"), head("教學方法")), *rows),
    )


def _resources(units: tuple[Unit, ...]) -> Table:
    rows = tuple(
        (
            cell(para(u.name)),
            cell(*(para(m) for m in u.materials))
            if u.materials
            else cell(para(missing(f"{PLAN_FILE} 的單元 materials 或 resources.yml"))),
            _ticks(u.equipment, EQUIPMENT, f"{PLAN_FILE} 的單元 equipment"),
        )
        for u in units
    )
    return Table(
        "table-6",
        TABLE_TITLES[5],
        (3, 6, 3),
        ((head(UNIT_NAME), head("教材"), head("教具/設備")), *rows),
    )


def _staff_requirements(units: tuple[Unit, ...]) -> Table:
    """表7: requirements, not names; a requirement shared by adjacent units is one cell
    spanning their rows, as in the template's sample."""
    columns = [
        [(u.staff.instructor, "instructor") for u in units],
        [(u.staff.assessor, "assessor") for u in units],
        [(u.staff.assistant, "assistant") for u in units],
    ]
    spans = [_spans([text for text, _ in column]) for column in columns]
    rows = []
    for i, unit in enumerate(units):
        row = [cell(para(unit.name))]
        for column, span in zip(columns, spans, strict=True):
            text, key = column[i]
            if span[i]:
                content = para(text) if text else para(missing(f"{PLAN_FILE} 的單元 staff.{key}"))
                row.append(cell(content, rowspan=span[i]))
        rows.append(tuple(row))
    return Table(
        "table-7",
        TABLE_TITLES[6],
        (3, 3, 3, 3),
        ((head(UNIT_NAME), *(head(c) for c in STAFF_COLUMNS)), *rows),
    )


def _spans(values: list[str | None]) -> list[int]:
    """Rows each value's cell spans: equal written neighbours merge; 0 for a covered row."""
    spans = [1] * len(values)
    start = 0
    for i in range(1, len(values) + 1):
        if i < len(values) and values[i] is not None and values[i] == values[start]:
            spans[start] += 1
            spans[i] = 0
        else:
            start = i
    return spans


def _assessment(units: tuple[Unit, ...]) -> Table:
    rows = tuple(
        (
            cell(para(u.name)),
            _ticks(u.assessment_methods, ASSESSMENT_METHODS, f"{PLAN_FILE} 的 assessment.methods"),
            _ticks(u.assessment_tools, ASSESSMENT_TOOLS, f"{PLAN_FILE} 的 assessment.tools"),
        )
        for u in units
    )
    return Table(
        "table-8",
        TABLE_TITLES[7],
        (3, 4, 4),
        ((head(UNIT_NAME), head("評量方式"), head("相對應的評量工具")), *rows),
    )


# --- 表9–表12 --------------------------------------------------------------------------------


def _staff(units: tuple[Unit, ...]) -> Table:
    person = cell(para("姓名：", INSTITUTION), para("資格：", INSTITUTION))
    return Table(
        "table-9",
        TABLE_TITLES[8],
        (3, 3, 3, 3),
        (
            (head(UNIT_NAME), *(head(c) for c in STAFF_COLUMNS)),
            *((cell(para(u.name)), person, person, person) for u in units),
        ),
    )


def _pilot() -> Table:
    date = cell(para("年　月　日"), para(INSTITUTION))
    number = cell(para(INSTITUTION))
    return Table(
        "table-10",
        TABLE_TITLES[9],
        (2, 2, 2, 2, 3),
        (
            (
                head("辦訓期間_起"),
                head("辦訓期間_訖"),
                head("參訓人數", "（填數字）"),
                head("完訓人數", "（填數字）"),
                head("結訓人數", "（符合iCAP結訓標準）", "（填數字）"),
            ),
            (date, date, number, number, number),
        ),
    )


def _evidence(units: tuple[Unit, ...]) -> Table:
    rows = tuple(
        (
            cell(para(u.name)),
            cell(
                *(para(item) for item in u.evidence),
                para(Run("（實際份數與上傳檔案：待辦訓單位填寫）", Mark.INSTITUTION)),
            ),
        )
        for u in units
    )
    return Table(
        "table-11",
        TABLE_TITLES[10],
        (3, 9),
        ((head(UNIT_NAME), head("學習成果證據項目")), *rows),
    )


@dataclass(frozen=True)
class Criterion:
    """One row of 表12: passed (「通過」), or a criterion written out (「其他：…」)."""

    text: str | None
    proposed: bool = False  # the generator's proposal, from what the course has


def completion_criteria(course: Course) -> tuple[Criterion, Criterion, Criterion, Criterion]:
    """表12's rows (各階段評量, 學科, 術科, 其他): the trainer's, or a proposal from the quiz
    pass mark and the observation checklists."""
    written = course.custom.plan.completion
    if written is not None:
        return (
            Criterion(written.stages),
            Criterion(written.written),
            Criterion(written.practical),
            Criterion(written.other),
        )
    tasks = len(list(course.taught.tasks()))
    practical = Criterion(
        f"觀察評量檢核表（{tasks} 個工作任務）的每一項行為指標與工作產出均評為「達成」", True
    )
    quiz = final_quiz_guess(course)
    if quiz.probability > GUESS_LIMIT:
        return Criterion(None), Criterion(None), practical, Criterion(None)
    pass_mark = course.settings.pass_mark
    return (
        Criterion(None),
        Criterion(f"總測驗（{quiz.questions} 題）達 {pass_mark} 分以上", True),
        practical,
        Criterion(None),
    )


@dataclass(frozen=True)
class QuizGuess:
    questions: int
    pass_mark: int
    probability: Fraction  # that a blind guesser passes


def final_quiz_guess(course: Course) -> QuizGuess:
    questions = final_questions(course)
    pass_mark = course.settings.pass_mark
    return QuizGuess(len(questions), pass_mark, guess_pass_probability(questions, pass_mark))


def percent_text(probability: Fraction) -> str:
    """1/4 -> 「25%」; 1/3000 -> 「0.03%」."""
    value = float(probability) * 100
    return f"{value:.2g}%" if value < 1 else f"{value:.0f}%"


def _completion(course: Course) -> Table:
    criteria = completion_criteria(course)
    labels = ("各階段評量", "學科", "術科", "其他")
    rows = []
    for n, (label, criterion) in enumerate(zip(labels, criteria, strict=True)):
        text = criterion.text
        passed = text == "通過"
        written = text if text and not passed else ""
        boxes = [box(f"{OTHER}：{written}", bool(written))]
        if n < 3:
            boxes.insert(0, box("通過", passed))
        rows.append((head(label), cell(*boxes)))
    notes = ["註3：至少勾選一個結訓標準。"]
    if course.custom.plan.completion is None:
        notes.append(_proposal_note(course))
    return Table(
        "table-12", TABLE_TITLES[11], (2, 9), tuple(rows), header_rows=0, notes=tuple(notes)
    )


def _proposal_note(course: Course) -> str:
    quiz = final_quiz_guess(course)
    note = (
        "以上為 coursegen 依課程的測驗及格分數與觀察評量檢核表提出的建議，"
        f"請辦訓單位確認後填寫（{PLAN_FILE} 的 completion）。"
    )
    if quiz.probability > GUESS_LIMIT:
        note += (
            f"總測驗只有 {quiz.questions} 題，不懂這份工作的學員盲猜也有 "
            f"{percent_text(quiz.probability)} 的機率達到 {quiz.pass_mark} 分，"
            "不宜作為學科結訓標準；"
            "建議以術科（觀察評量檢核表）為結訓標準。"
        )
    return note


# --- 參 ---------------------------------------------------------------------------------------


def _evidence_records(standard: Standard) -> Table:
    blank = cell(para(INSTITUTION))
    phases = (
        (
            "A分析",
            ("1.1職能依據", "1.2課程地圖"),
            ("職能分析文件", f"（{_standard_reference(standard)}）"),
        ),
        (
            "D設計\nD發展",
            ("2.1教學／訓練目標", "2.2課程內容", "3.1教學方法", "3.2教材與教學資源"),
            ("課程教材", "實際執行人員資格佐證文件"),
        ),
        ("I執行", ("4.1課程辦理",), ("招生簡章", "滿意度調查", "課程實施紀錄")),
        (
            "E評估",
            ("5.1學習成果評量", "5.2學習成果證據", "5.3管控評估"),
            ("學員名單及成績總表", "評量工具及評分標準", "學習成果證據", "管控機制佐證文件"),
        ),
    )
    rows = [
        (
            cell(*(para(line) for line in phase.split("\n"))),
            cell(*(para(i) for i in indicators)),
            blank,
            cell(*(para(e) for e in evidence)),
        )
        for phase, indicators, evidence in phases
    ]
    rows.append((cell(), cell(), blank, cell(para("利益關係人參與紀錄"))))
    return Table(
        "evidence",
        None,
        (2, 4, 4, 4),
        (
            (head("階段"), head("指標"), head("利益關係人參與紀錄*5"), head("佐證資料*6")),
            *rows,
        ),
        notes=(
            "註5：利益關係人參與紀錄次數視課程發展需求而定，不論次數整合為一份檔案上傳。",
            "註6：系統所上傳佐證資料。",
        ),
        caption="參、課程發展相關佐證資料",
    )
