"""Reports of many courses, written as ODT and read back by LibreOffice in one run.

The courses: the worked example (this repository's site_overrides/ and quizzes/ for
KPS5220-005v2), both seeds and the test fixtures without any trainer file, and 20 synthetic
standards from the benchmark's generator (other shapes of duties, tasks and codes).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.synthetic import make_project as make_synthetic_project
from generator.course import Course
from generator.export import export_course
from generator.project import load_project
from tests.certification.lo_reader import ReadReport, convert, read
from tests.conftest import ROOT

SITE_FIXTURES = ROOT / "tests" / "site" / "fixtures"
BARE_CONTENTS = {
    "seeds": ROOT / "content",
    "fixture": SITE_FIXTURES / "content",
    "variations": SITE_FIXTURES / "variations" / "content",
}
EXAMPLE = "KPS5220-005v2"


@dataclass(frozen=True)
class Case:
    """One course's report as LibreOffice read it, beside its standard's YAML (plain PyYAML)."""

    name: str
    course: Course
    source: dict[str, Any]  # content/standards/<code>.yaml, read with yaml.safe_load
    report: ReadReport


def _bare_project(folder: Path, content: Path) -> Path:
    """A project with the standards only: no trainer file at all."""
    folder.mkdir(parents=True)
    shutil.copytree(content, folder / "content")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def _projects(tmp: Path) -> list[tuple[str, Path, str | None]]:
    """(case prefix, project root, only this code or None for every course)."""
    found: list[tuple[str, Path, str | None]] = [("example", ROOT, EXAMPLE)]
    for name, content in BARE_CONTENTS.items():
        found.append((name, _bare_project(tmp / name, content), None))
    found.append(("synthetic", make_synthetic_project(tmp / "synthetic", 20), None))
    return found


@pytest.fixture(scope="session")
def read_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    tmp = tmp_path_factory.mktemp("reports")
    written: list[tuple[str, Course, Path, Path]] = []
    for prefix, root, only in _projects(tmp / "projects"):
        project = load_project(root, only=[only] if only else None)
        assert not project.project_errors(), project.project_errors()
        for course in project.courses:
            code = course.standard.code
            odt = tmp / "odt" / f"{prefix}-{code}.odt"
            odt.parent.mkdir(parents=True, exist_ok=True)
            odt.write_bytes(export_course("icap-report", course))
            written.append((f"{prefix}-{code}", course, odt, root / "content" / "standards"))
    convert([odt for _, _, odt, _ in written], tmp / "xhtml", tmp / "libreoffice-profile")
    cases = {}
    for name, course, odt, standards in written:
        source = yaml.safe_load((standards / f"{course.standard.code}.yaml").read_text("utf-8"))
        cases[name] = Case(name, course, source, read(tmp / "xhtml" / f"{odt.stem}.xhtml"))
    return cases
