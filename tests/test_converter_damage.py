"""Damage that real PDF-to-text converters leave in a standard, each recognised at its line of
the YAML (by `coursegen validate`, and so by `coursegen import` too), and each reported once."""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import ContentError
from generator.importers import import_text
from generator.validate import check_tree
from tests.conftest import SEEDS, STANDARDS

SEED_YAML = (STANDARDS / "KPS5220-005v2.yaml").read_text("utf-8")
SEED_TEXT = (SEEDS / "KPS5220-005v2.txt").read_text("utf-8")


def _diagnostics(tmp: Path, text: str) -> list[str]:
    folder = tmp / "content" / "standards"
    folder.mkdir(parents=True)
    (folder / "KPS5220-005v2.yaml").write_text(text, "utf-8")
    return [str(d) for d in check_tree(tmp / "content").diagnostics]


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_indicator_that_swallowed_the_knowledge_column(tmp_path: Path) -> None:
    damaged = SEED_YAML.replace(
        "P1.1.5, text: 遵循政府相關法規如消保法與個人資料保護法等。}",
        "P1.1.5, text: 遵循政府相關法規如消保法與個人資料保護法等。K11消費者保護法 K12個資法}",
    )
    found = _diagnostics(tmp_path, damaged)
    line = _line(damaged, "P1.1.5")
    assert len(found) == 1
    assert found[0].startswith(f"{tmp_path}/content/standards/KPS5220-005v2.yaml:{line}: 錯誤")
    assert "P1.1.5 的文字中有 K11、K12" in found[0] and "知識欄" in found[0]


def test_code_with_the_next_cells_digit_glued_on(tmp_path: Path) -> None:
    damaged = SEED_YAML.replace("{code: O3.1.2, name: 客戶問題紀錄}", "{code: O3.1.23, name: D表}")
    found = _diagnostics(tmp_path, damaged)
    assert len(found) == 1
    assert f"KPS5220-005v2.yaml:{_line(damaged, 'O3.1.23')}: 警告" in found[0]
    assert "O3.1.23 不接續" in found[0] and "O3.1.2 與「3D表」" in found[0]


def test_two_levels_run_together_and_an_empty_task_name_each_once(tmp_path: Path) -> None:
    t12 = _line(SEED_YAML, "code: T1.2")
    lines = SEED_YAML.splitlines(keepends=True)
    assert lines[t12].strip() == "name: 進行準備工作" and lines[t12 + 1].strip() == "level: 2"
    lines[t12] = lines[t12].replace("進行準備工作", "''")
    lines[t12 + 1] = lines[t12 + 1].replace("2", "34")
    found = _diagnostics(tmp_path, "".join(lines))
    assert len(found) == 2  # an empty name breaks two rules of the schema: said once
    assert f":{t12 + 1}: 錯誤" in found[0] and "名稱：不可空白" in found[0]
    assert f":{t12 + 2}: 錯誤" in found[1] and "兩個級別 3 與 4" in found[1]


def test_import_refuses_a_swallowed_column_naming_the_row() -> None:
    damaged = SEED_TEXT.replace(
        "P1.1.5遵循政府相關法規如消保法與個人資料保護法等。",
        "P1.1.5遵循政府相關法規如消保法與個人資料保護法等。K11消費者保護法",
    )
    try:
        import_text(damaged, "x.txt")
    except ContentError as exc:
        messages = [str(d) for d in exc.diagnostics]
    else:
        raise AssertionError("imported")
    assert len(messages) == 1 and "P1.1.5 的文字中有 K11" in messages[0]
