"""Standard -> a competency framework CSV for Moodle's importer (admin/tool/lpimportcsv).

Moodle reads the 14 columns by position, in the order of
``tool_lpimportcsv\\framework_importer::list_required_headers()``; the header row carries the
English labels Moodle's own exporter writes. One row is the framework (``isframework`` 1, the
standard's code as its idnumber, with a two-step scale); the others are competencies, joined to
their parent by ``parentidnumber`` (empty at the top level):

    T1 主要職責 -> T1.1 工作任務 -> P1.1.1 行為指標
    知識 -> K01 …      技能 -> S01 …      態度 -> A01 …

A task lists its knowledge and skills in ``relatedidnumbers`` (Moodle's cross-referenced
competencies). Every idnumber is the standard's code and the item's, e.g. KPS5220-005v2-K01,
so frameworks of several standards can live side by side.

Moodle reads the file with PHP's ``fgetcsv`` (``csv_import_reader::load_csv_content``), whose
backslash is an escape: inside quotes, ``\\"`` is kept as it is and does not end the cell. So
cells are written for that reader, not by RFC 4180 (which would double the quote after a
backslash and shift every later column). Moodle strips a UTF-8 byte order mark before reading,
so the file starts with one: spreadsheets then open it as UTF-8 and show the Chinese.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from generator.export.common import ExportError
from generator.model import Standard

# (column key, the header Moodle's exporter writes) in Moodle's order.
COLUMNS = (
    ("parentidnumber", "Parent ID number"),
    ("idnumber", "ID number"),
    ("shortname", "Short name"),
    ("description", "Description"),
    ("descriptionformat", "Description format"),
    ("scalevalues", "Scale values"),
    ("scaleconfiguration", "Scale configuration"),
    ("ruletype", "Rule type (optional)"),
    ("ruleoutcome", "Rule outcome (optional)"),
    ("ruleconfig", "Rule config (optional)"),
    ("relatedidnumbers", "Cross-referenced competency ID numbers"),
    ("exportid", "Exported ID (optional)"),
    ("isframework", "Is framework"),
    ("taxonomy", "Taxonomy"),
)
BOM = "\ufeff"
QUOTED = (",", '"', "\\", "\n", "\r", "\t", " ")  # a cell holding one of these is quoted
FORMAT_PLAIN = "2"  # Moodle's FORMAT_PLAIN: descriptions are the standard's plain text
SHORTNAME_MAX = 100  # Moodle cuts longer short names and idnumbers
SCALE = "尚未具備,已具備"  # Moodle's default competency scale, in Traditional Chinese
# The first entry's scaleid is replaced on import; item 1 is the default, item 2 proficient.
SCALE_CONFIGURATION = json.dumps(
    [
        {"scaleid": "0"},
        {"id": 1, "scaledefault": 1, "proficient": 0},
        {"id": 2, "scaledefault": 0, "proficient": 1},
    ],
    separators=(",", ":"),
)
TAXONOMY = "domain,competency,indicator"  # 主要職責／分類, 工作任務／知識技能態度, 行為指標
GROUPS = (("K", "知識"), ("S", "技能"), ("A", "態度"))


@dataclass(frozen=True)
class Competency:
    parent: str
    idnumber: str
    shortname: str
    description: str
    related: tuple[str, ...] = ()


def idnumber(standard: Standard, code: str) -> str:
    return f"{standard.code}-{code}"


def shortname(code: str, text: str) -> str:
    """``code text``, cut to Moodle's 100 characters with an ellipsis."""
    name = f"{code} {text}"
    return name if len(name) <= SHORTNAME_MAX else name[: SHORTNAME_MAX - 1] + "…"


def competencies(standard: Standard) -> list[Competency]:
    """Every competency row, parents before children, in the standard's order."""
    rows: list[Competency] = []

    def add(
        parent: str | None,
        code: str,
        text: str,
        related: tuple[str, ...] = (),
        description: str | None = None,
    ) -> None:
        rows.append(
            Competency(
                parent=idnumber(standard, parent) if parent else "",
                idnumber=idnumber(standard, code),
                shortname=shortname(code, text),
                description=description or text,
                related=tuple(idnumber(standard, c) for c in related),
            )
        )

    for duty in standard.duties:
        add(None, duty.code, duty.name or duty.code)
        for task in duty.tasks:
            add(duty.code, task.code, task.name, (*task.knowledge, *task.skills))
            row = standard.row_group(task.code)
            for indicator in standard.indicators_at(task):
                if row is None:
                    add(task.code, indicator.code, indicator.text)
                else:  # a row group's indicators belong to its tasks together
                    note = f"{indicator.text}（屬於 {row.label} 全體）"
                    add(duty.code, indicator.code, indicator.text, row.tasks, note)
    items: dict[str, list[tuple[str, str, str | None]]] = {
        "K": [(i.code, i.name, None) for i in standard.knowledge],
        "S": [(i.code, i.name, None) for i in standard.skills],
        "A": [(a.code, a.name, a.definition) for a in standard.attitudes],
    }
    for group, label in GROUPS:
        if items[group]:
            add(None, group, label)
            for code, name, definition in items[group]:
                add(group, code, name, description=definition)
    return rows


def cell(value: str, row: str) -> str:
    """One cell as fgetcsv reads it back: quoted where needed, a quote doubled unless a
    backslash escapes it. ExportError for a quoted cell ending in an escaping backslash: it
    would escape the closing quote, and no spelling avoids that."""
    if not any(c in value for c in QUOTED):
        return value
    out: list[str] = []
    escaped = False
    for char in value:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            out.append('"')
        out.append(char)
    if escaped:
        raise ExportError(
            f"{row}：文字以反斜線（\\）結尾，Moodle 的 CSV 讀取器會讀錯欄位；請刪除結尾的反斜線。"
        )
    return '"' + "".join(out) + '"'


def _line(cells: Sequence[str], row: str) -> str:
    return ",".join(cell(value, row) for value in cells) + "\r\n"


def moodle_competency_csv(standard: Standard) -> str:
    lines = [BOM + _line([label for _, label in COLUMNS], "標題列")]
    lines.append(
        _line(
            [
                "",
                standard.code,
                shortname(standard.code, standard.name),
                standard.description,
                FORMAT_PLAIN,
                SCALE,
                SCALE_CONFIGURATION,
                "",
                "",
                "",
                "",
                "",
                "1",
                TAXONOMY,
            ],
            standard.code,
        )
    )
    for row in competencies(standard):
        related = ",".join(r.replace(",", "%2C") for r in row.related)
        cells = [row.parent, row.idnumber, row.shortname, row.description, FORMAT_PLAIN]
        cells += ["", "", "", "0", "null", related, "", "0", ""]
        lines.append(_line(cells, row.idnumber))
    return "".join(lines)
