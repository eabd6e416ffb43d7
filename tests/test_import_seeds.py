"""The importer on the two real seeds: every expectation below was read from the seed text."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importers import import_text
from generator.model import Standard
from tests.conftest import SEEDS, STANDARDS


def _import(name: str) -> Standard:
    path = SEEDS / f"{name}.txt"
    return import_text(path.read_text("utf-8"), str(path)).standard


@pytest.fixture(scope="module")
def kps5220() -> Standard:
    return _import("KPS5220-005v2")


@pytest.fixture(scope="module")
def kps5294() -> Standard:
    return _import("KPS5294-001v3")


def _codes(prefix: str, last: int) -> list[str]:
    return [f"{prefix}{n:02d}" for n in range(1, last + 1)]


def test_kps5220_counts(kps5220: Standard) -> None:
    assert [d.code for d in kps5220.duties] == ["T1", "T2", "T3", "T4"]
    assert len(list(kps5220.tasks())) == 8
    assert len(list(kps5220.indicators())) == 39
    assert [k.code for k in kps5220.knowledge] == _codes("K", 12)
    assert [s.code for s in kps5220.skills] == _codes("S", 11)
    assert [a.code for a in kps5220.attitudes] == _codes("A", 6)


def test_kps5294_counts_and_levels(kps5294: Standard) -> None:
    assert [d.code for d in kps5294.duties] == ["T1", "T2", "T3"]
    assert len(list(kps5294.tasks())) == 11
    assert len(list(kps5294.indicators())) == 37
    assert [k.code for k in kps5294.knowledge] == _codes("K", 13)
    assert [s.code for s in kps5294.skills] == _codes("S", 14)
    assert [a.code for a in kps5294.attitudes] == _codes("A", 6)
    levels = {t.code: t.level for t in kps5294.tasks()}
    assert levels.pop("T2.3") == 3
    assert set(levels.values()) == {2}


def test_page_breaks_are_joined(kps5220: Standard) -> None:
    assert kps5220.duties[1].name == "小型汽車售後服務預約及接待客戶"
    indicators = {p.code: p.text for p in kps5220.indicators()}
    assert indicators["P2.1.2"] == "依據組織流程作業服務規範，於預定工作日完成客戶聯繫作業。"
    assert indicators["P4.1.4"].endswith("…整理桌面，並關懷客戶需求。".lstrip("…"))
    assert indicators["P4.1.4"] == "主動服務客戶，隨時補充茶點與整理桌面，並關懷客戶需求。"


def test_continuation_rows_add_knowledge_and_skills(kps5220: Standard, kps5294: Standard) -> None:
    assert kps5294.task("T1.1").knowledge == tuple(_codes("K", 6))
    assert kps5294.task("T2.4").skills == ("S02", "S06", "S07", "S08", "S09", "S10", "S11")
    # T2.1 of KPS5220-005v2 continues after a page break with K05… and S04…
    assert kps5220.task("T2.1").knowledge == (
        "K01", "K02", "K04", "K05", "K06", "K07", "K08", "K09", "K11", "K12",
    )  # fmt: skip
    assert kps5220.task("T2.1").skills[-3:] == ("S09", "S10", "S11")


def test_one_name_per_code_with_variants_kept(kps5294: Standard) -> None:
    s09, s10 = kps5294.skill_item("S09"), kps5294.skill_item("S10")
    assert {s09.name, *s09.variants} == {"自我管理能力的", "自我管理"}
    assert {s10.name, *s10.variants} == {"通訊工具使用能力", "通訊工具使用"}
    # The stated rule: the spelling used by the most tasks (S10: three tasks against two).
    assert s10.name == "通訊工具使用能力"


def test_variant_warning_names_every_spelling() -> None:
    path = SEEDS / "KPS5294-001v3.txt"
    warnings = import_text(path.read_text("utf-8"), str(path)).warnings
    s09 = [str(w) for w in warnings if "S09" in w.message]
    assert len(s09) == 1
    assert "「自我管理能力的」" in s09[0] and "「自我管理」" in s09[0]
    assert s09[0].startswith(f"{path}:")


def test_shared_output_kept_on_both_tasks(kps5220: Standard) -> None:
    assert [o.name for o in kps5220.task("T1.2").outputs] == ["預約表"]
    assert [o.name for o in kps5220.task("T2.1").outputs] == ["預約表"]


def test_basic_data(kps5220: Standard, kps5294: Standard) -> None:
    assert kps5220.name == "小型汽車售後服務接待助理"
    assert kps5220.level == 2
    assert kps5220.description == "負責小型汽車客戶接待服務，聯繫回廠維修及維護休息室相關作業。"
    assert (kps5220.category.job.code, kps5220.category.job.name) == (
        "KPS",
        "行銷與銷售 / 專業銷售",
    )
    assert [(c.code, c.name) for c in kps5220.category.occupations] == [
        ("5220", "商店銷售有關人員")
    ]
    assert [(c.code, c.name) for c in kps5294.category.industries] == [
        ("N8209", "支援服務業 / 行政支援服務業")
    ]
    assert [(v.version, v.date) for v in kps5294.versions] == [
        ("V3", "2021-12-31"),
        ("V2", "2019-12-31"),
        ("V1", "2016-12-31"),
    ]
    assert kps5220.versions[1].note == "已被《KPS5220-005v2》取代"


def test_attitudes_and_notes(kps5220: Standard, kps5294: Standard) -> None:
    a01 = kps5294.attitudes[0]
    assert (a01.name, a01.definition) == (
        "親和力關係",
        "對他人表現理解、友善、同理心、關心和禮貌，並能與不同背景的人發展及維持良好關係。",
    )
    assert kps5220.notes == (
        "建議擔任此職類 / 職業之學歷 / 經驗 / 或能力條件：高中 ( 職 ) 以上畢業。",
        "其他補充說明：預約表：記錄預約來源、回廠目的、日期、時間等資訊，"
        "作為後續維修派工、維修進度及預交車時間管理。",
    )
    assert kps5294.notes == ("建議擔任此職類 / 職業之學歷 / 經歷 / 或能力條件：高中職以上畢業。",)


def test_no_markup_left(kps5220: Standard, kps5294: Standard) -> None:
    for standard in (kps5220, kps5294):
        texts = [p.text for p in standard.indicators()] + [k.name for k in standard.knowledge]
        texts += list(standard.notes) + [a.definition or "" for a in standard.attitudes]
        assert not [t for t in texts if "<" in t or ">" in t or "**" in t]


@pytest.mark.parametrize("name", ["KPS5220-005v2", "KPS5294-001v3"])
def test_reimport_reproduces_committed_yaml(name: str) -> None:
    path = SEEDS / f"{name}.txt"
    imported = import_text(path.read_text("utf-8"), str(path))
    assert imported.yaml_text == (STANDARDS / f"{name}.yaml").read_text("utf-8")


def test_seed_copies_match_shared_seeds() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for seed in SEEDS.glob("*.txt"):
        assert seed.read_bytes() == (shared / seed.name).read_bytes()
