"""A task the standard writes in two table rows of different 職能級別.

fixtures/icap/two-level-rows.md.txt is the seed KPS5294-001v3 with T2.1 so written, as about one
real standard in seventeen does: a row at level 4 (P2.1.1, P2.1.2, K08, K09, S06) that a page
break cuts, its continuation repeating the level (P2.1.3, K11, S08), then a row at level 3
(P2.1.4, P2.1.5, K10, S02, S07, S09, S10, S11). The expected values below are read from it.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pdfplumber
import pytest

from generator.diagnostics import ContentError, errors
from generator.export.case import case_package
from generator.importers import Imported, import_text, read_source
from generator.model import LevelRow
from generator.validate import check_file
from tests.conftest import FIXTURES
from tests.pdf_render import document, reportlab_pdf

SOURCE = FIXTURES / "icap" / "two-level-rows.md.txt"
ROWS = (
    LevelRow(4, ("P2.1.1", "P2.1.2", "P2.1.3"), ("K08", "K09", "K11"), ("S06", "S08")),
    LevelRow(3, ("P2.1.4", "P2.1.5"), ("K10",), ("S02", "S07", "S09", "S10", "S11")),
)
YAML_ROWS = """\
      - code: T2.1
        name: 準備電話行銷活動
        levels:
          - level: 4
            indicators: [P2.1.1, P2.1.2, P2.1.3]
            knowledge: [K08, K09, K11]
            skills: [S06, S08]
          - level: 3
            indicators: [P2.1.4, P2.1.5]
            knowledge: [K10]
            skills: [S02, S07, S09, S10, S11]
        outputs: []
        indicators:
"""


@pytest.fixture(scope="module")
def imported() -> Imported:
    return import_text(SOURCE.read_text("utf-8"), str(SOURCE))


def test_each_row_keeps_its_level_indicators_knowledge_and_skills(imported: Imported) -> None:
    task = imported.standard.task("T2.1")
    assert task.level_rows == ROWS
    assert task.levels == (3, 4) and task.level_text == "3–4" and task.level is None
    assert [p.code for p in task.indicators] == [f"P2.1.{n}" for n in range(1, 6)]
    assert task.knowledge == ("K08", "K09", "K11", "K10")
    # the other tasks, in one row each, are as in the seed
    assert imported.standard.task("T2.2").level == 2
    assert imported.standard.task("T2.3").level_rows == ()
    assert any("T2.1 寫在 2 列" in w.message and "3–4" in w.message for w in imported.warnings)


def test_the_yaml_writes_levels_and_loads_back_valid(imported: Imported, tmp_path: Path) -> None:
    assert YAML_ROWS in imported.yaml_text
    assert "\n        level: 2\n" in imported.yaml_text  # ordinary tasks keep level
    path = tmp_path / "TST7777-001v1.yaml"
    path.write_text(imported.yaml_text, "utf-8")
    checked = check_file(path)
    assert checked.standard == imported.standard
    assert not errors(list(checked.diagnostics))


def _first_indicators(pdf: Path) -> list[str]:
    """The 行為指標 cell of the first row of the competency table on each page after the first,
    by pdfplumber's own table extraction."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with pdfplumber.open(pdf) as opened:
        return [
            (table[1][3] or "").strip()
            for page in opened.pages[1:]
            for table in page.extract_tables()
            if len(table) > 1 and re.sub(r"\s", "", table[0][0] or "") == "主要職責"
        ]


def test_the_pdf_imports_the_same_rows(tmp_path: Path) -> None:
    """Printed so that a page break falls inside the level-3 row (before P2.1.5)."""
    pdf = reportlab_pdf(document(SOURCE), tmp_path / "two-level-rows.pdf", 340.0)
    assert any(cell.startswith("P2.1.5") for cell in _first_indicators(pdf))
    from_pdf = read_source(pdf)
    assert from_pdf.layout == "PDF"
    assert from_pdf.standard.task("T2.1").level_rows == ROWS
    assert YAML_ROWS in from_pdf.yaml_text


def test_a_level_row_cut_by_a_break_into_a_different_level_stays_refused() -> None:
    """Text after the break that has no indicator code of its own continues the row above:
    a different level there is two numbers for one row, as before."""
    text = SOURCE.read_text("utf-8").replace(
        "<p>P2.1.4 使用熟練度的相關技術，制訂達成銷售目標的策略。</p> ", "<p>續前列。</p> "
    )
    text = text.replace("<p>P2.1.5 確保", "確保")
    with pytest.raises(ContentError) as caught:
        import_text(text, "x.md.txt")
    assert any("職能級別「4 3」" in d.message for d in caught.value.diagnostics)


def _problems(yaml_text: str, tmp_path: Path) -> list[tuple[int | None, str]]:
    path = tmp_path / "TST7777-001v1.yaml"
    path.write_text(yaml_text, "utf-8")
    return [(d.line, d.message) for d in errors(list(check_file(path).diagnostics))]


def _line(text: str, fragment: str) -> int:
    """The 1-based line of the YAML that holds ``fragment`` (the first such line)."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


ROW_3 = "          - level: 3\n            indicators: [P2.1.4, P2.1.5]\n"


@pytest.mark.parametrize(
    ("old", "new", "at", "words"),
    [
        # an indicator in no row: the line of that indicator
        (ROW_3, ROW_3.replace(", P2.1.5", ""), "{code: P2.1.5,",
         "P2.1.5 不在工作任務 T2.1 的 levels"),
        # a level out of 1–6
        (ROW_3, ROW_3.replace("level: 3", "level: 7"), "level: 7", "級別須為 1 到 6 的整數"),
        # one level twice
        (ROW_3, ROW_3.replace("level: 3", "level: 4"), ("- level: 4", 2), "都是級別 4"),
        # a row without indicators
        (ROW_3, ROW_3.replace("[P2.1.4, P2.1.5]", "[]"), "level: 3", "沒有行為指標"),
        # a row naming an indicator the task does not have
        (ROW_3, ROW_3.replace("P2.1.4", "P2.1.9"), "P2.1.9", "P2.1.9 不是工作任務 T2.1 的行為指標"),
        # both forms of a level
        ("        levels:\n", "        level: 4\n        levels:\n", "code: T2.1", "只能寫一個"),
        # knowledge beside the rows
        ("S11]\n        outputs: []\n", "S11]\n        outputs: []\n        knowledge: [K08]\n",
         "code: T2.1", "知識與技能寫在 levels 的各列中"),
    ],
)  # fmt: skip
def test_a_malformed_levels_is_an_error_at_its_line(
    imported: Imported, tmp_path: Path, old: str, new: str, at: str | tuple[str, int], words: str
) -> None:
    assert old in imported.yaml_text
    text = imported.yaml_text.replace(old, new, 1)
    problems = _problems(text, tmp_path)
    fragment, nth = at if isinstance(at, tuple) else (at, 1)
    wanted = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line][nth - 1]
    assert any(line == wanted and words in message for line, message in problems), problems


def test_one_row_only_says_to_write_level(imported: Imported, tmp_path: Path) -> None:
    start = imported.yaml_text.index(ROW_3)
    end = imported.yaml_text.index("        outputs: []\n", start)
    text = imported.yaml_text[:start] + imported.yaml_text[end:]
    problems = _problems(text, tmp_path)
    # a list is located at its first entry
    assert any("要寫兩列以上" in m and line == _line(text, "- level: 4") for line, m in problems)


def test_case_export_gives_the_task_its_range_and_each_indicator_its_row_s_level(
    imported: Imported,
) -> None:
    notes = {
        item["humanCodingScheme"]: item.get("notes")
        for item in case_package(imported.standard)["CFItems"]
    }
    assert notes["T2.1"] == "職能級別 3–4"
    assert [notes[f"P2.1.{n}"] for n in range(1, 6)] == ["職能級別 4"] * 3 + ["職能級別 3"] * 2
    assert notes["T2.2"] == "職能級別 2" and notes["P2.2.1"] is None
