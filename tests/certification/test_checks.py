"""The certification checks: silent on the worked example, and each rule, broken in a copy of
it, reported with the unit and the file to edit (rules: ../shared/icap-course-report.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.certification.checks import certification_checks
from generator.cli import main
from generator.course import Course
from generator.project import load_project
from tests.certification.project import CODE, PLAN, SETTINGS, edit_yaml, example_project

Data = dict[str, Any]


def _course(root: Path) -> Course:
    project = load_project(root, only=[CODE])
    assert not [d for d in project.diagnostics if d.severity.name == "ERROR"], project.diagnostics
    return project.courses[0]


def _gaps(root: Path) -> dict[str, list[str]]:
    """Check title -> its gaps as 「what: problem (file)」."""
    return {
        check.title: [f"{g.code}：{g.name}（{g.file}）" for g in check.gaps]
        for check in certification_checks(_course(root))
    }


def test_the_worked_example_passes_every_check(tmp_path: Path) -> None:
    gaps = _gaps(example_project(tmp_path))
    assert len(gaps) == 12
    assert all(found == [] for found in gaps.values()), gaps


def _unit(index: int, change: Callable[[Data], None]) -> Callable[[Data], None]:
    return lambda plan: change(plan["units"][index])


def _set(key: str, value: object) -> Callable[[Data], None]:
    return lambda data: data.__setitem__(key, value)


def _drop(key: str) -> Callable[[Data], None]:
    return lambda data: data.pop(key)


def _outline_block(index: int, **changes: object) -> Callable[[Data], None]:
    return lambda unit: unit["outline"][index].update(changes)


def _no_hands_on(unit: Data) -> None:
    for block in unit["outline"]:
        block.pop("mode", None)


def _uncover(code: str) -> Callable[[Data], None]:
    def change(unit: Data) -> None:
        for block in unit["outline"]:
            block["covers"] = [c for c in block.get("covers", []) if c != code]

    return change


ALL_METHODS = ["講述", "討論", "演練", "協同", "專題", "示範", "案例", "其他：角色扮演"]
# (what breaks, the plan change, the check's title begins with, the gap names)
PLAN_RULES = [
    ("minutes", _unit(0, _outline_block(0, minutes=20)), "時數相符", "課程大綱合計 230 分鐘"),
    ("covers", _unit(0, _uncover("S07")), "課程大綱涵蓋", "售後服務前置準備：大綱沒有涵蓋 S07"),
    ("practice", _unit(0, _no_hands_on), "課程大綱涵蓋", "大綱卻沒有實作時段"),
    ("lecture", _unit(1, _set("methods", ["講述"])), "教學方法", "預約服務：單元目標需要實際操作"),
    ("all eight", _unit(2, _set("methods", ALL_METHODS)), "教學方法", "八項教學方法全部勾選"),
    (
        "written only",
        _unit(3, _set("assessment", {"methods": ["測驗"], "tools": ["測驗卷", "評量題目"]})),
        "評量方式",
        "邀約回廠與行銷活動：單元目標需要實際操作，評量卻只有紙筆或口頭方式",
    ),
    (
        "no checklist",
        _unit(3, _set("assessment", {"methods": ["實作評量"], "tools": ["評量題目"]})),
        "評量方式",
        "請加檢核表",
    ),
    (
        "staff",
        _unit(4, _drop("staff")),
        "師資條件",
        "客戶休息室服務與環境維護：沒有授課教師與評量人員",
    ),
    ("materials", _unit(4, _set("equipment", [])), "教材與教具設備", "沒有教具／設備"),
    ("task", _unit(0, _set("tasks", ["T1.1"])), "每個工作任務", "T1.2：進行準備工作"),
    ("indicator", _unit(1, _set("indicators", ["P2.1.1"])), "每項行為指標", "P2.1.2："),
    ("same name", _unit(2, _set("name", "預約－服務")), "單元名稱一致", "與單元「預約服務」"),
    ("spaces", _unit(2, _set("name", "到廠接待 ")), "單元名稱一致", "多餘的空格"),
    ("long text", _set("purpose", "完訓學員能" * 201), "壹、課程資訊", "課程目的：1,005 字"),
    ("no audience", _drop("audience"), "壹、課程資訊", "主要對象（參訓資格）：尚未填寫"),
]


@pytest.mark.parametrize(
    ("rule", "change", "title", "gap"), PLAN_RULES, ids=[r[0] for r in PLAN_RULES]
)
def test_a_broken_rule_is_reported_with_its_unit_and_file(
    tmp_path: Path, rule: str, change: Callable[[Data], None], title: str, gap: str
) -> None:
    root = example_project(tmp_path)
    edit_yaml(root / PLAN, change)
    failing = {t: found for t, found in _gaps(root).items() if found}
    [found] = [found for t, found in failing.items() if t.startswith(title)]
    assert any(gap in g and str(PLAN) in g for g in found), found
    # one rule broken, one check fails; but a task left out takes its indicators with it
    also = {"每項行為指標都由單元引用（表3 對應行為指標）"} if rule == "task" else set()
    assert len(set(failing) - also) == 1, failing


def test_module_hours_must_equal_its_units(tmp_path: Path) -> None:
    root = example_project(tmp_path)
    edit_yaml(root / SETTINGS, lambda s: s["hours"].update(T2=7))
    [found] = [g for g in _gaps(root)["時數相符（壹 = 表2 = 表4，大綱分鐘 = 60 × 時數）"]]
    assert found.startswith("T2：模組時數 7 小時，其單元時數合計 6 小時")


def test_a_course_name_with_a_forbidden_word_is_reported(tmp_path: Path) -> None:
    root = example_project(tmp_path)
    edit_yaml(root / SETTINGS, _set("title", "汽車售後服務接待職能基準課程"))
    [found] = _gaps(root)["課程名稱符合審查原則"]
    assert str(SETTINGS) in found


def test_a_small_final_quiz_is_no_written_criterion(tmp_path: Path) -> None:
    """Without a written criterion of the trainer's, the report proposes the final quiz; a quiz
    of 3 questions at 70 is passed by blind guessing far more often than 1 in 100."""
    root = example_project(tmp_path)
    edit_yaml(root / PLAN, _drop("completion"))
    assert _gaps(root)["結訓標準（表12）"] == []  # the full final quiz is long enough
    edit_yaml(root / SETTINGS, lambda s: s["quiz"].update(questions=3))
    [found] = _gaps(root)["結訓標準（表12）"]
    assert found.startswith("總測驗：只有 3 題") and "不能作為學科結訓標準" in found


def test_status_prints_the_checks_with_the_file_to_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = example_project(tmp_path)
    edit_yaml(root / PLAN, _unit(1, _set("methods", ["講述"])))
    monkeypatch.chdir(root)
    assert main(["status", CODE]) == 0
    out = capsys.readouterr().out
    assert "iCAP 課程認證檢查（職能導向課程規劃與執行報告書）：12 項檢查，1 項未通過" in out
    assert str(PLAN) in out and "預約服務" in out
