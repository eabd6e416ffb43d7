"""Exports that take the course elsewhere: question banks for an LMS, the competency framework.

Each format is a pure function of the standard and the question bank, returning the file's
bytes; only the command line writes them. The question formats take any ``Bank``, so a bank
with the trainer's edits exports the same way as the generated one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.course import Course
from generator.export.case import case_json
from generator.export.common import ExportError
from generator.export.gift import gift
from generator.export.moodle_csv import moodle_competency_csv
from generator.export.moodle_xml import moodle_xml
from generator.export.qti import qti_package
from generator.model import Standard
from generator.quiz.model import Bank

__all__ = [
    "FORMATS",
    "SCORM_FORMAT",
    "SCORM_SUFFIX",
    "ExportError",
    "ExportFormat",
    "export",
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
    render: Callable[[Standard, Bank, str | None], bytes]  # standard, bank, the site's address
    needs_bank: bool = True


def _bank_only(render: Callable[[Standard, Bank], bytes]) -> Callable[..., bytes]:
    return lambda standard, bank, _site_url: render(standard, bank)


FORMATS = {
    f.name: f
    for f in (
        ExportFormat(
            "gift",
            ".gift.txt",
            "Moodle GIFT 文字格式題庫",
            lambda s, b, _url: gift(s, b).encode("utf-8"),
        ),
        ExportFormat("moodle-xml", ".moodle.xml", "Moodle XML 題庫", _bank_only(moodle_xml)),
        ExportFormat("qti21", ".qti21.zip", "IMS QTI 2.1 題目包（zip）", _bank_only(qti_package)),
        ExportFormat(
            "moodle-competency-csv",
            ".competencies.csv",
            "Moodle 能力架構 CSV",
            lambda s, _b, _url: moodle_competency_csv(s).encode("utf-8"),
            needs_bank=False,
        ),
        ExportFormat(
            "case-json",
            ".case.json",
            "1EdTech CASE 1.1 能力架構 JSON",
            lambda s, _b, url: case_json(s, url).encode("utf-8"),
            needs_bank=False,
        ),
    )
}


def export(name: str, standard: Standard, bank: Bank, site_url: str | None = None) -> bytes:
    """The file of format ``name``; ExportError when the content cannot be written in it."""
    return FORMATS[name].render(standard, bank, site_url)


def export_course(name: str, course: Course, site_url: str | None = None) -> bytes:
    """A course's file of format ``name``: question banks as taught (with the trainer's edits),
    competency frameworks as the standard was published."""
    if FORMATS[name].needs_bank:
        return export(name, course.taught, course.bank, site_url)
    return export(name, course.standard, Bank(course.standard.code, ()), site_url)
