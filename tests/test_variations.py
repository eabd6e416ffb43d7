"""Real standards' variations through quiz and CLI: keys follow what the source says of each
task, a row's indicators and outputs are never claimed for one of its tasks, and one broken
standard does not stop the work on the others."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.importers import Imported, import_text
from generator.model import Standard
from generator.quiz.generate import build_bank
from generator.quiz.model import Question, QuestionType, RelationName
from generator.quiz.relations import Facts
from tests.conftest import FIXTURES, ROOT
from tests.quiz_checks import bank_problems
from tests.test_import_variations import ROW_KNOWLEDGE, ROW_SKILLS, VARIATIONS

ROW_OF_FIVE, SHARED_OUTPUT, SEVEN_DUTIES = "TST5555-002v2", "TST4444-001", "TST3333-003v1"
TWO_LEVELS = "TST7777-001v1"  # T2.1 in two rows of levels 4 and 3

# What each fixture's table says of rows, read from tests/fixtures/icap/: the indicators and
# outputs of a row of several tasks, and those tasks.
ROWS: dict[str, dict[tuple[str, ...], list[str]]] = {
    ROW_OF_FIVE: {
        ("T1.1", "T1.2", "T1.3", "T1.4", "T1.5"): (
            ["P1.1", "P1.2", "P1.3", "P1.4", "P1.5", "O1.1", "O1.2", "O1.3"]
        )
    },
    SEVEN_DUTIES: {("T1.1", "T1.2"): ["P1.1.1", "P1.1.2", "O1.1.1"]},
    SHARED_OUTPUT: {},
    TWO_LEVELS: {},
}


SOURCES = {
    ROW_OF_FIVE: "row-of-five-tasks.md.txt",
    SHARED_OUTPUT: "first-version-shared-output.txt",
    SEVEN_DUTIES: "seven-duties-shared-row.txt",
    TWO_LEVELS: "two-level-rows.md.txt",
}


def _imported(code: str) -> Imported:
    path = FIXTURES / "icap" / SOURCES[code]
    return import_text(path.read_text("utf-8"), str(path))


def _load(code: str) -> Standard:
    return _imported(code).standard


@pytest.fixture(scope="module", params=sorted(ROWS))
def variation(request: pytest.FixtureRequest) -> Standard:
    return _load(request.param)


def test_every_key_recomputes(variation: Standard) -> None:
    assert bank_problems(variation, build_bank(variation)) == []


def _correct(question: Question) -> set[str]:
    assert question.relation is not None
    if question.type is QuestionType.TRUE_FALSE:
        holds = question.correct_codes == ("true",)
        return {question.statement or ""} if holds != question.relation.negated else set()
    return {o.code for o in question.options if o.correct != question.relation.negated}


def test_no_question_states_a_row_s_item_as_one_task_s(variation: Standard) -> None:
    rows = ROWS[variation.code]
    grouped = {task for tasks in rows for task in tasks}
    items = {item: tasks for tasks, codes in rows.items() for item in codes}
    for q in build_bank(variation).questions:
        assert q.relation is not None  # generated questions, all with their relation
        relation, subject = q.relation.name, q.relation.subject
        if relation in (RelationName.HAS_INDICATOR, RelationName.PRODUCES_OUTPUT):
            assert subject not in grouped, q.id
            assert not _correct(q) & set(items), q.id
        reverse = (RelationName.INDICATOR_OF_TASK, RelationName.OUTPUT_OF_TASK)
        if relation in reverse and subject in items:  # only as the whole group, never one task
            assert q.type is QuestionType.MULTIPLE and _correct(q) == set(items[subject])


def test_knowledge_and_skill_keys_follow_the_marks() -> None:
    standard = _load(ROW_OF_FIVE)
    needs = {"knowledge": ROW_KNOWLEDGE, "skills": ROW_SKILLS}
    asked = 0
    for q in build_bank(standard).questions:
        assert q.relation is not None  # generated questions, all with their relation
        relation, subject = q.relation.name, q.relation.subject
        offered = {o.code for o in q.options} | {q.statement or ""} - {"true", "false", ""}
        if relation in (RelationName.NEEDS_KNOWLEDGE, RelationName.NEEDS_SKILL):
            kind = "knowledge" if relation is RelationName.NEEDS_KNOWLEDGE else "skills"
            assert _correct(q) == offered & set(needs[kind][subject]), q.id
            asked += 1
        if relation in (RelationName.KNOWLEDGE_NEEDED_BY, RelationName.SKILL_NEEDED_BY):
            kind = "knowledge" if relation is RelationName.KNOWLEDGE_NEEDED_BY else "skills"
            users = {t for t, codes in needs[kind].items() if subject in codes}
            assert _correct(q) == offered & users, q.id
            asked += 1
    assert asked >= len(ROW_KNOWLEDGE)


def test_a_shared_output_is_produced_by_both_tasks() -> None:
    standard = _load(SHARED_OUTPUT)
    facts = Facts.of(standard)  # what every key is computed with
    producers = {t.code for t in standard.tasks()}
    producers = {t for t in producers if facts.holds(RelationName.OUTPUT_OF_TASK, "O2.1.1", t)}
    assert producers == {"T2.1", "T2.2"}  # the fixture lists 量測報告 under both
    for task in ("T2.1", "T2.2"):
        assert facts.holds(RelationName.PRODUCES_OUTPUT, task, "O2.1.1")
    for q in build_bank(standard).questions:  # and whatever is asked of it says so
        assert q.relation is not None
        if q.relation.name is RelationName.OUTPUT_OF_TASK and q.relation.subject == "O2.1.1":
            assert _correct(q) == {o.code for o in q.options} & {"T2.1", "T2.2"}


# --- a catalogue with one broken and two sound standards -----------------------------------

BROKEN = SEVEN_DUTIES


@pytest.fixture
def catalogue(in_tmp: Path) -> Path:
    standards = in_tmp / "content" / "standards"
    shutil.copytree(VARIATIONS, standards)
    text = _imported(BROKEN).yaml_text.replace("[K01]", "[K99]", 1)
    (standards / f"{BROKEN}.yaml").write_text(text, "utf-8")
    shutil.copy(ROOT / "mkdocs.yml", in_tmp / "mkdocs.yml")
    return in_tmp


def test_commands_about_one_course_ignore_another_s_errors(
    catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["quiz", "show", ROW_OF_FIVE]) == 0
    shown = yaml.safe_load(capsys.readouterr().out)
    assert shown["questions"] and all(q["id"].startswith(ROW_OF_FIVE) for q in shown["questions"])
    assert main(["quiz", "coverage", SHARED_OUTPUT]) == 0
    assert main(["quiz", "audit", SHARED_OUTPUT]) == 0
    assert main(["export", SHARED_OUTPUT, "--format", "case-json"]) == 0
    assert (catalogue / "build" / "exports" / f"{SHARED_OUTPUT}.case.json").is_file()
    assert main(["new", ROW_OF_FIVE]) == 0
    capsys.readouterr()
    assert main(["quiz", "show", BROKEN]) == 1  # its own errors still stop it
    assert "K99" in capsys.readouterr().err
    assert main(["validate"]) == 1  # and validate still checks everything


def test_build_is_strict_and_skip_invalid_publishes_the_sound_courses(
    catalogue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert f"content/standards/{BROKEN}.yaml" in err and "K99" in err
    assert not (catalogue / "site").exists()
    assert main(["build", "--skip-invalid"]) == 3
    err = capsys.readouterr().err
    assert "K99" in err and f"已略過 1 門有錯誤的課程（錯誤如上）：{BROKEN}" in err
    site = catalogue / "site"
    assert (site / ROW_OF_FIVE / "T1" / "index.html").is_file()
    assert (site / SHARED_OUTPUT / "T3" / "index.html").is_file()
    assert not (site / BROKEN).exists()
    catalogue_home = (site / "index.html").read_text("utf-8")
    assert ROW_OF_FIVE in catalogue_home and BROKEN not in catalogue_home
