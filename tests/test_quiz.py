"""The question bank of the seeds: keys proven against the standard, the seeds' traps avoided."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.load import load_standard
from generator.model import Standard
from generator.quiz.bank import bank_to_data, bank_yaml
from generator.quiz.coverage import coverage
from generator.quiz.generate import build_bank
from generator.quiz.model import Bank, QuestionType, RelationName
from tests.conftest import STANDARDS
from tests.quiz_checks import bank_problems

CODES = ["KPS5220-005v2", "KPS5294-001v3"]


def _standard(code: str) -> Standard:
    return load_standard(STANDARDS / f"{code}.yaml")[0]


@pytest.fixture(scope="module", params=CODES)
def seed(request: pytest.FixtureRequest) -> tuple[Standard, Bank]:
    standard = _standard(request.param)
    return standard, build_bank(standard)


def test_every_key_recomputes_and_every_rule_holds(seed: tuple[Standard, Bank]) -> None:
    standard, bank = seed
    assert bank_problems(standard, bank) == []


def test_every_type_is_used(seed: tuple[Standard, Bank]) -> None:
    _, bank = seed
    assert {q.type for q in bank.questions} >= {
        QuestionType.SINGLE,
        QuestionType.MULTIPLE,
        QuestionType.MATCHING,
    }


def test_each_task_is_asked_about_its_knowledge_skills_and_outputs_or_indicators(
    seed: tuple[Standard, Bank],
) -> None:
    standard, bank = seed
    for task in standard.tasks():
        relations = {q.relation.name for q in bank.questions if q.task == task.code}
        assert RelationName.NEEDS_KNOWLEDGE in relations, task.code
        assert RelationName.NEEDS_SKILL in relations, task.code
        assert relations & {RelationName.PRODUCES_OUTPUT, RelationName.HAS_INDICATOR}, task.code


def test_every_task_k_s_and_a_is_assessed(seed: tuple[Standard, Bank]) -> None:
    standard, bank = seed
    missing = [
        c.code
        for c in coverage(standard, bank)
        if c.kind in ("工作任務", "知識", "技能", "態度") and not c.questions
    ]
    assert missing == []


def test_distractors_prefer_sibling_tasks(seed: tuple[Standard, Bank]) -> None:
    standard, bank = seed
    for q in bank.questions:
        if q.type is not QuestionType.SINGLE or q.relation.name is not RelationName.NEEDS_KNOWLEDGE:
            continue
        task = standard.task(q.relation.subject)
        siblings = {
            k for t in standard.duty_of(task.code).tasks if t != task for k in t.knowledge
        } - set(task.knowledge)
        wrong = {o.code for o in q.options if not o.correct}
        if not q.relation.negated and len(siblings) >= 3:
            assert wrong <= siblings, q.id


def test_answer_positions_are_balanced(seed: tuple[Standard, Bank]) -> None:
    _, bank = seed
    positions = Counter(
        next(i for i, o in enumerate(q.options) if o.correct)
        for q in bank.questions
        if q.type is QuestionType.SINGLE
    )
    assert set(positions) == {0, 1, 2, 3}
    assert max(positions.values()) - min(positions.values()) <= 1


def test_output_shared_by_two_tasks_accepts_both() -> None:
    for code, name, owners in (
        ("KPS5220-005v2", "預約表", {"T1.2", "T2.1"}),
        ("KPS5294-001v3", "電話行銷紀錄", {"T2.2", "T2.4"}),
    ):
        bank = build_bank(_standard(code))
        asked = [q for q in bank.questions if q.relation.name is RelationName.OUTPUT_OF_TASK]
        [question] = [q for q in asked if f"「{name}」" in q.stem]
        assert question.type is QuestionType.MULTIPLE
        assert set(question.correct_codes) == owners  # every correct task is offered and right
        for q in bank.questions:  # and never offered as a wrong output of one of its tasks
            if q.relation.name is RelationName.PRODUCES_OUTPUT and q.relation.subject in owners:
                assert not [o for o in q.options if o.text == name and not o.correct], q.id


def test_tasks_with_the_same_name_are_told_apart() -> None:
    standard = _standard("KPS5294-001v3")
    assert standard.task("T1.3").name == standard.task("T3.3").name == "參與工作團隊"
    for q in build_bank(standard).questions:
        codes = {o.code for o in q.options}
        if {"T1.3", "T3.3"} <= codes:
            texts = {o.code: o.text for o in q.options}
            assert texts["T1.3"] != texts["T3.3"]
            assert "T1.3" in texts["T1.3"] and "T3.3" in texts["T3.3"]


def test_knowledge_every_task_needs_is_never_a_distractor() -> None:
    standard = _standard("KPS5220-005v2")
    assert all("K01" in t.knowledge for t in standard.tasks())
    for q in build_bank(standard).questions:
        assert not [o for o in q.options if o.code == "K01" and not o.correct], q.id


def test_negative_form_when_a_task_needs_nearly_every_k() -> None:
    standard = _standard("KPS5220-005v2")
    t21 = standard.task("T2.1")
    unneeded = {k.code for k in standard.knowledge} - set(t21.knowledge)
    assert len(unneeded) == 2  # K03 and K10: too few wrong answers for a positive question
    q = build_bank(standard).question("KPS5220-005v2/T2.1/knowledge-1")
    assert q.relation.negated and "不需要" in q.stem
    assert set(q.correct_codes) <= unneeded


def test_task_needing_every_k_gets_a_true_false_question() -> None:
    standard = _standard("KPS5220-005v2")
    assert len(standard.task("T1.1").knowledge) == len(standard.knowledge)
    q = build_bank(standard).question("KPS5220-005v2/T1.1/knowledge-1")
    assert q.type is QuestionType.TRUE_FALSE
    # Every K is needed, so "需要 K…" is true and "不需要 K…" is false.
    assert q.correct_codes == (("false",) if "不需要" in q.stem else ("true",))


def test_true_false_answers_are_not_always_true() -> None:
    keys = [
        q.correct_codes
        for code in ("KPS5220-005v2", "KPS5294-001v3")
        for q in build_bank(_standard(code)).questions
        if q.type is QuestionType.TRUE_FALSE
    ]
    assert ("true",) in keys and ("false",) in keys


def test_stem_reads_naturally() -> None:
    q = build_bank(_standard("KPS5294-001v3")).question("KPS5294-001v3/T2.3/knowledge-1")
    assert q.stem == "執行「T2.3 處理客訴」時，需要下列哪一項知識？"
    assert q.correct_codes == ("K12",)  # the knowledge only this task needs


def test_deterministic() -> None:
    for code in CODES:
        assert bank_yaml(build_bank(_standard(code))) == bank_yaml(build_bank(_standard(code)))


def test_ids_stable_under_edits_to_other_tasks() -> None:
    standard = _standard("KPS5220-005v2")
    duty = standard.duties[3]
    edited_task = replace(
        duty.tasks[1], knowledge=("K01",), indicators=duty.tasks[1].indicators[:2]
    )
    edited = replace(
        standard,
        duties=(*standard.duties[:3], replace(duty, tasks=(duty.tasks[0], edited_task))),
    )
    before = {q.id: q for q in build_bank(standard).questions if q.task == "T1.1"}
    after = {q.id: q for q in build_bank(edited).questions if q.task == "T1.1"}
    assert before.keys() == after.keys()
    assert bank_problems(edited, build_bank(edited)) == []


def test_quiz_show_writes_the_bank_as_yaml(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(STANDARDS.parents[1])
    assert main(["quiz", "show", "KPS5220-005v2"]) == 0
    shown = yaml.safe_load(capsys.readouterr().out)
    assert shown == bank_to_data(build_bank(_standard("KPS5220-005v2")))


def test_quiz_coverage_lists_what_is_unassessed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(STANDARDS.parents[1])
    assert main(["quiz", "coverage", "KPS5294-001v3"]) == 0
    out = capsys.readouterr().out
    standard = _standard("KPS5294-001v3")
    assert f"知識：{len(standard.knowledge)}/{len(standard.knowledge)}" in out
    unassessed = [c.code for c in coverage(standard, build_bank(standard)) if not c.questions]
    assert "沒有任何題目評量的項目：" + "、".join(unassessed) in out


def test_unknown_code_suggests_the_closest(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(STANDARDS.parents[1])
    assert main(["quiz", "show", "KPS5220-005v3"]) == 2
    assert "您是不是要寫 KPS5220-005v2" in capsys.readouterr().err


def test_bank_file_written_with_output_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(STANDARDS.parents[1])
    target = tmp_path / "bank.yaml"
    assert main(["quiz", "show", "KPS5294-001v3", "-o", str(target)]) == 0
    assert yaml.safe_load(target.read_text("utf-8"))["standard"] == "KPS5294-001v3"
