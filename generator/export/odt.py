"""A ``Document`` -> an OpenDocument text file (ODT), the format of iCAP's report template and
of Taiwan's government documents.

The look lives in ``templates/odt/styles.xml``; this module writes the content: headings,
paragraphs and tables whose spanned cells are covered as ODF requires. The file is
deterministic (entries in a fixed order, one timestamp, no generation date inside), and
``mimetype`` is its first entry, stored uncompressed, as ODF requires of a package.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from importlib import resources

from generator.certification.document import (
    Cell,
    Document,
    Heading,
    Mark,
    Paragraph,
    Table,
    Text,
    para,
)
from generator.export.common import zip_bytes
from generator.publish.files import ZipTime

MIMETYPE = b"application/vnd.oasis.opendocument.text"
PAGE_WIDTH_CM = 17.0  # A4 (21 cm) less the margins of styles.xml
_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
for _prefix, _uri in _NS.items():
    ET.register_namespace(_prefix, _uri)

_PARAGRAPH_STYLES = {
    "title": "Title",
    "subtitle": "Subtitle",
    "body": "Text_20_body",
    "note": "Note",
}
_MARK_STYLES = {Mark.INSTITUTION: "Institution", Mark.MISSING: "Missing"}
# Characters XML 1.0 cannot hold, whatever their escaping.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES = re.compile(r"( {2,}|\t|\n)")


def _q(name: str) -> str:
    """「text:p」 -> ElementTree's 「{urn:…text:1.0}p」."""
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


def _element(parent: ET.Element, name: str, attributes: dict[str, str] | None = None) -> ET.Element:
    """A child of ``parent``; names and attribute names as ODF writes them (「table:name」)."""
    return ET.SubElement(parent, _q(name), {_q(k): v for k, v in (attributes or {}).items()})


def odt(document: Document, stamp: ZipTime) -> bytes:
    """The document as an ODT package, every entry dated ``stamp``."""
    return zip_bytes(
        {
            "mimetype": MIMETYPE,
            "content.xml": _xml(_content(document)),
            "styles.xml": _styles(),
            "meta.xml": _xml(_meta(document)),
            "META-INF/manifest.xml": _xml(_manifest()),
        },
        stamp,
        stored=("mimetype",),
    )


@cache
def _styles() -> bytes:
    return resources.files("generator").joinpath("templates/odt/styles.xml").read_bytes()


def _xml(root: ET.Element) -> bytes:
    data: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return data


def _manifest() -> ET.Element:
    root = ET.Element(_q("manifest:manifest"), {_q("manifest:version"): "1.3"})
    entries = (
        ("/", MIMETYPE.decode()),
        ("content.xml", "text/xml"),
        ("styles.xml", "text/xml"),
        ("meta.xml", "text/xml"),
    )
    for path, media in entries:
        _element(
            root, "manifest:file-entry", {"manifest:full-path": path, "manifest:media-type": media}
        )
    root[0].set(_q("manifest:version"), "1.3")  # the package's own entry names its version
    return root


def _meta(document: Document) -> ET.Element:
    root = ET.Element(_q("office:document-meta"), {_q("office:version"): "1.3"})
    meta = _element(root, "office:meta")
    _element(meta, "meta:generator").text = "coursegen"
    _element(meta, "dc:title").text = _clean(document.title)
    _element(meta, "dc:language").text = "zh-TW"
    return root


def _content(document: Document) -> ET.Element:
    root = ET.Element(_q("office:document-content"), {_q("office:version"): "1.3"})
    styles = _element(root, "office:automatic-styles")
    _cell_styles(styles)
    body = _element(_element(root, "office:body"), "office:text")
    for block in document.blocks:
        if isinstance(block, Heading):
            level = str(block.level)
            h = _element(
                body,
                "text:h",
                {"text:style-name": f"Heading_20_{level}", "text:outline-level": level},
            )
            _add_text(h, block.text)
        elif isinstance(block, Text):
            _paragraph(body, block.paragraph, _PARAGRAPH_STYLES[block.style])
        else:
            _table(body, styles, block)
    return root


def _cell_styles(styles: ET.Element) -> None:
    for name, shade in (("Cell", None), ("HeaderCell", "#e8eef4")):
        style = _element(styles, "style:style", {"style:name": name, "style:family": "table-cell"})
        properties = _element(
            style,
            "style:table-cell-properties",
            {
                "fo:border": "0.5pt solid #000000",
                "fo:padding": "0.1cm",
                "style:vertical-align": "top",
            },
        )
        if shade:
            properties.set(_q("fo:background-color"), shade)
            properties.set(_q("style:vertical-align"), "middle")


def _table(body: ET.Element, styles: ET.Element, table: Table) -> None:
    if table.title:
        _paragraph(body, para(table.title), "Table_20_Title")
    name = table.key
    style = _element(styles, "style:style", {"style:name": name, "style:family": "table"})
    _element(
        style,
        "style:table-properties",
        {"style:width": f"{PAGE_WIDTH_CM}cm", "table:align": "margins"},
    )
    element = _element(body, "table:table", {"table:name": name, "table:style-name": name})
    total = sum(table.widths)
    for n, width in enumerate(table.widths):
        column = f"{name}.C{n + 1}"
        column_style = _element(
            styles, "style:style", {"style:name": column, "style:family": "table-column"}
        )
        _element(
            column_style,
            "style:table-column-properties",
            {
                "style:column-width": f"{PAGE_WIDTH_CM * width / total:.3f}cm",
                "style:rel-column-width": f"{round(65535 * width / total)}*",
            },
        )
        _element(element, "table:table-column", {"table:style-name": column})
    header = _element(element, "table:table-header-rows") if table.header_rows else None
    covered: dict[int, int] = {}  # column -> rows still covered by a cell spanning rows above
    for r, row in enumerate(table.rows):
        parent = header if header is not None and r < table.header_rows else element
        _row(_element(parent, "table:table-row"), row, len(table.widths), covered)


def _row(element: ET.Element, row: tuple[Cell, ...], columns: int, covered: dict[int, int]) -> None:
    cells = iter(row)
    column = 0
    while column < columns:
        if covered.get(column, 0) > 0:
            covered[column] -= 1
            _element(element, "table:covered-table-cell")
            column += 1
            continue
        cell = next(cells, None)
        if cell is None:  # a short row: fill it with empty cells
            _element(element, "table:table-cell", {"table:style-name": "Cell"})
            column += 1
            continue
        _cell(element, cell)
        for spanned in range(column, column + cell.colspan):
            if cell.rowspan > 1:
                covered[spanned] = cell.rowspan - 1
            if spanned > column:
                _element(element, "table:covered-table-cell")
        column += cell.colspan


def _cell(row: ET.Element, cell: Cell) -> None:
    attributes = {
        "table:style-name": "HeaderCell" if cell.header else "Cell",
        "office:value-type": "string",
    }
    if cell.colspan > 1:
        attributes["table:number-columns-spanned"] = str(cell.colspan)
    if cell.rowspan > 1:
        attributes["table:number-rows-spanned"] = str(cell.rowspan)
    element = _element(row, "table:table-cell", attributes)
    style = "Table_20_Heading" if cell.header else "Table_20_Contents"
    for paragraph in cell.paragraphs or ((),):
        _paragraph(element, paragraph, style)


def _paragraph(parent: ET.Element, paragraph: Paragraph, style: str) -> None:
    element = _element(parent, "text:p", {"text:style-name": style})
    for run in paragraph:
        if run.mark is Mark.TEXT:
            _add_text(element, run.text)
        else:
            span = _element(element, "text:span", {"text:style-name": _MARK_STYLES[run.mark]})
            _add_text(span, run.text)


def _add_text(element: ET.Element, text: str) -> None:
    """``text`` into ``element`` as ODF keeps it: a run of spaces as <text:s>, a tab as
    <text:tab>, a line break as <text:line-break> (a reader collapses them otherwise)."""
    parts = _SPACES.split(_clean(text))
    last: ET.Element | None = None
    for n, part in enumerate(parts):
        if n % 2 == 0:
            if last is None:
                element.text = (element.text or "") + part
            else:
                last.tail = (last.tail or "") + part
            continue
        if part == "\t":
            last = _element(element, "text:tab")
        elif part == "\n":
            last = _element(element, "text:line-break")
        else:  # one space as written, the rest counted
            if last is None:
                element.text = (element.text or "") + " "
            else:
                last.tail = (last.tail or "") + " "
            count = len(part) - 1
            last = _element(element, "text:s", {"text:c": str(count)} if count > 1 else None)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)
