"""Trainer customisation read from site_overrides/ and quizzes/, checked against the standard."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.course import Settings, taught_standard
from generator.diagnostics import Severity
from generator.load import load_standard
from generator.project import load_project
from generator.scaffold import skeleton_files
from tests.conftest import STANDARDS
from tests.test_import_variations import _import

CODE = "KPS5220-005v2"


def _project(tmp: Path, files: dict[str, str]) -> Path:
    (tmp / "content" / "standards").mkdir(parents=True)
    for seed in STANDARDS.glob("*.yaml"):
        (tmp / "content" / "standards" / seed.name).write_bytes(seed.read_bytes())
    for name, text in files.items():
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return tmp


def _messages(tmp: Path, files: dict[str, str]) -> list[str]:
    return [str(d) for d in load_project(_project(tmp, files)).diagnostics]


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_settings_choose_order_hide_tasks_and_set_the_quiz(tmp_path: Path) -> None:
    settings = (
        "title: 汽車售後服務接待實務\n"
        "modules: [T2, T1, T4]\n"
        "hours: {T1: 3, T2: 4.5}\n"
        "hidden_tasks: [T4.2]\n"
        "quiz: {pass_mark: 75, questions: 5}\n"
    )
    project = load_project(_project(tmp_path, {f"site_overrides/{CODE}/course.yml": settings}))
    assert project.diagnostics == ()
    course = next(c for c in project.courses if c.standard.code == CODE)
    assert course.title == "汽車售後服務接待實務"
    assert [d.code for d in course.taught.duties] == ["T2", "T1", "T4"]
    assert [t.code for t in course.taught.tasks()] == ["T2.1", "T2.2", "T1.1", "T1.2", "T4.1"]
    assert (course.settings.pass_mark, course.settings.questions_per_quiz) == (75, 5)
    assert course.settings.hours_of("T2") == 4.5
    assert not [q for q in course.bank.questions if "T4.2" in (q.task, *q.assesses)]
    assert not [q for q in course.bank.questions if q.duty == "T3"]


def test_unknown_codes_in_settings_name_line_and_closest_code(tmp_path: Path) -> None:
    settings = "modules: [T1, T5]\nhidden_tasks: [T4.3]\nhours: {T9: 2}\n"
    found = _messages(tmp_path, {f"site_overrides/{CODE}/course.yml": settings})
    file = f"site_overrides/{CODE}/course.yml"
    assert f"{file}:1: 錯誤：{CODE} 沒有主要職責 T5" in "\n".join(found)
    assert any(
        m.startswith(f"{file}:2: ") and "工作任務 T4.3（您是不是要寫 T4." in m for m in found
    )
    assert any(m.startswith(f"{file}:3: ") and "主要職責 T9" in m for m in found)


@pytest.mark.parametrize(
    "title", ["接待助理職能課程", "汽車接待（第2級）", "汽車接待能力鑑定班", "汽車接待證明班"]
)
def test_course_title_rule_is_a_warning_quoting_the_rule(tmp_path: Path, title: str) -> None:
    project = load_project(
        _project(tmp_path, {f"site_overrides/{CODE}/course.yml": f"title: {title}\n"})
    )
    [warning] = project.diagnostics
    assert warning.severity is Severity.WARNING and warning.line == 1
    assert "職能導向課程名稱審查原則" in warning.message and "能力鑑定" in warning.message


# course.yml -> line of the warning, or None when the title is fine
PARTIAL_COURSES = {
    "hidden task, default title": ("hidden_tasks: [T4.2]\n", 1),
    "left-out module, default title": ("trainer: 王老師\nmodules: [T1, T2]\n", 2),
    "hidden task, the job's name": ("hidden_tasks: [T4.2]\ntitle: 小型汽車售後服務接待助理\n", 2),
    "hidden task, the occupation's name": (
        "hidden_tasks: [T4.2]\ntitle: 商店銷售有關人員培訓\n",
        2,
    ),
    "hidden task, own title": ("hidden_tasks: [T4.2]\ntitle: 汽車維修預約與接待\n", None),
    "whole standard, default title": ("trainer: 王老師\n", None),
}


@pytest.mark.parametrize("case", PARTIAL_COURSES)
def test_a_partial_course_does_not_take_the_occupation_s_name(tmp_path: Path, case: str) -> None:
    settings, line = PARTIAL_COURSES[case]
    project = load_project(_project(tmp_path, {f"site_overrides/{CODE}/course.yml": settings}))
    warnings = [d for d in project.diagnostics if d.severity is Severity.WARNING]
    if line is None:
        assert warnings == []
        return
    [warning] = warnings
    assert warning.line == line
    assert "不可以職業或職務名稱為課程名稱" in warning.message
    assert "發能字第1103600840號" in warning.message


def test_unknown_setting_key_is_suggested(tmp_path: Path) -> None:
    found = _messages(tmp_path, {f"site_overrides/{CODE}/course.yml": "titel: 課程\n"})
    assert any("不認得的欄位「titel」（您是不是要寫 title？）" in m for m in found)


def test_module_additions_by_place(tmp_path: Path) -> None:
    text = "## 導入\n\n歡迎。\n\n## T2.1\n\n預約的案例。\n\n## 活動\n\n分組演練。\n"
    project = load_project(_project(tmp_path, {f"site_overrides/{CODE}/T2.md": text}))
    assert project.diagnostics == ()
    additions = project.courses[0].custom.additions("T2")
    assert (additions.intro, additions.after("T2.1"), additions.activities) == (
        "歡迎。",
        "預約的案例。",
        "分組演練。",
    )


def test_section_for_a_task_of_another_module_or_none(tmp_path: Path) -> None:
    text = "## 導入\n\n歡迎。\n\n## T3.1\n\n錯放。\n\n## 活動說明\n\n…\n"
    found = _messages(tmp_path, {f"site_overrides/{CODE}/T2.md": text})
    file = f"site_overrides/{CODE}/T2.md"
    assert any(
        m.startswith(f"{file}:5: ") and "工作任務 T3.1 不屬於主要職責 T2" in m for m in found
    )
    assert any(m.startswith(f"{file}:9: ") and "您是不是要寫 活動" in m for m in found)


def test_module_file_for_a_missing_duty(tmp_path: Path) -> None:
    found = _messages(tmp_path, {f"site_overrides/{CODE}/T5.md": "## 導入\n\n…\n"})
    assert any(
        m.startswith(f"site_overrides/{CODE}/T5.md: ") and "沒有主要職責 T5" in m for m in found
    )


def test_quiz_edits_disable_reword_and_add(tmp_path: Path) -> None:
    edits = f"""\
disable: [{CODE}/T1.2/knowledge-1]
reword:
  {CODE}/T2.2/skills-1: {{stem: 接待客戶時要用到哪些技能？（可複選）}}
add:
  - id: {CODE}/own/1
    type: single
    task: T2.1
    stem: 預約表要記錄什麼？
    options:
      - {{text: 回廠目的與時間, correct: true}}
      - {{text: 客戶的血型, correct: false}}
"""
    project = load_project(_project(tmp_path, {f"quizzes/{CODE}.yaml": edits}))
    assert project.diagnostics == ()
    bank = next(c.bank for c in project.courses if c.standard.code == CODE)
    ids = [q.id for q in bank.questions]
    assert f"{CODE}/T1.2/knowledge-1" not in ids
    assert bank.question(f"{CODE}/T2.2/skills-1").stem == "接待客戶時要用到哪些技能？（可複選）"
    own = bank.question(f"{CODE}/own/1")
    assert (own.duty, own.task, own.correct_codes) == ("T2", "T2.1", ("1",))


@pytest.mark.parametrize(
    ("question", "stem", "warned"),
    [
        ("T2.1/knowledge-1", "預約服務時，哪一項知識用得到？", True),  # generated: 不需要
        ("T2.1/knowledge-1", "預約服務時，哪一項知識用不到？", False),
        ("T2.2/skills-1", "接待客戶時，不需要哪些技能？", True),  # generated: 需要
        ("T2.2/skills-1", "接待客戶時要用到哪些技能？", False),
    ],
)
def test_a_reworded_stem_that_reads_the_other_way_round_is_warned(
    tmp_path: Path, question: str, stem: str, warned: bool
) -> None:
    edits = f"reword:\n  {CODE}/{question}:\n    stem: {stem}\n"
    found = [m for m in _messages(tmp_path, {f"quizzes/{CODE}.yaml": edits}) if "判錯" in m]
    assert bool(found) is warned
    if warned:
        assert found[0].startswith(f"quizzes/{CODE}.yaml:3: 警告：題目 {CODE}/{question}")


def test_quiz_edit_of_a_missing_question_suggests_the_closest_id(tmp_path: Path) -> None:
    edits = f"disable:\n  - {CODE}/T2.9/knowledge-1\n"
    found = _messages(tmp_path, {f"quizzes/{CODE}.yaml": edits})
    assert any(
        m.startswith(f"quizzes/{CODE}.yaml:2: ")
        and f"題庫中沒有題目 {CODE}/T2.9/knowledge-1" in m
        and "您是不是要寫" in m
        for m in found
    ), found


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("[{text: 甲, correct: true}, {text: 乙, correct: true}]", "剛好一個正確選項"),
        ("[{text: 甲, correct: true}, {text: 甲, correct: false}]", "重複的選項"),
    ],
)
def test_own_question_is_validated(tmp_path: Path, options: str, message: str) -> None:
    edits = f"add:\n  - {{id: {CODE}/own/1, type: single, stem: 問題, options: {options}}}\n"
    assert any(message in m for m in _messages(tmp_path, {f"quizzes/{CODE}.yaml": edits}))


def test_customisation_left_behind_by_a_revision(tmp_path: Path) -> None:
    found = _messages(tmp_path, {"site_overrides/KPS5220-005v1/course.yml": "title: 舊課程\n"})
    assert any("KPS5220-005v1" in m and "您是不是要寫 KPS5220-005v2" in m for m in found)


def test_hiding_the_owner_of_a_shared_row_keeps_the_shared_content() -> None:
    standard = _import("seven-duties-shared-row.txt").standard
    taught = taught_standard(standard, Settings(hidden_tasks=("T1.1",)))
    [task] = taught.duties[0].tasks
    assert task.code == "T1.2" and task.shares_with is None
    row = standard.row_group("T1.1")
    assert row is not None and row.indicators
    # the row's indicators stay the row's (now of T1.2 alone), listed at T1.2
    assert taught.indicators_at(task) == row.indicators
    assert list(taught.indicators()) == list(standard.indicators())


def test_the_quiz_skeleton_s_examples_are_valid_once_uncommented(tmp_path: Path) -> None:
    standard, _ = load_standard(STANDARDS / f"{CODE}.yaml")
    skeleton = skeleton_files(standard)[f"quizzes/{CODE}.yaml"]
    # Lines of YAML start with "# " and a key, a space or a dash; the prose stays a comment.
    examples = re.sub(r"^# (?=[a-z]+:| |-)", "", skeleton, flags=re.MULTILINE)
    assert "reword:" in examples.splitlines()
    project = load_project(_project(tmp_path, {f"quizzes/{CODE}.yaml": examples}))
    assert project.diagnostics == ()  # no error, and no warning about the reworded stem


def test_skeletons_are_valid_as_they_are(tmp_path: Path) -> None:
    standard, _ = load_standard(STANDARDS / f"{CODE}.yaml")
    project = load_project(_project(tmp_path, skeleton_files(standard)))
    assert project.diagnostics == ()
    course = next(c for c in project.courses if c.standard.code == CODE)
    assert course.taught == standard  # comments only: nothing changes
    assert course.custom.additions("T1").intro == ""
