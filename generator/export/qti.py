"""Question bank -> an IMS QTI 2.1 content package (a zip).

``imsmanifest.xml`` (IMS Content Packaging 1.1) lists one resource of type
``imsqti_item_xmlv2p1`` per question with its file, ``items/<id>.xml``. Each file is an
``assessmentItem``: a ``responseDeclaration`` ``RESPONSE`` with the correct response, an
``outcomeDeclaration`` ``SCORE``, a ``choiceInteraction`` (single, multiple, true/false) or a
``matchInteraction`` with two ``simpleMatchSet``\\ s, and a standard response-processing
template: ``match_correct`` for one right answer, ``map_response`` with a ``<mapping>`` where
credit is partial (multiple response, matching). The explanation is a ``rubricBlock`` for
scorers and tutors: the standard templates set no feedback outcome to show it to candidates.

The zip is deterministic: entries in a fixed order, one fixed timestamp, fixed permissions.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from fractions import Fraction

from generator.export.common import (
    ExportError,
    option_weights,
    right_texts,
    version_stamp,
    zip_bytes,
)
from generator.model import Standard
from generator.publish.files import ZipTime
from generator.quiz.model import Bank, Question, QuestionType

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TEMPLATES = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/"
ITEM_TYPE = "imsqti_item_xmlv2p1"
MANIFEST = "imsmanifest.xml"
LANGUAGE = "zh-TW"


def identifier(text: str, prefix: str) -> str:
    """A QTI/CP identifier (an XML NCName) from a question id: other characters become "_"."""
    return prefix + re.sub(r"[^A-Za-z0-9_.-]", "_", text)


def item_identifier(question: Question) -> str:
    return identifier(question.id, "item_")


def item_file(question: Question) -> str:
    return f"items/{item_identifier(question)}.xml"


def qti_package(standard: Standard, bank: Bank, stamp: ZipTime | None = None) -> bytes:
    """The zip; every entry dated ``stamp``, by default the standard's version date."""
    files = {item_file(q): item_xml(q) for q in bank.questions}
    if len(files) != len(bank.questions):
        raise ExportError("有兩題的 id 只差在特殊字元，轉成 QTI 檔名後相同；請改用不同的 id。")
    entries = {MANIFEST: manifest_xml(standard, bank), **dict(sorted(files.items()))}
    return zip_bytes(entries, stamp or version_stamp(standard))


def _serialize(root: ET.Element, namespace: str) -> bytes:
    """The document with ``namespace`` as its default namespace.

    The elements are built with plain names and the root declares ``xmlns``: ElementTree's
    own ``default_namespace`` refuses unqualified attributes, which QTI and CP use throughout.
    """
    if root.get("xmlns") != namespace:
        raise ValueError(f"the root must declare xmlns={namespace!r}")
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")


def manifest_xml(standard: Standard, bank: Bank) -> bytes:
    manifest = ET.Element(
        "manifest",
        {
            "xmlns": CP,
            "identifier": identifier(standard.code, "manifest_"),
            f"{{{XSI}}}schemaLocation": f"{CP} {CP_XSD} {QTI} {QTI_XSD}",
        },
    )
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = "QTIv2.1 Package"
    ET.SubElement(metadata, "schemaversion").text = "1.0.0"
    ET.SubElement(manifest, "organizations")
    resources = ET.SubElement(manifest, "resources")
    for question in bank.questions:
        href = item_file(question)
        resource = ET.SubElement(
            resources,
            "resource",
            identifier=identifier(question.id, "resource_"),
            type=ITEM_TYPE,
            href=href,
        )
        ET.SubElement(resource, "file", href=href)
    return _serialize(manifest, CP)


def _value(number: Fraction) -> str:
    """A score as a float literal; 1/3 three times adds up to exactly 1.0 as doubles."""
    return repr(float(number))


def choice_identifiers(question: Question) -> list[str]:
    """The options' identifiers in the item: A, B, C, …"""
    return [chr(ord("A") + i) for i in range(len(question.options))]


def item_xml(question: Question) -> bytes:
    item = ET.Element(
        "assessmentItem",
        {
            "xmlns": QTI,
            f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}",
            "identifier": item_identifier(question),
            "title": question.stem,
            "adaptive": "false",
            "timeDependent": "false",
            XML_LANG: LANGUAGE,
        },
    )
    if question.type is QuestionType.MATCHING:
        template = _matching(item, question)
    else:
        template = _choice(item, question)
    ET.SubElement(item, "responseProcessing", template=TEMPLATES + template)
    return _serialize(item, QTI)


def _body(item: ET.Element, question: Question) -> ET.Element:
    """The ``itemBody``, opening with the explanation for scorers and tutors."""
    body = ET.SubElement(item, "itemBody")
    if question.explanation:
        rubric = ET.SubElement(body, "rubricBlock", view="scorer tutor")
        ET.SubElement(rubric, "p").text = question.explanation
    return body


def _declarations(
    item: ET.Element, cardinality: str, base_type: str, correct: list[str]
) -> ET.Element:
    response = ET.SubElement(
        item,
        "responseDeclaration",
        identifier="RESPONSE",
        cardinality=cardinality,
        baseType=base_type,
    )
    values = ET.SubElement(response, "correctResponse")
    for value in correct:
        ET.SubElement(values, "value").text = value
    return response


def _outcome(item: ET.Element) -> None:
    outcome = ET.SubElement(
        item, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float"
    )
    ET.SubElement(ET.SubElement(outcome, "defaultValue"), "value").text = "0"


def _mapping(response: ET.Element, entries: list[tuple[str, Fraction]]) -> None:
    mapping = ET.SubElement(response, "mapping", lowerBound="0", upperBound="1", defaultValue="0")
    for key, value in entries:
        ET.SubElement(mapping, "mapEntry", mapKey=key, mappedValue=_value(value))


def _choice(item: ET.Element, question: Question) -> str:
    ids = choice_identifiers(question)
    correct = [i for i, o in zip(ids, question.options, strict=True) if o.correct]
    multiple = question.type is QuestionType.MULTIPLE
    if not multiple and len(correct) != 1:
        raise ExportError(f"{question.id}：單選題與是非題必須剛好有一個正確答案。")
    response = _declarations(item, "multiple" if multiple else "single", "identifier", correct)
    if multiple:
        _mapping(response, list(zip(ids, option_weights(question), strict=True)))
    _outcome(item)
    body = _body(item, question)
    interaction = ET.SubElement(
        body,
        "choiceInteraction",
        responseIdentifier="RESPONSE",
        shuffle="false",  # the generator spreads the answers over the positions on purpose
        maxChoices=str(len(ids)) if multiple else "1",
    )
    ET.SubElement(interaction, "prompt").text = question.stem
    for choice_id, option in zip(ids, question.options, strict=True):
        ET.SubElement(interaction, "simpleChoice", identifier=choice_id).text = option.text
    return "map_response" if multiple else "match_correct"


def _matching(item: ET.Element, question: Question) -> str:
    """Left texts L1…, right texts R1… (the options, in the bank's order); one point shared."""
    right_texts(question)  # every pair points at an option
    rights = {o.code: f"R{i}" for i, o in enumerate(question.options, start=1)}
    pairs = []
    for n, pair in enumerate(question.pairs, start=1):
        pairs.append(f"L{n} {rights[pair.right]}")
    response = _declarations(item, "multiple", "directedPair", pairs)
    _mapping(response, [(p, Fraction(1, len(pairs))) for p in pairs])
    _outcome(item)
    body = _body(item, question)
    interaction = ET.SubElement(
        body,
        "matchInteraction",
        responseIdentifier="RESPONSE",
        shuffle="false",
        maxAssociations=str(len(pairs)),
    )
    ET.SubElement(interaction, "prompt").text = question.stem
    left = ET.SubElement(interaction, "simpleMatchSet")
    for n, pair in enumerate(question.pairs, start=1):
        ET.SubElement(
            left, "simpleAssociableChoice", identifier=f"L{n}", matchMax="1"
        ).text = pair.left_text
    right = ET.SubElement(interaction, "simpleMatchSet")
    for option in question.options:
        ET.SubElement(
            right, "simpleAssociableChoice", identifier=rights[option.code], matchMax="1"
        ).text = option.text
    return "map_response"
