"""Property tests: on any standard, every key recomputes and no distractor is right.

Random standards are built with few distinct names and texts on purpose, so that outputs,
indicators and definitions often repeat across tasks: the traps real standards contain.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import (
    Attitude,
    Category,
    Classification,
    Duty,
    Indicator,
    Item,
    Output,
    Standard,
    Task,
)
from generator.quiz.bank import bank_yaml
from generator.quiz.generate import build_bank
from generator.quiz.model import Question
from tests.quiz_checks import bank_problems

WORDS = st.sampled_from(["預約表", "紀錄表", "名單", "報告", "檢核表", "維護表"])
SENTENCES = st.sampled_from([f"依規範完成第{n}項作業。" for n in range(1, 9)])


@st.composite
def standards(draw: st.DrawFn) -> Standard:
    n_k = draw(st.integers(1, 9))
    n_s = draw(st.integers(1, 9))
    k_codes = [f"K{n:02d}" for n in range(1, n_k + 1)]
    s_codes = [f"S{n:02d}" for n in range(1, n_s + 1)]
    duties = []
    for d in range(1, draw(st.integers(1, 4)) + 1):
        tasks = []
        for t in range(1, draw(st.integers(1, 4)) + 1):
            code = f"T{d}.{t}"
            outputs = tuple(
                Output(f"O{d}.{t}.{n}", draw(WORDS)) for n in range(1, draw(st.integers(0, 2)) + 1)
            )
            indicators = tuple(
                Indicator(f"P{d}.{t}.{n}", draw(SENTENCES))
                for n in range(1, draw(st.integers(1, 3)) + 1)
            )
            knowledge = tuple(draw(st.lists(st.sampled_from(k_codes), min_size=1, unique=True)))
            skills = tuple(draw(st.lists(st.sampled_from(s_codes), min_size=1, unique=True)))
            tasks.append(Task(code, draw(WORDS), 2, outputs, indicators, knowledge, skills))
        duties.append(Duty(f"T{d}", f"職責{d}", tuple(tasks)))
    names = st.sampled_from(["溝通", "協調", "規範", "法規", "系統", "安全"])
    attitudes = tuple(
        Attitude(f"A{n:02d}", f"態度{n}", draw(st.one_of(st.none(), SENTENCES)))
        for n in range(1, draw(st.integers(0, 7)) + 1)
    )
    return Standard(
        code="TST9999-001v1",
        name="測試",
        level=2,
        description="測試用。",
        category=Category(
            Classification("T", "測試"),
            (Classification("1", "測試"),),
            (Classification("2", "測試"),),
        ),
        versions=(),
        duties=tuple(duties),
        knowledge=tuple(Item(c, draw(names)) for c in k_codes),
        skills=tuple(Item(c, draw(names) + "能力") for c in s_codes),
        attitudes=attitudes,
    )


@settings(max_examples=200, deadline=None)
@given(standards())
def test_any_bank_is_sound(standard: Standard) -> None:
    bank = build_bank(standard)
    assert bank_problems(standard, bank) == []
    assert bank_yaml(build_bank(standard)) == bank_yaml(bank)  # deterministic


@settings(max_examples=100, deadline=None)
@given(standards(), st.data())
def test_ids_of_a_task_survive_edits_elsewhere(standard: Standard, data: st.DataObject) -> None:
    tasks = list(standard.tasks())
    kept = data.draw(st.sampled_from(tasks))
    others = [t for t in tasks if t.code != kept.code]
    if not others:
        return
    victim = data.draw(st.sampled_from(others))
    edited_task = replace(victim, knowledge=victim.knowledge[:1], indicators=victim.indicators[:1])
    edited = replace(
        standard,
        duties=tuple(
            replace(d, tasks=tuple(edited_task if t == victim else t for t in d.tasks))
            for d in standard.duties
        ),
    )
    before, after = _task_questions(standard, kept.code), _task_questions(edited, kept.code)
    # Questions may appear or vanish as wrong options come and go, but an id always names the
    # task's own codes, so a trainer's edit never lands on another question.
    own = {kept.code, *(p.code for p in kept.indicators)}
    for questions in (before, after):
        assert {qid.split("/")[1] for qid in questions} <= own
    for qid in before.keys() & after.keys():
        assert before[qid].stem.split("「")[0] == after[qid].stem.split("「")[0], qid


def _task_questions(standard: Standard, task: str) -> dict[str, Question]:
    return {q.id: q for q in build_bank(standard).questions if q.task == task}
