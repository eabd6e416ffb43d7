"""Exports that take the course elsewhere: question banks for an LMS, the competency framework,
the certification report.

Each format is a pure function of the course, returning the file's bytes; only the command line
and the exports page write them. Question banks are exported as taught (the trainer's edits
included), frameworks as the standard was published, the report from the whole course.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.certification.report import icap_report
from generator.course import Course
from generator.export.case import case_json
from generator.export.common import ExportError, version_stamp
from generator.export.gift import gift
from generator.export.moodle_csv import moodle_competency_csv
from generator.export.moodle_xml import moodle_xml
from generator.export.odt import odt
from generator.export.qti import qti_package
from generator.model import Standard
from generator.quiz.model import Bank

__all__ = [
    "FORMATS",
    "SCORM_FORMAT",
    "SCORM_SUFFIX",
    "ExportError",
    "ExportFormat",
    "export_course",
]

# The whole course for an LMS (generator/export/scorm.py): made from the built offline pages,
# so not one of FORMATS, which are made from the course alone.
SCORM_FORMAT, SCORM_SUFFIX = "scorm12", ".scorm12.zip"


@dataclass(frozen=True)
class ExportFormat:
    name: str
    suffix: str  # of the default file name, <code><suffix>
    description: str  # for the command line's help, in zh-TW
    render: Callable[[Course, str | None], bytes]  # the course, the site's address


def _bank(render: Callable[[Standard, Bank], bytes]) -> Callable[[Course, str | None], bytes]:
    """A question bank's format: the questions as taught (with the trainer's edits)."""
    return lambda course, _url: render(course.taught, course.bank)


def _framework(
    render: Callable[[Standard, str | None], str],
) -> Callable[[Course, str | None], bytes]:
    """A competency framework's format: the standard as it was published."""
    return lambda course, url: render(course.standard, url).encode("utf-8")


def _report(course: Course, _url: str | None) -> bytes:
    return odt(icap_report(course), version_stamp(course.standard))


FORMATS = {
    f.name: f
    for f in (
        ExportFormat(
            "gift", ".gift.txt", "Moodle GIFT 文字格式題庫", _bank(lambda s, b: gift(s, b).encode())
        ),
        ExportFormat("moodle-xml", ".moodle.xml", "Moodle XML 題庫", _bank(moodle_xml)),
        ExportFormat("qti21", ".qti21.zip", "IMS QTI 2.1 題目包（zip）", _bank(qti_package)),
        ExportFormat(
            "moodle-competency-csv",
            ".competencies.csv",
            "Moodle 能力架構 CSV",
            _framework(lambda s, _url: moodle_competency_csv(s)),
        ),
        ExportFormat(
            "case-json", ".case.json", "1EdTech CASE 1.1 能力架構 JSON", _framework(case_json)
        ),
        ExportFormat(
            "icap-report",
            ".icap-report.odt",
            "iCAP 職能導向課程規劃與執行報告書（ODT）",
            _report,
        ),
    )
}


def export_course(name: str, course: Course, site_url: str | None = None) -> bytes:
    """A course's file of format ``name``; ExportError when the content cannot be written in it."""
    return FORMATS[name].render(course, site_url)
