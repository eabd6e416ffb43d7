"""CASE 1.1 CFPackage: every required field, every association between existing nodes."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator.export.case import case_json
from generator.model import Standard

# Required ([1]) attributes in CASE 1.1 (1EdTech CASE Service 1.1, section 7.1).
DOCUMENT = {"identifier", "uri", "creator", "title", "lastChangeDateTime"}
ITEM = {"identifier", "fullStatement", "uri", "lastChangeDateTime"}
ASSOCIATION = {
    "identifier",
    "associationType",
    "uri",
    "originNodeURI",
    "destinationNodeURI",
    "lastChangeDateTime",
}
LINK = {"title", "identifier", "uri"}


def _package(standard: Standard) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(case_json(standard))
    assert set(data) <= {"CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics"}
    return data


def _is_uuid(text: str) -> bool:
    return str(uuid.UUID(text)) == text


def _expected_items(standard: Standard) -> dict[str, str]:
    """Every code of the standard with its CFItemType."""
    types: dict[str, str] = {}
    for duty in standard.duties:
        types[duty.code] = "主要職責"
        for task in duty.tasks:
            types[task.code] = "工作任務"
    types |= {p.code: "行為指標" for p in standard.indicators()}
    types |= {o.code: "工作產出" for o in standard.outputs()}
    types |= {k.code: "知識" for k in standard.knowledge}
    types |= {s.code: "技能" for s in standard.skills}
    types |= {a.code: "態度" for a in standard.attitudes}
    return types


def test_required_fields_and_stable_identifiers(seed: tuple[Standard, object]) -> None:
    standard, _ = seed
    package = _package(standard)
    document = package["CFDocument"]
    assert set(document) >= DOCUMENT and all(document[k] for k in DOCUMENT)
    assert document["title"] == standard.name and document.get("caseVersion", "1.1") == "1.1"
    # no version table: no date to give, and never the clock's
    day = next((v.date for v in standard.versions if v.code == standard.code), "1970-01-01")
    assert document["lastChangeDateTime"].startswith(f"{day}T")
    ids = [document["identifier"]]
    for item in package["CFItems"]:
        assert set(item) >= ITEM and all(item[k] for k in ITEM), item
        assert item["lastChangeDateTime"] == document["lastChangeDateTime"]
        ids.append(item["identifier"])
    for association in package["CFAssociations"]:
        assert set(association) >= ASSOCIATION, association
        assert set(association["originNodeURI"]) >= LINK
        assert set(association["destinationNodeURI"]) >= LINK
        ids.append(association["identifier"])
    assert all(_is_uuid(i) for i in ids) and len(ids) == len(set(ids))
    assert case_json(standard) == case_json(standard)


def test_one_item_per_code_with_its_type(seed: tuple[Standard, object]) -> None:
    standard, _ = seed
    items = _package(standard)["CFItems"]
    found = {i["humanCodingScheme"]: i["CFItemType"] for i in items}
    assert len(found) == len(items)
    assert found == _expected_items(standard)
    statements = {i["humanCodingScheme"]: i["fullStatement"] for i in items}
    assert all(statements[p.code] == p.text for p in standard.indicators())
    assert all(statements[k.code] == k.name for k in standard.knowledge)


def test_associations_point_at_existing_nodes_and_draw_the_tree(
    seed: tuple[Standard, object],
) -> None:
    standard, _ = seed
    package = _package(standard)
    document = package["CFDocument"]
    code_of = {i["identifier"]: i["humanCodingScheme"] for i in package["CFItems"]}
    code_of[document["identifier"]] = None
    parents: dict[str, str | None] = {}
    related: set[tuple[str, str]] = set()
    for association in package["CFAssociations"]:
        origin, destination = association["originNodeURI"], association["destinationNodeURI"]
        assert origin["identifier"] in code_of and destination["identifier"] in code_of
        child, parent = code_of[origin["identifier"]], code_of[destination["identifier"]]
        assert child is not None
        if association["associationType"] == "isChildOf":
            assert child not in parents  # a tree: one parent each
            parents[child] = parent
        else:
            assert association["associationType"] == "isRelatedTo"
            assert parent is not None
            related.add((child, parent))
    assert set(parents) == set(code_of.values()) - {None}
    for duty in standard.duties:
        assert parents[duty.code] is None
        for task in duty.tasks:
            assert parents[task.code] == duty.code
            assert all(parents[p.code] == task.code for p in task.indicators)
            # a shared output is one item, under one of the tasks that produce it
            assert all(parents[o.code] in standard.producers(o.code) for o in task.outputs)
        for row in duty.rows:  # a row group's items belong to the duty, related to each task
            for code in (*(p.code for p in row.indicators), *(o.code for o in row.outputs)):
                assert parents[code] == duty.code
                assert {(t, code) for t in row.tasks} <= related
    needs = {(t.code, c) for t in standard.tasks() for c in (*t.knowledge, *t.skills)}
    produces = {
        (t.code, o.code) for t in standard.tasks() for o in t.outputs if parents[o.code] != t.code
    }
    grouped = {
        (t, code)
        for d in standard.duties
        for row in d.rows
        for t in row.tasks
        for code in (*(p.code for p in row.indicators), *(o.code for o in row.outputs))
    }
    assert related == needs | produces | grouped


SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "case-v1p1-cfpackage.schema.json").read_text()
)


@pytest.mark.parametrize("site_url", [None, "https://training.example.org/courses/"])
def test_valid_against_the_case_schema(seed: tuple[Standard, object], site_url: str | None) -> None:
    standard, _ = seed
    package = json.loads(case_json(standard, site_url))
    problems = [e.message for e in Draft202012Validator(SCHEMA).iter_errors(package)]
    assert problems == []


def test_adoption_status_in_cases_words_and_icaps_kept(seed: tuple[Standard, object]) -> None:
    standard, _ = seed
    document = _package(standard)["CFDocument"]
    own = next((v for v in standard.versions if v.code == standard.code), None)
    if own is None:  # a standard published without a version table: no status to state
        assert "adoptionStatus" not in document
        assert "extensions" not in document
        return
    assert own.status == "最新版本"  # as the seeds publish them: the current version
    assert document["adoptionStatus"] == "Adopted"
    assert document["extensions"] == {"icapVersionStatus": "最新版本"}


def test_uris_are_addresses_under_the_site_when_it_is_known(seed: tuple[Standard, object]) -> None:
    standard, _ = seed
    site = "https://training.example.org/courses"
    package = json.loads(case_json(standard, site + "/"))
    nodes = [package["CFDocument"], *package["CFItems"], *package["CFAssociations"]]
    links = [
        a[end] for a in package["CFAssociations"] for end in ("originNodeURI", "destinationNodeURI")
    ]
    for node in [*nodes, *links]:
        assert node["uri"] == f"{site}/{standard.code}/case/{node['identifier']}"
    without = json.loads(case_json(standard))
    assert without["CFDocument"]["uri"] == f"urn:uuid:{without['CFDocument']['identifier']}"
