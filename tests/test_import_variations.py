"""Real standards vary more than the two seeds: each fixture in fixtures/icap/ shows one way."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import ContentError, errors
from generator.importers import Imported, import_text
from generator.load import standard_from_data
from generator.validate import check_standard
from generator.yamlio import read_yaml
from tests.conftest import FIXTURES

ICAP = FIXTURES / "icap"


def _import(name: str) -> Imported:
    path = ICAP / name
    return import_text(path.read_text("utf-8"), str(path))


def _valid(imported: Imported, warnings: tuple[str, ...] = ()) -> None:
    """The YAML written for the fixture loads back and validates with no error, and with
    exactly the warnings whose words are given."""
    located = read_yaml(imported.yaml_text, f"{imported.standard.code}.yaml")
    standard = standard_from_data(located.data)
    assert standard == imported.standard
    found = check_standard(standard, located, f"{standard.code}.yaml")
    assert not errors(found)
    assert len(found) == len(warnings)
    for words, diagnostic in zip(warnings, found, strict=True):
        assert words in diagnostic.message


def test_two_level_codes_gaps_soft_skills_no_levels() -> None:
    imported = _import("two-level-codes.txt")
    s = imported.standard
    assert imported.layout == "Tab 分隔"
    assert [p.code for p in s.indicators()] == ["P1.1", "P1.2", "P2.1", "P2.2"]
    assert [o.code for o in s.outputs()] == ["O1.1", "O2.2"]
    assert [k.code for k in s.knowledge] == ["K01", "K50", "K68"]
    assert [k.code for k in s.skills] == ["S01", "S02", "SS01"]
    assert s.task("T2.1").skills == ("S02", "SS01")
    assert s.level is None
    assert {t.level for t in s.tasks()} == {None}
    assert s.task("T1.2").outputs == ()
    assert s.versions == ()
    _valid(imported)


def test_attitudes_with_and_without_definition() -> None:
    s = _import("two-level-codes.txt").standard
    assert [(a.code, a.name, a.definition) for a in s.attitudes] == [
        ("A01", "謹慎細心", "對於任務的執行過程，能謹慎考量及處理所有細節。"),
        ("A02", "誠信正直", None),
    ]


def test_several_occupations_and_industries_markdown_layout() -> None:
    imported = _import("several-classes.md.txt")
    s = imported.standard
    assert imported.layout == "Markdown 表格"
    assert s.name == "測試員乙"
    assert [(c.code, c.name) for c in s.category.occupations] == [
        ("2512", "軟體測試人員"),
        ("3119", "品質保證人員"),
    ]
    assert [c.code for c in s.category.industries] == ["J6201", "M7210"]
    assert s.versions == ()
    assert [a.definition for a in s.attitudes] == [None, None]
    assert s.notes == ("其他補充說明：本職能基準為測試用。", "其他補充說明：第二項說明。")
    _valid(imported)


def test_seven_duties_and_a_row_shared_by_two_tasks() -> None:
    imported = _import("seven-duties-shared-row.txt")
    s = imported.standard
    assert [d.code for d in s.duties] == [f"T{n}" for n in range(1, 8)]
    first, second = s.duties[0].tasks
    assert (first.code, second.code, second.name) == ("T1.1", "T1.2", "檢查尺寸")
    assert second.shares_with == "T1.1"
    # the row's outputs and indicators belong to both tasks together, to neither alone
    row = s.row_group("T1.2")
    assert row is not None and row.tasks == ("T1.1", "T1.2") and s.row_group("T1.1") == row
    assert [p.code for p in row.indicators] == ["P1.1.1", "P1.1.2"]
    assert [o.code for o in row.outputs] == ["O1.1.1"]
    assert first.indicators == second.indicators == () and first.outputs == second.outputs == ()
    # unmarked knowledge and skills of the row serve every task of it
    assert (
        (second.knowledge, second.skills) == (first.knowledge, first.skills) == (("K01",), ("S01",))
    )
    # the shared indicators are written once in the YAML, not copied into T1.2
    assert imported.yaml_text.count("依據規範檢查外觀與尺寸。") == 1
    assert "shares_with: T1.1" in imported.yaml_text
    assert len(list(s.indicators())) == 8
    assert any("T1.1、T1.2" in w.message for w in imported.warnings)
    assert s.versions[0].date == "2024-01-05"
    _valid(imported)


def test_every_fixture_round_trips(tmp_path: Path) -> None:
    for path in sorted(ICAP.glob("*.txt")):
        imported = import_text(path.read_text("utf-8"), str(path))
        located = read_yaml(imported.yaml_text, f"{imported.standard.code}.yaml")
        standard = standard_from_data(located.data)
        assert standard == imported.standard
        assert not errors(check_standard(standard, located, f"{standard.code}.yaml"))


VARIATIONS = Path(__file__).parent / "site" / "fixtures" / "variations" / "content" / "standards"


def test_the_variation_site_s_standards_are_these_fixtures_imported() -> None:
    for name in (
        "row-of-five-tasks.md.txt",
        "first-version-shared-output.txt",
        "two-level-rows.md.txt",
    ):
        imported = _import(name)
        written = VARIATIONS / f"{imported.standard.code}.yaml"
        assert written.read_text("utf-8") == imported.yaml_text


def test_first_version_code_shared_output_unnamed_duty_repeated_level() -> None:
    imported = _import("first-version-shared-output.txt")
    s = imported.standard
    assert s.code == "TST4444-001"  # a first version: no v1 suffix
    assert s.versions == ()
    # O2.1.1 量測報告 is listed under T2.1 and T2.2: one output, produced by both
    assert [o.code for o in s.outputs()] == ["O1.1.1", "O2.1.1", "O2.2.1", "O3.1.1"]
    assert s.producers("O2.1.1") == ("T2.1", "T2.2")
    assert [o.code for o in s.task("T2.2").outputs] == ["O2.1.1", "O2.2.1"]
    # T2.2 continues on the next page, where its level 3 is printed again
    assert s.task("T2.2").level == 3
    assert s.task("T2.2").indicators[1].text == "將判定結果補記於量測報告，並列出不合格品。"
    assert s.task("T2.2").skills == ("S90", "SS01")
    assert (s.duties[2].code, s.duties[2].name) == ("T3", "")
    assert [k.code for k in s.knowledge] == ["K01", "K35", "K60"]
    assert [k.code for k in s.skills] == ["S03", "S90", "SS01"]
    assert [a.code for a in s.attitudes] == ["A06"]
    assert "name: null" in imported.yaml_text
    messages = [w.message for w in imported.warnings]
    assert any("找不到版本表" in m for m in messages)
    assert any("O2.1.1「量測報告」列在 T2.1、T2.2 之下" in m for m in messages)
    assert any("主要職責 T3 沒有名稱" in m for m in messages)
    _valid(imported, ("O2.1.1「量測報告」列在 T2.1、T2.2", "主要職責 T3 沒有名稱"))


# Which task each entry of the row T1.1–T1.5 serves, read from the fixture's 【】 marks
# (unmarked entries serve the whole row).
ROW_KNOWLEDGE: dict[str, tuple[str, ...]] = {
    "T1.1": ("K01", "K04"),
    "T1.2": ("K02", "K04"),
    "T1.3": ("K02", "K04"),
    "T1.4": ("K03", "K04"),
    "T1.5": ("K03", "K04"),
    "T2.1": ("K01", "K03"),
    "T2.2": ("K01", "K05"),
}
ROW_SKILLS: dict[str, tuple[str, ...]] = {
    "T1.1": ("S01",),
    "T1.2": ("S01",),
    "T1.3": ("S02",),
    "T1.4": ("S02",),
    "T1.5": ("S02",),
    "T2.1": ("S02", "S03"),
    "T2.2": ("S03",),
}


def test_a_row_of_five_tasks_with_marked_knowledge_and_skills() -> None:
    imported = _import("row-of-five-tasks.md.txt")
    s = imported.standard
    assert {t.code: t.knowledge for t in s.tasks()} == ROW_KNOWLEDGE
    assert {t.code: t.skills for t in s.tasks()} == ROW_SKILLS
    # names without the marks, and differing marks are not other spellings
    assert [(k.code, k.name, k.variants) for k in s.knowledge][:3] == [
        ("K01", "設備基本原理", ()),
        ("K02", "操作安全規範", ()),
        ("K03", "保養程序", ()),
    ]
    assert [i.name for i in s.skills] == ["設備操作能力", "紀錄撰寫能力", "工具使用能力"]
    # the row's three outputs and five indicators belong to its five tasks together
    row = s.row_group("T1.3")
    assert row is not None and row.tasks == ("T1.1", "T1.2", "T1.3", "T1.4", "T1.5")
    assert [o.code for o in row.outputs] == ["O1.1", "O1.2", "O1.3"]
    assert [p.code for p in row.indicators] == ["P1.1", "P1.2", "P1.3", "P1.4", "P1.5"]
    assert all(t.indicators == () and t.outputs == () for t in s.duties[0].tasks)
    assert s.indicator_owners("P1.2") == row.tasks and s.producers("O1.3") == row.tasks
    assert s.row_group("T2.1") is None
    assert {t.level for t in s.tasks()} == {None}  # no level column
    assert [v.code for v in s.versions] == ["TST5555-002v2", "TST5555-002"]
    messages = [w.message for w in imported.warnings]
    assert any("沒有「職能級別」欄" in m for m in messages)
    assert any("T1.1、T1.2、T1.3、T1.4、T1.5 寫在同一列" in m for m in messages)
    _valid(imported)


_ROW_HEADER = (
    "主要職責\t工作任務\t工作產出\t行為指標\t職能級別\t"
    "職能內涵 ( K=knowledge 知識 )\t職能內涵 ( S=skills 技能 )"
)


def _with_table(*rows: str) -> str:
    """The seven-duties fixture with its competency table replaced by ``rows``."""
    text = (ICAP / "seven-duties-shared-row.txt").read_text("utf-8")
    start = text.index("主要職責\t")
    end = text.index("職能內涵 ( A=attitude")
    return text[:start] + "\n".join([_ROW_HEADER, *rows]) + "\n\n" + text[end:]


def _import_errors(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        import_text(text, "x.txt")
    return [str(d) for d in caught.value.diagnostics]


def test_a_mark_naming_a_task_outside_the_row_is_rejected_with_the_fix() -> None:
    text = _with_table(
        "T1 職責\tT1.1任務甲 T1.2任務乙\tO1.1產出\tP1.1指標一。\t2\t"
        "K01檢驗規範【T1.3】\tS01量測能力"
    )
    [message] = _import_errors(text)
    assert "K01 標示的工作任務 T1.3 不在這一列" in message
    assert "T1.1、T1.2" in message and "請對照原文改正" in message


def test_a_repeated_level_is_taken_once_a_different_one_is_an_error() -> None:
    first = "T1 職責\tT1.1任務甲\t\tP1.1.1指標一\t3\tK01檢驗規範\tS01量測能力"
    repeated = import_text(_with_table(first, "\t\t\t。\t3\t\t"), "x.txt").standard
    assert repeated.task("T1.1").level == 3
    assert repeated.task("T1.1").indicators[0].text == "指標一。"
    [message] = _import_errors(_with_table(first, "\t\t\t。\t4\t\t"))
    assert "職能級別「3 4」" in message and "不同的級別" in message
