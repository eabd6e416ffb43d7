"""Real standards vary more than the two seeds: each fixture in fixtures/icap/ shows one way."""

from __future__ import annotations

from pathlib import Path

from generator.importers import Imported, import_text
from generator.diagnostics import errors
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
