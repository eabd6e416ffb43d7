"""Reports of many courses, written as ODT and read back by LibreOffice in one run.

The courses: the worked example (this repository's site_overrides/ and quizzes/ for
KPS5220-005v2), the example with a task hidden, both seeds and the test fixtures without any
trainer file, and 20 synthetic standards from the benchmark's generator (other shapes of
duties, tasks and codes). A few are also converted to PDF, as a reviewer prints them.
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
from tests.certification.project import SETTINGS, edit_yaml, example_project
from tests.conftest import ROOT

SITE_FIXTURES = ROOT / "tests" / "site" / "fixtures"
BARE_CONTENTS = {
    "seeds": ROOT / "content",
    "fixture": SITE_FIXTURES / "content",
    "variations": SITE_FIXTURES / "variations" / "content",
}
EXAMPLE = "KPS5220-005v2"
HIDDEN = "T4.2"  # left out by course.yml's hidden_tasks in the case 「hidden」


@dataclass(frozen=True)
class Case:
    """One course's report as LibreOffice read it, beside its standard's YAML (plain PyYAML)."""

    name: str
    course: Course
    source: dict[str, Any]  # content/standards/<code>.yaml, read with yaml.safe_load
    hidden: frozenset[str]  # course.yml's hidden_tasks, read with yaml.safe_load
    report: ReadReport
    odt: Path


def _bare_project(folder: Path, content: Path) -> Path:
    """A project with the standards only: no trainer file at all."""
    folder.mkdir(parents=True)
    shutil.copytree(content, folder / "content")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def _projects(tmp: Path) -> list[tuple[str, Path, str | None]]:
    """(case prefix, project root, only this code or None for every course)."""
    found: list[tuple[str, Path, str | None]] = [("example", ROOT, EXAMPLE)]
    hidden = example_project(tmp / "hidden")
    edit_yaml(hidden / SETTINGS, lambda s: s.update(hidden_tasks=[HIDDEN]))
    found.append(("hidden", hidden, EXAMPLE))
    for name, content in BARE_CONTENTS.items():
        found.append((name, _bare_project(tmp / name, content), None))
    found.append(("synthetic", make_synthetic_project(tmp / "synthetic", 20), None))
    return found


@pytest.fixture(scope="session")
def read_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    tmp = tmp_path_factory.mktemp("reports")
    written: list[tuple[str, Course, Path, Path]] = []  # name, course, ODT, project
    for prefix, root, only in _projects(tmp / "projects"):
        project = load_project(root, only=[only] if only else None)
        assert not project.project_errors(), project.project_errors()
        for course in project.courses:
            code = course.standard.code
            odt = tmp / "odt" / f"{prefix}-{code}.odt"
            odt.parent.mkdir(parents=True, exist_ok=True)
            odt.write_bytes(export_course("icap-report", course))
            written.append((f"{prefix}-{code}", course, odt, root))
    convert([odt for _, _, odt, _ in written], tmp / "xhtml", tmp / "libreoffice-profile")
    cases = {}
    for name, course, odt, root in written:
        code = course.standard.code
        source = yaml.safe_load((root / "content" / "standards" / f"{code}.yaml").read_text())
        settings = root / "site_overrides" / code / "course.yml"
        hidden = (
            yaml.safe_load(settings.read_text()).get("hidden_tasks") if settings.exists() else []
        )
        xhtml = read(tmp / "xhtml" / f"{odt.stem}.xhtml")
        cases[name] = Case(name, course, source, frozenset(hidden or ()), xhtml, odt)
    return cases


PRINTED = ("example-KPS5220-005v2", "seeds-KPS5220-005v2", "seeds-KPS5294-001v3")


@pytest.fixture(scope="session")
def printed(
    read_reports: dict[str, Case], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Some reports as PDF: soffice --convert-to pdf, as a trainer exports the ODT to print it."""
    tmp = tmp_path_factory.mktemp("printed")
    convert([read_reports[name].odt for name in PRINTED], tmp, tmp / "profile", to="pdf")
    return {name: tmp / f"{read_reports[name].odt.stem}.pdf" for name in PRINTED}
