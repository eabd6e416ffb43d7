"""Standard -> a 1EdTech CASE 1.1 CFPackage (JSON).

The package holds the CFDocument (the standard), one CFItem per duty, task, indicator, output,
knowledge, skill and attitude, and CFAssociations: ``isChildOf`` for the tree (duty -> document,
task -> duty, indicator and output -> task, K/S/A -> document) and ``isRelatedTo`` from each task
to the knowledge and skills it needs. The standard ties no attitude to a task, so none is
invented here.

Every field CASE 1.1 requires of CFPckgDocument (identifier, uri, creator, title,
lastChangeDateTime), CFPckgItem (identifier, fullStatement, uri, lastChangeDateTime) and
CFPckgAssociation (identifier, associationType, uri, originNodeURI, destinationNodeURI,
lastChangeDateTime; the node links with title, identifier and uri) is present. Identifiers are
UUIDs derived from the codes (uuid5); URIs are addresses under the course's own site when its
address is known (``--site-url``: ``<site>/<code>/case/<identifier>``), else ``urn:uuid:``
URNs; every date is the standard's version date, so the same standard always gives the same file.

iCAP's version status (最新版本, 歷史版本) is mapped to CASE's adoptionStatus vocabulary and kept
as it was in the document's ``extensions``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.export.common import version_date
from generator.model import Standard, Task
from generator.render.escape import slug

NAMESPACE = uuid.UUID("2434f682-c944-56f9-bc8f-4ed5c947c656")  # coursegen's CASE identifiers
CREATOR = "勞動部勞動力發展署"  # the agency that publishes the iCAP competency standards
LANGUAGE = "zh-TW"
CASE_VERSION = "1.1"
DUTY, TASK, INDICATOR, OUTPUT = "主要職責", "工作任務", "行為指標", "工作產出"
KNOWLEDGE, SKILL, ATTITUDE = "知識", "技能", "態度"
IS_CHILD_OF, IS_RELATED_TO = "isChildOf", "isRelatedTo"
# iCAP's version status -> CASE 1.1 adoptionStatus (Private Draft, Draft, Adopted, Deprecated),
# by a word in it; a status none matches is only kept in the extension.
ADOPTION = (
    ("最新", "Adopted"),
    ("現行", "Adopted"),
    ("歷史", "Deprecated"),
    ("停用", "Deprecated"),
    ("廢止", "Deprecated"),
    ("草案", "Draft"),
    ("研擬", "Draft"),
)
STATUS_EXTENSION = "icapVersionStatus"


def case_identifier(standard: Standard, code: str | None = None) -> str:
    """The document's UUID (no code) or an item's: stable, derived from the codes alone."""
    name = standard.code if code is None else f"{standard.code}/{code}"
    return str(uuid.uuid5(NAMESPACE, name))


def adoption_status(status: str) -> str | None:
    """CASE's adoptionStatus for an iCAP version status, or None when it names none."""
    return next((case for word, case in ADOPTION if word in status), None)


def uri_maker(standard: Standard, site_url: str | None) -> Callable[[str], str]:
    """The URI of an object by its identifier: under the course's site when its address is
    known, else a UUID URN."""
    if not site_url:
        return lambda identifier: f"urn:uuid:{identifier}"
    base = f"{site_url.rstrip('/')}/{slug(standard.code)}/case/"
    return lambda identifier: base + identifier


def last_change(standard: Standard) -> str:
    """The version date at midnight, Taiwan time: the standard's, not the clock's."""
    day = version_date(standard)
    return f"{day.isoformat()}T00:00:00+08:00" if day else "1970-01-01T00:00:00Z"


@dataclass(frozen=True)
class _Node:
    code: str
    type: str
    statement: str
    parent: str | None  # None: the document
    notes: str | None = None


def _nodes(standard: Standard) -> list[_Node]:
    nodes: list[_Node] = []
    seen: set[str] = set()  # a shared output is one item, under the first task listing it
    for duty in standard.duties:
        nodes.append(_Node(duty.code, DUTY, duty.name or duty.code, None))
        for task in duty.tasks:
            level = f"職能級別 {task.level_text}" if task.levels else None
            nodes.append(_Node(task.code, TASK, task.name, duty.code, level))
            # a row group's outputs and indicators belong to its tasks together: under the duty
            group = standard.row_group(task.code)
            parent, note = (duty.code, f"屬於 {group.label} 全體") if group else (task.code, None)
            for o in standard.outputs_at(task):
                if o.code not in seen:
                    seen.add(o.code)
                    nodes.append(_Node(o.code, OUTPUT, o.name, parent, note))
            nodes += [
                _Node(p.code, INDICATOR, p.text, parent, _row_level(task, p.code) or note)
                for p in standard.indicators_at(task)
            ]
    nodes += [_Node(k.code, KNOWLEDGE, k.name, None) for k in standard.knowledge]
    nodes += [_Node(s.code, SKILL, s.name, None) for s in standard.skills]
    nodes += [_Node(a.code, ATTITUDE, a.name, None, a.definition) for a in standard.attitudes]
    return nodes


def _row_level(task: Task, indicator_code: str) -> str | None:
    """「職能級別 4」 on an indicator of a task in rows of different levels: its row's level."""
    level = task.level_of(indicator_code) if task.level_rows else None
    return f"職能級別 {level}" if level is not None else None


def _belonging(standard: Standard, task_code: str) -> list[str]:
    """The outputs and indicators of a task: its own, shared ones and its row group's."""
    return [
        *(o.code for o in standard.outputs() if task_code in standard.producers(o.code)),
        *(p.code for p in standard.indicators() if task_code in standard.indicator_owners(p.code)),
    ]


def case_package(standard: Standard, site_url: str | None = None) -> dict[str, Any]:
    changed = last_change(standard)
    urn = uri_maker(standard, site_url)
    doc_id = case_identifier(standard)
    version = next((v for v in standard.versions if v.code == standard.code), None)
    status = version.status if version else ""
    document: dict[str, Any] = {
        "identifier": doc_id,
        "uri": urn(doc_id),
        "creator": CREATOR,
        "title": standard.name,
        "lastChangeDateTime": changed,
        "caseVersion": CASE_VERSION,
        "description": standard.description,
        "language": LANGUAGE,
        "subject": [standard.category.job.name],
        "version": version.version if version else standard.code,
        "adoptionStatus": adoption_status(status),
        "statusStartDate": version.date if version else None,
        "notes": "\n".join([f"職能基準代碼：{standard.code}", *standard.notes]),
        "extensions": {STATUS_EXTENSION: status} if status else None,
    }
    document = {k: v for k, v in document.items() if v}
    nodes = _nodes(standard)
    links = {n.code: _link(standard, n.code, f"{n.code} {n.statement}", urn) for n in nodes}
    doc_link = {"title": standard.name, "identifier": doc_id, "uri": urn(doc_id)}
    items = []
    for node in nodes:
        item_id = case_identifier(standard, node.code)
        item: dict[str, Any] = {
            "identifier": item_id,
            "uri": urn(item_id),
            "fullStatement": node.statement,
            "humanCodingScheme": node.code,
            "CFItemType": node.type,
            "language": LANGUAGE,
            "lastChangeDateTime": changed,
        }
        if node.notes:
            item["notes"] = node.notes
        items.append(item)
    associations = []
    order: dict[str | None, int] = {}
    for node in nodes:
        order[node.parent] = order.get(node.parent, 0) + 1
        parent = doc_link if node.parent is None else links[node.parent]
        associations.append(
            _association(
                standard, IS_CHILD_OF, (links[node.code], parent), changed, urn, order[node.parent]
            )
        )
    parents = {n.code: n.parent for n in nodes}
    for task in standard.tasks():
        # a task also produced a shared output filed under another task, or a row group's
        for code in _belonging(standard, task.code):
            if parents[code] != task.code:
                associations.append(
                    _association(
                        standard, IS_RELATED_TO, (links[task.code], links[code]), changed, urn
                    )
                )
        for code in (*task.knowledge, *task.skills):
            if code in links:
                associations.append(
                    _association(
                        standard, IS_RELATED_TO, (links[task.code], links[code]), changed, urn
                    )
                )
    return {"CFDocument": document, "CFItems": items, "CFAssociations": associations}


def _link(standard: Standard, code: str, title: str, urn: Callable[[str], str]) -> dict[str, str]:
    identifier = case_identifier(standard, code)
    return {"title": title, "identifier": identifier, "uri": urn(identifier)}


def _association(
    standard: Standard,
    kind: str,
    ends: tuple[dict[str, str], dict[str, str]],
    changed: str,
    urn: Callable[[str], str],
    sequence: int | None = None,
) -> dict[str, Any]:
    origin, destination = ends
    name = f"{standard.code}/{kind}/{origin['identifier']}/{destination['identifier']}"
    identifier = str(uuid.uuid5(NAMESPACE, name))
    association: dict[str, Any] = {
        "identifier": identifier,
        "associationType": kind,
        "uri": urn(identifier),
        "originNodeURI": origin,
        "destinationNodeURI": destination,
        "lastChangeDateTime": changed,
    }
    if sequence is not None:
        association["sequenceNumber"] = sequence
    return association


def case_json(standard: Standard, site_url: str | None = None) -> str:
    package = case_package(standard, site_url)
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
