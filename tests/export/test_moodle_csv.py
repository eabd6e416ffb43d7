"""Moodle competency framework CSV: Moodle's 14 columns, the standard's tree, every code once."""

from __future__ import annotations

import json

from generator.export.moodle_csv import moodle_competency_csv
from generator.model import Standard
from tests.export.conftest import load
from tests.export.moodle_php import moodle_csv_rows

# tool_lpimportcsv\framework_importer::list_required_headers(), labels of lang/en (Moodle).
HEADERS = [
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
]
KEYS = [
    "parentidnumber",
    "idnumber",
    "shortname",
    "description",
    "descriptionformat",
    "scalevalues",
    "scaleconfiguration",
    "ruletype",
    "ruleoutcome",
    "ruleconfig",
    "relatedidnumbers",
    "exportid",
    "isframework",
    "taxonomy",
]


def _rows(standard: Standard) -> list[dict[str, str]]:
    """The rows as Moodle's importer reads them (PHP's fgetcsv, see moodle_php.py)."""
    table = moodle_csv_rows(moodle_competency_csv(standard).encode("utf-8"))
    assert table[0] == HEADERS
    assert all(len(row) == 14 for row in table)
    return [dict(zip(KEYS, row, strict=True)) for row in table[1:]]


def _expected_codes(standard: Standard) -> dict[str, str | None]:
    """Every code of the standard with the code of its parent (None: top level)."""
    parents: dict[str, str | None] = {}
    for duty in standard.duties:
        parents[duty.code] = None
        for task in duty.tasks:
            parents[task.code] = duty.code
            for indicator in task.indicators:
                parents[indicator.code] = task.code
        for row in duty.rows:  # a row group's indicators belong to the duty's row, not a task
            parents.update({p.code: duty.code for p in row.indicators})
    for group, items in (
        ("K", standard.knowledge),
        ("S", standard.skills),
        ("A", standard.attitudes),
    ):
        parents[group] = None
        parents.update({i.code: group for i in items})
    return parents


def test_framework_row(seed: tuple[Standard, object]) -> None:
    standard, _ = seed
    framework, *competencies = _rows(standard)
    assert framework["isframework"] == "1" and framework["idnumber"] == standard.code
    assert framework["parentidnumber"] == "" and standard.name in framework["shortname"]
    assert framework["scalevalues"].count(",") >= 1
    config = json.loads(framework["scaleconfiguration"])
    assert "scaleid" in config[0]
    assert any(c.get("scaledefault") for c in config[1:]) and any(
        c.get("proficient") for c in config[1:]
    )
    assert [row["isframework"] for row in competencies] == ["0"] * len(competencies)


def test_every_code_once_under_its_parent(seed: tuple[Standard, object]) -> None:
    standard, _ = seed
    _, *rows = _rows(standard)
    prefix = f"{standard.code}-"
    ids = [row["idnumber"] for row in rows]
    assert len(ids) == len(set(ids))
    assert all(i.startswith(prefix) for i in ids)
    expected = _expected_codes(standard)
    assert sorted(i.removeprefix(prefix) for i in ids) == sorted(expected)
    for row in rows:
        parent = expected[row["idnumber"].removeprefix(prefix)]
        assert row["parentidnumber"] == (f"{prefix}{parent}" if parent else "")
        assert row["parentidnumber"] == "" or row["parentidnumber"] in ids
        assert row["descriptionformat"] in ("0", "1", "2", "4")
        assert len(row["shortname"]) <= 100


def test_parents_come_before_children(seed: tuple[Standard, object]) -> None:
    standard, _ = seed
    seen: set[str] = {""}
    for row in _rows(standard)[1:]:
        assert row["parentidnumber"] in seen
        seen.add(row["idnumber"])


def test_tasks_cross_reference_their_knowledge_and_skills(seed: tuple[Standard, object]) -> None:
    standard, _ = seed
    rows = {row["idnumber"]: row for row in _rows(standard)[1:]}
    for task in standard.tasks():
        related = rows[f"{standard.code}-{task.code}"]["relatedidnumbers"].split(",")
        assert related == [f"{standard.code}-{c}" for c in (*task.knowledge, *task.skills)]
        assert all(r in rows for r in related)


def test_texts_are_the_standards() -> None:
    standard = load("KPS5294-001v3")
    rows = {row["idnumber"]: row for row in _rows(standard)[1:]}
    for indicator in standard.indicators():
        assert rows[f"{standard.code}-{indicator.code}"]["description"] == indicator.text
    for attitude in standard.attitudes:
        row = rows[f"{standard.code}-{attitude.code}"]
        assert row["shortname"] == f"{attitude.code} {attitude.name}"
        assert row["description"] == (attitude.definition or attitude.name)
