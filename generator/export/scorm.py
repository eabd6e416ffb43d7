"""A course as a SCORM 1.2 package: its offline pages and assets, a launch page, the manifest.

The pages are those of the offline bundle that ``coursegen build --offline`` composes (the
theme's ``assets/`` and each course in ``<code>/``, working without a server); the build calls
``write_packages`` once it is composed, so the packages cost no build of their own and are
published in site/ beside each course's other downloads. This module chooses the course's files
from the bundle and adds:

- ``scorm.html``, the launch page (the SCO): it frames the course's home page and loads the
  adapter ``assets/coursegen/scorm.js``, which finds the LMS's API and reports progress and the
  final quiz's score (see that file); without an LMS the page simply shows the course;
- ``index.html`` at the top, so that the pages' link to the catalogue home (``../index.html``)
  leads back to the course instead of nowhere;
- ``imsmanifest.xml`` (IMS CP 1.1.2 with ADL's SCORM 1.2 extensions): one organization with one
  item, the course, whose mastery score is the course's pass mark, and one ``sco`` resource
  listing every file.

The trainer's kit (answer key, exports) is left out: learners open the package.

The zip is deterministic: entries sorted, dated by the standard's version date.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import quote

from generator.course import Course
from generator.export import SCORM_SUFFIX
from generator.export.common import version_stamp
from generator.export.qti import identifier
from generator.publish.files import ZipContent, write_zip
from generator.render.escape import slug
from generator.render.kit import ANSWER_KEY_PAGE, EXPORTS_DIR, EXPORTS_PAGE
from generator.render.pages import FINAL_QUIZ_KEY, storage_key

DESCRIPTION = "SCORM 1.2 課程套件（zip）"
LAUNCH = "scorm.html"
HOME = "index.html"
MANIFEST = "imsmanifest.xml"
ADAPTER = "assets/coursegen/scorm.js"  # generator/assets/scorm.js, as every site carries it
CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    f"{CP} imscp_rootv1p1p2.xsd "
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    f"{ADLCP} adlcp_rootv1p2.xsd"
)


def package_name(course: Course) -> str:
    return f"{slug(course.standard.code)}{SCORM_SUFFIX}"


def published_path(course: Course) -> str:
    """Where ``coursegen build --offline`` puts the package in site/: beside the other
    downloads of the course's trainer kit."""
    return f"{slug(course.standard.code)}/{EXPORTS_DIR}/{package_name(course)}"


def _tree_files(folder: Path, prefix: str) -> dict[str, ZipContent]:
    """The files of ``folder`` by their path (after ``prefix``): the paths, not their bytes,
    which the zip reads in chunks (a trainer's video may be gigabytes)."""
    return {
        prefix + path.relative_to(folder).as_posix(): path
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def write_packages(bundle: Path, site: Path, courses: Iterable[Course]) -> None:
    """Each course's package from the composed offline bundle (``bundle``: assets/ and one
    folder per course) into ``site`` at ``published_path``: made once per build, with no
    build of its own."""
    assets = _tree_files(bundle / "assets", "assets/")
    for course in courses:
        place = f"{slug(course.standard.code)}/"
        files = {**assets, **_tree_files(bundle / place, place)}
        target = site / published_path(course)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)  # never write into a file hard-linked from the cache
        write_zip(target, package_entries(course, files).items(), version_stamp(course.standard))


def _offline_name(page: str) -> str:
    """A docs page's file in the offline build, which has no directory URLs: x.md -> x.html."""
    return page.removesuffix(".md") + ".html"


# The trainer's kit stays out of a package learners open: the answer key, and the exports
# (question banks with their keys) with their page.
TRAINER_ONLY = (_offline_name(ANSWER_KEY_PAGE), _offline_name(EXPORTS_PAGE), f"{EXPORTS_DIR}/")


def course_files(course: Course, bundle: Mapping[str, ZipContent]) -> dict[str, ZipContent]:
    """The course's pages and the theme's assets, without the trainer's kit; ValueError when
    the bundle lacks either."""
    place = f"{slug(course.standard.code)}/"
    chosen = {
        name: data
        for name, data in bundle.items()
        if name.startswith(("assets/", place))
        and not name.removeprefix(place).startswith(TRAINER_ONLY)
    }
    if f"{place}{HOME}" not in chosen or ADAPTER not in chosen:
        raise ValueError(f"the offline bundle holds no {place}{HOME} or no {ADAPTER}")
    return chosen


def launch_page(course: Course) -> bytes:
    """scorm.html: the course's home in a frame, and the adapter; the data it needs as
    attributes (storage keys as the pages write them, the pass mark)."""
    code = course.standard.code
    title = html.escape(course.title)
    start = f"{quote(slug(code))}/{HOME}"
    attributes = {
        "lang": "zh-TW",
        "data-cg-course": storage_key(code, "").removesuffix("/"),
        "data-cg-final": storage_key(code, FINAL_QUIZ_KEY),
        "data-cg-pass": str(course.settings.pass_mark),
    }
    opening = " ".join(f'{k}="{html.escape(v)}"' for k, v in attributes.items())
    return f"""<!DOCTYPE html>
<html {opening}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
html, body {{ height: 100%; margin: 0; }}
iframe {{ border: 0; width: 100%; height: 100%; display: block; }}
</style>
</head>
<body>
<iframe id="cg-course" title="{title}" src="{start}"></iframe>
<script src="{ADAPTER}"></script>
</body>
</html>
""".encode()


def home_page(course: Course) -> bytes:
    """index.html: where the pages' link to the catalogue leads, straight back to the course."""
    start = f"{quote(slug(course.standard.code))}/{HOME}"
    return f"""<!DOCTYPE html>
<html lang="zh-TW">
<head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url={start}">
<title>{html.escape(course.title)}</title></head>
<body><p><a href="{start}">{html.escape(course.title)}</a></p></body>
</html>
""".encode()


def manifest_xml(course: Course, files: list[str]) -> bytes:
    code = course.standard.code
    ET.register_namespace("", CP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("xsi", XSI)
    manifest = ET.Element(
        f"{{{CP}}}manifest",
        {
            "identifier": identifier(code, "coursegen_"),
            "version": "1.0",
            f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION,
        },
    )
    metadata = ET.SubElement(manifest, f"{{{CP}}}metadata")
    ET.SubElement(metadata, f"{{{CP}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.2"
    organization_id = identifier(code, "organization_")
    organizations = ET.SubElement(manifest, f"{{{CP}}}organizations", default=organization_id)
    organization = ET.SubElement(organizations, f"{{{CP}}}organization", identifier=organization_id)
    ET.SubElement(organization, f"{{{CP}}}title").text = course.title
    resource_id = identifier(code, "resource_")
    item = ET.SubElement(
        organization,
        f"{{{CP}}}item",
        identifier=identifier(code, "item_"),
        identifierref=resource_id,
        isvisible="true",
    )
    ET.SubElement(item, f"{{{CP}}}title").text = course.title
    ET.SubElement(item, f"{{{ADLCP}}}masteryscore").text = str(course.settings.pass_mark)
    resources = ET.SubElement(manifest, f"{{{CP}}}resources")
    resource = ET.SubElement(
        resources,
        f"{{{CP}}}resource",
        {
            "identifier": resource_id,
            "type": "webcontent",
            f"{{{ADLCP}}}scormtype": "sco",
            "href": LAUNCH,
        },
    )
    for name in files:
        ET.SubElement(resource, f"{{{CP}}}file", href=quote(name))
    ET.indent(manifest)
    text = ET.tostring(manifest, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")


def package_entries(course: Course, bundle: Mapping[str, ZipContent]) -> dict[str, ZipContent]:
    """The package's entries in their order (the manifest, then every file sorted) from the
    offline bundle's files (by their path in it; bytes, or the file holding them)."""
    files = {
        **course_files(course, bundle),
        LAUNCH: launch_page(course),
        HOME: home_page(course),
    }
    names = sorted(files)
    return {MANIFEST: manifest_xml(course, names), **{n: files[n] for n in names}}
