"""What a revision of a standard changed, and which of a trainer's additions it affects."""

from __future__ import annotations

from pathlib import Path

from generator.diff import Change, affected, compare, report
from generator.load import load_standard
from generator.model import Standard
from generator.project import load_project
from generator.references import trainer_references
from tests.conftest import STANDARDS

CODE = "KPS5220-005v2"
SEED = (STANDARDS / f"{CODE}.yaml").read_text("utf-8")
REWORDED = "依據服務流程要求，隨時保持環境衛生及餐食設備維護作業，並記錄於環境設備維護表。"


def _revised_text() -> str:
    """The seed with T4.2 removed, P4.1.1 reworded and K13 added (needed by T1.1)."""
    start = SEED.index("      - code: T4.2\n")
    end = SEED.index("knowledge:\n  - {code: K01")
    text = SEED[:start] + SEED[end:]
    old = "遵守職業安全衛生相關規範，完成場域清潔與消毒作業，包含餐食設備器具。"
    text = text.replace(f"P4.1.1, text: {old}", f"P4.1.1, text: {REWORDED}")
    text = text.replace(
        "knowledge: [K01, K02, K03, K04, K05, K06, K07, K08, K09, K10, K11, K12]\n",
        "knowledge: [K01, K02, K03, K04, K05, K06, K07, K08, K09, K10, K11, K12, K13]\n",
        1,
    )
    return text.replace(
        "  - {code: K12, name: 個人資料保護法}\n",
        "  - {code: K12, name: 個人資料保護法}\n  - {code: K13, name: 電動車安全規範}\n",
    )


def _standards(tmp: Path) -> tuple[Standard, Standard]:
    (tmp / "content" / "standards").mkdir(parents=True, exist_ok=True)
    revised = tmp / "content" / "standards" / f"{CODE}.yaml"
    revised.write_text(_revised_text(), "utf-8")
    return load_standard(STANDARDS / f"{CODE}.yaml")[0], load_standard(revised)[0]


def test_changes_found_by_code(tmp_path: Path) -> None:
    old, new = _standards(tmp_path)
    found = {(d.kind, d.code, d.change) for d in compare(old, new)}
    removed_indicators = {p.code for p in old.task("T4.2").indicators}
    assert ("工作任務", "T4.2", Change.REMOVED) in found
    assert ("工作產出", "O4.2.1", Change.REMOVED) in found
    assert {
        c for k, c, ch in found if k == "行為指標" and ch is Change.REMOVED
    } == removed_indicators
    assert ("行為指標", "P4.1.1", Change.REWORDED) in found
    assert ("知識", "K13", Change.ADDED) in found
    assert ("知識需求", "T1.1", Change.ADDED) in found
    assert len(found) == 2 + len(removed_indicators) + 3


def test_report_reads_in_chinese(tmp_path: Path) -> None:
    old, new = _standards(tmp_path)
    text = "\n".join(report(old, new, compare(old, new)))
    assert f"- 刪除 T4.2：{old.task('T4.2').name}" in text
    assert f"~ 改寫 P4.1.1：「{old.task('T4.1').indicators[0].text}」→「{REWORDED}」" in text
    assert "+ 新增 K13：電動車安全規範" in text
    assert "T1.1 新增需要 K13" in text


def test_no_change_says_so() -> None:
    standard, _ = load_standard(STANDARDS / f"{CODE}.yaml")
    assert "完全相同" in report(standard, standard, compare(standard, standard))[-1]


def test_affected_additions_and_validate_error(tmp_path: Path) -> None:
    old, new = _standards(tmp_path)
    overrides = tmp_path / "site_overrides" / CODE
    overrides.mkdir(parents=True)
    (overrides / "T4.md").write_text("## 導入\n\n休息室。\n\n## T4.2\n\n設備表範例。\n", "utf-8")
    (overrides / "course.yml").write_text("hidden_tasks: [T4.1]\n", "utf-8")

    found = affected(compare(old, new), trainer_references(tmp_path, CODE))
    lines = {(ref.file, ref.line, ref.code) for ref, _ in found}
    assert (f"site_overrides/{CODE}/T4.md", 5, "T4.2") in lines  # the section on the removed task
    assert (f"site_overrides/{CODE}/course.yml", 1, "T4.1") in lines  # its P4.1.1 was reworded
    messages = [str(d) for d in load_project(tmp_path).diagnostics]
    assert any(
        m.startswith(f"site_overrides/{CODE}/T4.md:5: 錯誤：") and "T4.2" in m and "T4.1" in m
        for m in messages
    ), messages
