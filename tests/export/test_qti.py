"""QTI 2.1: a content package whose manifest and items agree, each item keyed as the bank is."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from generator.export.qti import qti_package
from generator.model import Standard
from generator.quiz.model import Bank, Question, QuestionType
from tests.export.parsers import assert_valid, imscp_schema

QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
TEMPLATES = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/"
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def _package(data: bytes) -> tuple[ET.Element, dict[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        files = {name: package.read(name) for name in package.namelist()}
    return ET.fromstring(files["imsmanifest.xml"]), files


def _one(element: ET.Element, path: str) -> ET.Element:
    found = element.find(path)
    assert found is not None, path
    return found


def _check_manifest(data: bytes, bank: Bank) -> dict[str, ET.Element]:
    manifest, files = _package(data)
    assert manifest.tag == f"{CP}manifest" and NCNAME.match(manifest.get("identifier") or "")
    resources = _one(manifest, f"{CP}resources").findall(f"{CP}resource")
    assert len(resources) == len(bank.questions)
    hrefs = [r.get("href") or "" for r in resources]
    for resource in resources:
        assert resource.get("type") == "imsqti_item_xmlv2p1"
        assert NCNAME.match(resource.get("identifier") or "")
        assert [f.get("href") for f in resource.findall(f"{CP}file")] == [resource.get("href")]
    assert set(hrefs) == set(files) - {"imsmanifest.xml"}  # every item listed, every file there
    items = {}
    for href in hrefs:
        item = ET.fromstring(files[href])
        assert item.tag == f"{QTI}assessmentItem"
        items[item.get("identifier") or ""] = item
    assert len(items) == len(bank.questions)
    return dict(
        zip([q.id for q in bank.questions], [items[_id(href)] for href in hrefs], strict=True)
    )


def _id(href: str) -> str:
    return href.removeprefix("items/").removesuffix(".xml")


def _check_item(question: Question, item: ET.Element) -> None:
    assert NCNAME.match(item.get("identifier") or "")
    assert item.get("adaptive") == "false" and item.get("timeDependent") == "false"
    assert item.get("title") == question.stem
    response = _one(item, f"{QTI}responseDeclaration")
    assert response.get("identifier") == "RESPONSE"
    correct = [v.text or "" for v in response.iterfind(f"{QTI}correctResponse/{QTI}value")]
    outcome = _one(item, f"{QTI}outcomeDeclaration")
    assert (outcome.get("identifier"), outcome.get("baseType")) == ("SCORE", "float")
    template = _one(item, f"{QTI}responseProcessing").get("template") or ""
    body = _one(item, f"{QTI}itemBody")
    assert _one(body, f"{QTI}rubricBlock/{QTI}p").text == question.explanation
    mapping = {
        e.get("mapKey"): float(e.get("mappedValue") or "")
        for e in response.iterfind(f"{QTI}mapping/{QTI}mapEntry")
    }
    if question.type is QuestionType.MATCHING:
        interaction = _one(body, f"{QTI}matchInteraction")
        assert _one(interaction, f"{QTI}prompt").text == question.stem
        left_set, right_set = interaction.findall(f"{QTI}simpleMatchSet")
        lefts = {c.get("identifier"): c.text for c in left_set}
        rights = {c.get("identifier"): c.text for c in right_set}
        pairs = [tuple(value.split(" ")) for value in correct]
        options = {o.code: o.text for o in question.options}
        assert [(lefts[a], rights[b]) for a, b in pairs] == [
            (p.left_text, options[p.right]) for p in question.pairs
        ]
        assert response.get("cardinality") == "multiple"
        assert response.get("baseType") == "directedPair"
        assert set(mapping) == set(correct) and sum(mapping.values()) == pytest.approx(1)
        assert template == TEMPLATES + "map_response"
        return
    interaction = _one(body, f"{QTI}choiceInteraction")
    assert _one(interaction, f"{QTI}prompt").text == question.stem
    choices = {c.get("identifier"): c.text for c in interaction.findall(f"{QTI}simpleChoice")}
    assert list(choices.values()) == [o.text for o in question.options]
    assert [choices[c] for c in correct] == [o.text for o in question.options if o.correct]
    if question.type is QuestionType.MULTIPLE:
        assert response.get("cardinality") == "multiple"
        assert int(interaction.get("maxChoices") or "") >= len(correct)
        assert template == TEMPLATES + "map_response"
        assert set(mapping) == set(choices)
        assert sum(v for v in mapping.values() if v > 0) == pytest.approx(1)
        assert sum(mapping.values()) == pytest.approx(0)
        assert {k for k, v in mapping.items() if v > 0} == set(correct)
    else:
        assert response.get("cardinality") == "single"
        assert interaction.get("maxChoices") == "1"
        assert template == TEMPLATES + "match_correct"
        assert not mapping


def test_manifest_and_items_agree_with_the_bank(seed: tuple[Standard, Bank]) -> None:
    standard, bank = seed
    items = _check_manifest(qti_package(standard, bank), bank)
    for question in bank.questions:
        _check_item(question, items[question.id])


def test_reserved_characters_round_trip(nasty: tuple[Standard, Bank]) -> None:
    standard, bank = nasty
    items = _check_manifest(qti_package(standard, bank), bank)
    for question in bank.questions:
        _check_item(question, items[question.id])


def test_zip_is_deterministic_and_dated_by_the_standard(seed: tuple[Standard, Bank]) -> None:
    standard, bank = seed
    data = qti_package(standard, bank)
    assert data == qti_package(standard, bank)
    # no version table: the zip's earliest date (1980-01-01), never the clock's
    day = next((v.date for v in standard.versions if v.code == standard.code), "1980-01-01")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        infos = package.infolist()
    assert infos[0].filename == "imsmanifest.xml"
    assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])
    stamp = "{:04d}-{:02d}-{:02d}".format(*infos[0].date_time[:3])
    assert {i.date_time for i in infos} == {infos[0].date_time} and stamp == day


def test_manifest_valid_against_the_ims_cp_xsd(seed: tuple[Standard, Bank]) -> None:
    standard, bank = seed
    manifest, _ = _package(qti_package(standard, bank))
    assert_valid(imscp_schema(), ET.tostring(manifest))
