"""The ODT report as LibreOffice opens it: the template's tables, the standard's text, the
trainer's plan, and a visible mark wherever something is still to be written.

Expected titles, columns and checkbox lists are typed from the official template
(../shared/icap-course-report.md); expected content comes from the standard's YAML and the
example's plan.yml, read with plain PyYAML.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.certification.conftest import EXAMPLE, HIDDEN, Case
from tests.certification.lo_reader import Grid
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

HEADINGS = (
    "壹、課程資訊",
    "貳、課程規劃內容",
    "1、分析階段",
    "2、設計與發展階段",
    "3、實施與評估階段",
    "參、課程發展相關佐證資料",
)
TITLES = (
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
UNIT = "課程(單元)名稱"
STAFF = (UNIT, "授課教師", "評量人員", "課程協助人員")
COLUMNS = {
    "表1　本課程之職能表": (
        "工作任務_中文",
        "工作任務_英文*1",
        "對應之行為指標(P)",
        "職能級別(L)",
        "對應之知識(K)",
        "對應之技能(S)",
    ),
    "表3　教學訓練目標與職能內涵": (
        f"{UNIT}_中文",
        f"{UNIT}_英文*2",
        "課程(單元)職能級別",
        "教學／訓練目標",
        "對應行為指標",
        "對應之知識(K)",
        "對應之技能(S)",
    ),
    "表4　課程內容": (UNIT, "課程時數", "課程大綱內容"),
    "表5　教學方法": (UNIT, "教學/訓練目標", "教學方法"),
    "表6　教材與教學資源": (UNIT, "教材", "教具/設備"),
    "表7　師資條件": STAFF,
    "表8　學習成果評量方式": (UNIT, "評量方式", "相對應的評量工具"),
    "表9　實際執行人員資格": STAFF,
    "表10　試辦班的執行成果": (
        "辦訓期間_起",
        "辦訓期間_訖",
        "參訓人數（填數字）",
        "完訓人數（填數字）",
        "結訓人數（符合iCAP結訓標準）（填數字）",
    ),
    "表11　學習成果證據": (UNIT, "學習成果證據項目"),
    "參、課程發展相關佐證資料": ("階段", "指標", "利益關係人參與紀錄*5", "佐證資料*6"),
}
# (table, column) -> the template's checkbox list, in its order
CHECKBOXES = {
    ("表5　教學方法", 2): (
        "講述教學",
        "討論教學",
        "演練教學",
        "協同教學",
        "專題教學",
        "示範教學",
        "案例教學",
        "其他：",
    ),
    ("表6　教材與教學資源", 2): (
        "電腦設備",
        "投影設備",
        "麥克風",
        "黑/白板",
        "視訊軟體及鏡頭",
        "喇叭",
        "其他：",
    ),
    ("表8　學習成果評量方式", 1): ("測驗", "作業評量", "實作評量", "口頭報告", "無", "其他："),
    ("表8　學習成果評量方式", 2): ("測驗卷", "評量題目", "意見回饋表", "檢核表", "無", "其他："),
}
# tables with one row per unit, and the column that names it
UNIT_TABLES = {title: 0 for title in TITLES[2:9] + TITLES[10:11]} | {"表2　課程地圖": 2}
MISSING, INSTITUTION = "（尚未填寫：", "（待辦訓單位填寫）"


def _body(grid: Grid) -> Grid:
    return grid[1:]


def _lines(cell: str) -> list[str]:
    return [line for line in cell.split("\n") if line]


def _flat(cell: str) -> str:
    return cell.replace("\n", "")


def test_the_report_has_the_template_s_parts_in_order(read_reports: dict[str, Case]) -> None:
    assert len(read_reports) > 20
    for case in read_reports.values():
        assert case.report.headings == HEADINGS, case.name
        assert tuple(t for t in case.report.titles if t.startswith("表")) == TITLES, case.name
        assert case.report.text.startswith("勞動部勞動力發展署\n職能導向課程規劃與執行報告書")


def test_each_table_has_the_template_s_columns(read_reports: dict[str, Case]) -> None:
    for case in read_reports.values():
        for title, columns in COLUMNS.items():
            assert tuple(map(_flat, case.report.tables[title][0])) == columns, (case.name, title)
        rows = [row[0] for row in case.report.tables["表12　課程結訓標準*3"]]
        assert rows == ["各階段評量", "學科", "術科", "其他"], case.name


def _names(source: dict[str, Any], kind: str) -> dict[str, str]:
    return {item["code"]: item["name"] for item in source[kind]}


def _tasks(source: dict[str, Any], hidden: frozenset[str]) -> list[dict[str, Any]]:
    """The taught tasks as a row of iCAP's table states them (docs/standard-format.md): a task
    that ``shares_with`` another has that row's indicators, and its K/S when it lists none; a
    task written in rows of different ``levels`` is a row per level.
    """
    found = []
    for duty in source["duties"]:
        by_code = {t["code"]: t for t in duty["tasks"]}
        for task in (t for t in duty["tasks"] if t["code"] not in hidden):
            first = by_code.get(task.get("shares_with", ""), task)
            for row in task.get("levels", [{}]):
                found.append(
                    task
                    | {
                        "level": row.get("level", task.get("level")),
                        "indicators": [
                            p
                            for p in first.get("indicators", [])
                            if not row or p["code"] in row["indicators"]
                        ],
                        "knowledge": row.get(
                            "knowledge", task.get("knowledge", first.get("knowledge", []))
                        ),
                        "skills": row.get("skills", task.get("skills", first.get("skills", []))),
                    }
                )
    return found


def test_table_1_is_the_standard_word_for_word(read_reports: dict[str, Case]) -> None:
    """Every task the course teaches, with its indicators, level, K and S, as the standard
    writes them."""
    for case in read_reports.values():
        knowledge, skills = _names(case.source, "knowledge"), _names(case.source, "skills")
        tasks = _tasks(case.source, case.hidden)
        rows = _body(case.report.tables[TITLES[0]])
        assert len(rows) == len(tasks), case.name
        for row, task in zip(rows, tasks, strict=True):
            assert row[0] == f"{task['code']} {task['name']}", case.name
            assert _lines(row[2]) == [f"{p['code']} {p['text']}" for p in task["indicators"]]
            level = task["level"]  # null where the standard gives none (「-」)
            assert row[3] == ("未定級別" if level is None else str(level)), case.name
            assert _lines(row[4]) == [f"{k} {knowledge[k]}" for k in task["knowledge"]]
            assert _lines(row[5]) == [f"{s} {skills[s]}" for s in task["skills"]]


def test_unit_names_are_identical_in_every_table(read_reports: dict[str, Case]) -> None:
    for case in read_reports.values():
        tables = case.report.tables
        names = [row[0] for row in _body(tables[TITLES[2]])]
        assert names and all(names), case.name
        for title, column in UNIT_TABLES.items():
            rows = _body(tables[title])
            if title == TITLES[1]:  # 表2 ends with the course's total
                assert rows[-1][0] == "合計", case.name
                rows = rows[:-1]
            assert [row[column] for row in rows] == names, (case.name, title)


def test_table_3_quotes_the_indicators_of_its_units_tasks(read_reports: dict[str, Case]) -> None:
    """Across the units, every indicator of the standard is quoted once, verbatim."""
    for case in read_reports.values():
        quoted = [p for row in _body(case.report.tables[TITLES[2]]) for p in _lines(row[4])]
        expected = [
            f"{p['code']} {p['text']}"
            for duty in case.source["duties"]
            for task in duty["tasks"]
            if task["code"] not in case.hidden
            for p in task.get("indicators", [])  # a row's indicators are on its first task
        ]
        assert sorted(quoted) == sorted(expected), case.name


def test_a_hidden_task_is_in_no_table(read_reports: dict[str, Case]) -> None:
    case = read_reports[f"hidden-{EXAMPLE}"]
    assert case.hidden == {HIDDEN}
    assert f"{HIDDEN} " not in case.report.text
    for title in TITLES[:3]:  # from 表4 on, the trainer's own text may name it
        assert all(HIDDEN not in cell for row in case.report.tables[title] for cell in row)
    indicator = f"P{HIDDEN[1:]}.1"
    assert indicator not in str(case.report.tables) and indicator in str(
        read_reports[f"example-{EXAMPLE}"].report.tables
    )


def test_the_report_prints_from_libreoffice_with_every_table(printed: dict[str, Path]) -> None:
    """The PDF a reviewer gets: pdftotext finds the parts and titles in the template's order."""
    for name, pdf in printed.items():
        text = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
        lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]
        at = 0
        for part in (*HEADINGS[:1], *TITLES, HEADINGS[-1]):
            at = lines.index(re.sub(r"\s+", "", part), at)  # a line of its own, after the last
        pages = text.count("\f")
        assert pages >= 10, name  # A4 pages: the tables are not squeezed onto a few


def test_checkbox_lists_are_the_template_s(read_reports: dict[str, Case]) -> None:
    for case in read_reports.values():
        for (title, column), labels in CHECKBOXES.items():
            for row in _body(case.report.tables[title]):
                boxes = [line for line in _lines(row[column]) if line[0] in "☑□"]
                found = tuple(re.sub("^(其他：).*", r"\1", line[1:]) for line in boxes)
                assert found == labels, (case.name, title)


def test_nothing_is_left_blank_without_a_mark(read_reports: dict[str, Case]) -> None:
    """A cell is filled, or says who fills it; only the optional English columns may be empty
    (and the template's own empty cells: 階段 and 指標 of 參's last row)."""
    optional = {(TITLES[0], 1), (TITLES[2], 1)}
    for case in read_reports.values():
        for title, grid in case.report.tables.items():
            last = len(grid) - 1
            for r, row in enumerate(grid):
                for column, cell in enumerate(row):
                    template_s = title.startswith("參") and r == last and column < 2
                    assert cell or (title, column) in optional or template_s, (case.name, title)


def test_a_course_without_a_plan_is_marked_missing_where_the_trainer_writes(
    read_reports: dict[str, Case],
) -> None:
    bare = [c for c in read_reports.values() if not c.name.startswith(("example", "hidden"))]
    for case in bare:
        tables = case.report.tables
        for title, column in ((TITLES[3], 2), (TITLES[6], 1)):
            assert all(MISSING in row[column] for row in _body(tables[title])), (case.name, title)
        methods = [row[2] for row in _body(tables[TITLES[4]])]
        assert all("☑" not in m and MISSING in m for m in methods), case.name
        for row in _body(tables[TITLES[8]]):  # the pilot's real staff: the institution's
            assert all(cell.count(INSTITUTION) == 2 for cell in row[1:]), case.name


@pytest.fixture
def example(read_reports: dict[str, Case]) -> Case:
    return read_reports[f"example-{EXAMPLE}"]


@pytest.fixture
def plan() -> dict[str, Any]:
    text = (ROOT / "site_overrides" / EXAMPLE / "plan.yml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _hours(text: str) -> float:
    match = re.match(r"([\d.]+) 小時", text)
    assert match, text
    return float(match[1])


def test_the_example_s_hours_add_up(example: Case) -> None:
    tables = example.report.tables
    info = {row[0]: row[1] for row in tables["壹、課程資訊"]}
    total = _hours(info["課程時數"])
    units = [_hours(row[3]) for row in _body(tables[TITLES[1]])[:-1]]  # the last: 合計
    outlined = [_hours(row[1]) for row in _body(tables[TITLES[3]])]
    assert total == sum(units) == sum(outlined) == 18  # course.yml: T1 4, T2 6, T3 4, T4 4
    for row, hours in zip(_body(tables[TITLES[3]]), outlined, strict=True):
        minutes = [int(m) for m in re.findall(r"^(\d+) 分鐘", row[2], re.MULTILINE)]
        assert sum(minutes) == 60 * hours, row[0]
        assert f"合計 {sum(minutes)} 分鐘" in row[2]


def test_the_example_s_tables_say_what_its_plan_says(example: Case, plan: dict[str, Any]) -> None:
    tables = example.report.tables
    units = plan["units"]
    assert [row[0] for row in _body(tables[TITLES[2]])] == [u["name"] for u in units]
    for unit, row in zip(units, _body(tables[TITLES[4]]), strict=True):
        ticked = {line[1:] for line in _lines(row[2]) if line.startswith("☑")}
        # plan.yml may write a method without its 「教學」 (講述 for 講述教學)
        assert ticked == {m if m.endswith("教學") else f"{m}教學" for m in unit["methods"]}
    for unit, row in zip(units, _body(tables[TITLES[5]]), strict=True):
        assert all(material in _lines(row[1]) for material in unit.get("materials", []))
        ticked = {line[1:] for line in _lines(row[2]) if line.startswith("☑")}
        assert ticked == set(unit["equipment"]), unit["name"]
    for unit, row in zip(units, _body(tables[TITLES[6]]), strict=True):
        staff = unit["staff"]
        assert row[1:] == (staff["instructor"], staff["assessor"], staff["assistant"])
    completion = {row[0]: row[1] for row in tables[TITLES[11]]}
    assert plan["completion"]["written"] in completion["學科"]
    assert plan["completion"]["practical"] in completion["術科"]
    assert plan["completion"]["other"] in completion["其他"]


def test_the_example_assesses_hands_on_units_hands_on(example: Case) -> None:
    """Each unit's tasks have an observation checklist: 表8 ticks 實作評量 and 檢核表."""
    for row in _body(example.report.tables[TITLES[7]]):
        assert "☑實作評量" in _lines(row[1]) and "☑檢核表" in _lines(row[2]), row[0]


def test_the_cover_names_the_standard_and_the_course(example: Case) -> None:
    cover = {row[0]: row[-1] for row in example.report.tables["職能導向課程規劃與執行報告書"]}
    assert "☑職能基準" in cover["職能依據："]
    assert "KPS5220-005v2 小型汽車售後服務接待助理（V2，2025-12-15）" in cover["職能依據："]
    names = [row for row in example.report.tables["職能導向課程規劃與執行報告書"]]
    assert ("課程名稱：", "中文", "汽車售後服務接待實務") in names  # course.yml's title
