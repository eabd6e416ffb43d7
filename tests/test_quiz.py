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
from tests.quiz_checks import bank_problems, blind_scores

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
    assert {q.type for q in bank.questions} == set(QuestionType)


def test_a_blind_learner_does_not_pass(seed: tuple[Standard, Bank]) -> None:
    """Every blind strategy, and the best one per question type, stays within chance + 10."""
    standard, bank = seed
    guess, strategies, best = blind_scores(standard, bank)
    assert 20 <= guess <= 40
    assert all(score <= guess + 10 for score in strategies.values()), strategies
    assert best <= guess + 10 and best < 60


def test_every_indicator_is_assessed_or_its_reason_given(seed: tuple[Standard, Bank]) -> None:
    standard, bank = seed
    rows = [c for c in coverage(standard, bank) if c.kind == "行為指標"]
    assert all(c.questions or c.reason for c in rows)
    assessed = sum(bool(c.questions) for c in rows)
    assert assessed / len(rows) >= 0.8  # not just each task's first and last indicator


def test_every_task_and_attitude_is_assessed(seed: tuple[Standard, Bank]) -> None:
    standard, bank = seed
    missing = [
        c.code
        for c in coverage(standard, bank)
        if c.kind in ("工作任務", "態度") and not c.questions
    ]
    assert missing == []


def test_keys_are_spread_over_places_and_counts(seed: tuple[Standard, Bank]) -> None:
    _, bank = seed
    places = Counter(
        next(i for i, o in enumerate(q.options) if o.correct)
        for q in bank.questions
        if q.type is QuestionType.SINGLE
    )
    assert set(places) == {0, 1, 2, 3}
    assert max(places.values()) - min(places.values()) <= 1
    statements = Counter(
        q.correct_codes for q in bank.questions if q.type is QuestionType.TRUE_FALSE
    )
    assert abs(statements[("true",)] - statements[("false",)]) <= 1
    keys = Counter(len(q.correct_codes) for q in bank.questions if q.type is QuestionType.MULTIPLE)
    assert 1 in keys and len(keys) >= 3  # one key, or several: the count tells nothing


def test_facts_asked_once() -> None:
    """T1.1 and T3.1 of KPS5220-005v2 need the same twelve K: one knowledge question for both."""
    standard = _standard("KPS5220-005v2")
    assert set(standard.task("T1.1").knowledge) == set(standard.task("T3.1").knowledge)
    asked = {q.task for q in build_bank(standard).questions if q.kind == "knowledge"}
    assert not {"T1.1", "T3.1"} <= asked


def test_output_shared_by_two_tasks_accepts_both() -> None:
    for code, name, owners in (
        ("KPS5220-005v2", "預約表", {"T1.2", "T2.1"}),
        ("KPS5294-001v3", "電話行銷紀錄", {"T2.2", "T2.4"}),
    ):
        bank = build_bank(_standard(code))
        for q in bank.questions:  # never offered as a wrong output of one of its tasks
            produces = q.relation and q.relation.name is RelationName.PRODUCES_OUTPUT
            if produces and q.relation and q.relation.subject in owners:
                assert not [o for o in q.options if o.text == name and not o.correct], q.id
            if (
                q.relation
                and q.relation.name is RelationName.OUTPUT_OF_TASK
                and f"「{name}」" in q.stem
            ):
                assert {o.code for o in q.options if o.correct} <= owners
                assert not {o.code for o in q.options if not o.correct} & owners


def test_tasks_with_the_same_name_are_told_apart_by_their_duty() -> None:
    standard = _standard("KPS5294-001v3")
    assert standard.task("T1.3").name == standard.task("T3.3").name == "參與工作團隊"
    for q in build_bank(standard).questions:
        texts = {o.code: o.text for o in q.options}
        assert "參與工作團隊" not in texts.values(), q.id
        if "T1.3" in texts:
            assert texts["T1.3"] == "參與工作團隊（準備顧客聯繫工作）"


def test_synonyms_are_never_keyed_opposite_ways() -> None:
    """自我管理技巧 / 自我管理能力的, 計劃和組織能力 / 組織能力: never one right, one wrong."""
    bank = build_bank(_standard("KPS5294-001v3"))
    pairs = [
        ("自我管理技巧", "自我管理能力的"),
        ("計劃和組織能力", "組織能力"),
        ("行業特定的規範和立法要求", "產業規範與法規要求"),
    ]
    for q in bank.questions:
        keyed = {o.text: o.correct for o in q.options}
        for a, b in pairs:
            if a in keyed and b in keyed:
                assert keyed[a] == keyed[b], q.id


def test_negative_stems_say_so() -> None:
    standard = _standard("KPS5220-005v2")
    t21 = standard.task("T2.1")
    unneeded = {k.code for k in standard.knowledge} - set(t21.knowledge)
    assert len(unneeded) == 2  # K03 and K10: too few wrong answers for a positive question
    q = build_bank(standard).question("KPS5220-005v2/T2.1/knowledge-1")
    assert q.relation is not None
    assert q.relation.negated and q.stem == "執行「預約服務」時，不需要下列哪一項知識？"
    assert set(q.correct_codes) <= unneeded


def test_stem_reads_naturally() -> None:
    q = build_bank(_standard("KPS5294-001v3")).question("KPS5294-001v3/T2.3/knowledge-1")
    assert q.stem == "執行「處理客訴」時，需要下列哪一項知識？"
    standard = _standard("KPS5294-001v3")
    assert set(q.correct_codes) <= set(standard.task("T2.3").knowledge)
    # 客訴處理方法 (K12) is the one only this task needs, but it repeats the task's words
    # (處理, 客訴): a learner who knows nothing would pick it, so it is not the key.
    assert "客訴處理方法" not in [o.text for o in q.options if o.correct]


def test_cloze_blanks_the_output_an_indicator_names() -> None:
    q = build_bank(_standard("KPS5220-005v2")).question("KPS5220-005v2/P1.2.3/cloze-1")
    assert (
        q.stem == "「應用＿＿＿＿，預先掌握進廠車輛時間及客戶需求。」空格中應填入哪一項工作產出？"
    )
    assert [o.text for o in q.options if o.correct] == ["預約表"]


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
    assert main(["quiz", "show", "KPS5294-001v3"]) == 0
    shown = yaml.safe_load(capsys.readouterr().out)
    assert shown == bank_to_data(build_bank(_standard("KPS5294-001v3")))


def test_quiz_coverage_lists_what_is_unassessed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(STANDARDS.parents[1])
    assert main(["quiz", "coverage", "KPS5294-001v3"]) == 0
    out = capsys.readouterr().out
    standard = _standard("KPS5294-001v3")
    assert f"工作任務：{len(list(standard.tasks()))}/{len(list(standard.tasks()))}" in out
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


def test_quiz_audit_reports_every_strategy(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(STANDARDS.parents[1])
    assert main(["quiz", "audit", "KPS5220-005v2"]) == 0
    out = capsys.readouterr().out
    for line in (
        "隨機作答",
        "選上一題答案的下一個位置",
        "選最長的選項",
        "選與題幹字詞重複的選項",
        "複選題勾選同一職責的所有任務",
        "是非題一律答「正確」",
        "單選題答案位置",
    ):
        assert line in out
    assert "結果：最佳盲猜策略" in out
