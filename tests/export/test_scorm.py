"""SCORM 1.2: ``coursegen export CODE --format scorm12`` end to end.

The package is made by the command line from a project copy of the seeds (which builds the
offline site), its manifest validated against the SCORM 1.2 XSDs (IMS CP 1.1.2 + ADL CP), and
then it runs in headless Chromium inside a test page that plays the LMS: a recording SCORM 1.2
API (``window.API``) and the package's launch page in a frame, served over HTTP on 127.0.0.1.
The learner's answers come from the course's own question bank, not from the page.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from generator.cli import main
from generator.course import Course
from generator.export.scorm import write_packages
from generator.project import load_project
from generator.quiz.model import Question, QuestionType
from tests.export.parsers import assert_valid, scorm12_schema
from tests.site.conftest import SEED_CONTENT, make_project
from tests.site.test_browser import browser, served

__all__ = ["browser"]  # the fixture, re-exported so that pytest finds it here

CODE = "KPS5220-005v2"
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"

# The LMS: a SCORM 1.2 API that keeps every call, and the package's launch page in a frame.
LMS_PAGE = """<!DOCTYPE html>
<html lang="zh-TW"><head><meta charset="utf-8"><title>LMS</title>
<script>
window.calls = [];
window.cmi = JSON.parse(decodeURIComponent(location.hash.slice(1)) || "{}");
function record(name, result) {
  return function () {
    window.calls.push([name].concat(Array.prototype.slice.call(arguments)));
    return result.apply(null, arguments);
  };
}
window.API = {
  LMSInitialize: record("LMSInitialize", function () { return "true"; }),
  LMSFinish: record("LMSFinish", function () { return "true"; }),
  LMSGetValue: record("LMSGetValue", function (k) { return window.cmi[k] || ""; }),
  LMSSetValue: record("LMSSetValue", function (k, v) { window.cmi[k] = v; return "true"; }),
  LMSCommit: record("LMSCommit", function () { return "true"; }),
  LMSGetLastError: function () { return "0"; },
  LMSGetErrorString: function () { return ""; },
  LMSGetDiagnostic: function () { return ""; }
};
</script></head>
<body><iframe id="sco" title="course" src="pkg/scorm.html" style="width:1200px;height:860px">
</iframe></body></html>
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seeds' project after ``coursegen export … --format scorm12``."""
    root = make_project(tmp_path_factory.mktemp("scorm"), SEED_CONTENT)
    argv = ["export", CODE, "--format", "scorm12", "-o", str(root / "out")]
    (root / "out").mkdir()
    assert main([*argv, "--content", str(root / "content")]) == 0
    return root


@pytest.fixture(scope="module")
def package(project: Path) -> bytes:
    return (project / "out" / f"{CODE}.scorm12.zip").read_bytes()


def test_exported_from_the_project_folder_as_a_trainer_types_it(
    tmp_path: Path, package: bytes
) -> None:
    """`coursegen export CODE --format scorm12` in the project folder (content/ found there,
    relative): the same package, the course's pages in it."""
    root = make_project(tmp_path, SEED_CONTENT)
    (root / "out").mkdir()
    command = [sys.executable, "-m", "generator.cli", "export", CODE, "--format", "scorm12"]
    done = subprocess.run([*command, "-o", "out"], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (root / "out" / f"{CODE}.scorm12.zip").read_bytes() == package


@pytest.fixture(scope="module")
def course(project: Path) -> Course:
    return next(c for c in load_project(project).courses if c.standard.code == CODE)


def test_manifest_valid_and_lists_every_file(package: bytes, course: Course) -> None:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        names = archive.namelist()
        manifest = archive.read("imsmanifest.xml")
    assert_valid(scorm12_schema(), manifest)
    root = etree.fromstring(manifest)
    (resource,) = root.iter(f"{CP}resource")
    assert resource.get(f"{ADLCP}scormtype") == "sco" and resource.get("href") == "scorm.html"
    listed = [f.get("href") for f in resource.iter(f"{CP}file")]
    assert sorted(listed) == sorted(set(names) - {"imsmanifest.xml"})
    assert root.findtext(f".//{ADLCP}masteryscore") == str(course.settings.pass_mark)
    assert root.findtext(f".//{CP}organization/{CP}title") == course.title
    assert f"{CODE}/index.html" in names and "assets/coursegen/scorm.js" in names
    # Learners open the package: no answer key, no question banks with their keys.
    kit = [n for n in names if "answer-key" in n or "/downloads/" in n or n.endswith(".gift.txt")]
    assert kit == []


def test_package_is_published_with_the_site_and_deterministic(
    project: Path, package: bytes, course: Course, tmp_path: Path
) -> None:
    assert (project / "site" / CODE / "downloads" / f"{CODE}.scorm12.zip").read_bytes() == package
    with zipfile.ZipFile(project / "site" / "course-offline.zip") as bundle:
        bundle.extractall(tmp_path)
    write_packages(tmp_path / "course-offline", tmp_path / "again", [course])
    assert (tmp_path / "again" / CODE / "downloads" / f"{CODE}.scorm12.zip").read_bytes() == package


@pytest.fixture(scope="module")
def lms(package: bytes, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The package unzipped under pkg/ beside the LMS page, served; the LMS page's URL."""
    folder = tmp_path_factory.mktemp("lms")
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        archive.extractall(folder / "pkg")
    (folder / "lms.html").write_text(LMS_PAGE, "utf-8")
    with served(folder) as url:
        yield url


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def _open(tab: Any, lms: str, cmi: dict[str, str] | None = None) -> Any:
    """The LMS page (with ``cmi`` as the LMS's stored data); the course's frame once loaded."""
    tab.goto(f"{lms}/lms.html#{json.dumps(cmi or {})}")
    tab.wait_for_function("window.calls.some(c => c[0] === 'LMSInitialize')")
    course = tab.frame_locator("#sco").frame_locator("#cg-course")
    course.locator("article").first.wait_for()
    return course


def _calls(tab: Any) -> list[list[str]]:
    calls: list[list[str]] = tab.evaluate("window.calls")
    return calls


def _set(tab: Any, name: str) -> list[str]:
    return [str(c[2]) for c in _calls(tab) if c[0] == "LMSSetValue" and c[1] == name]


def _answer(course: Any, questions: dict[str, Question]) -> None:
    """Answer every question of the quiz page right, from the bank's keys."""
    for item in course.locator("li.cg-q").all():
        question = questions[item.get_attribute("data-qid")]
        if question.type is QuestionType.MATCHING:
            for select, pair in zip(item.locator("select").all(), question.pairs, strict=True):
                select.select_option(pair.right)
            continue
        for code in question.correct_codes:
            item.locator(f"input[value='{code}']").check()


def test_final_quiz_passed_reaches_the_lms(tab: Any, lms: str, course: Course) -> None:
    frame = _open(tab, lms, {"cmi.core.lesson_status": "not attempted"})
    assert _set(tab, "cmi.core.lesson_status") == ["incomplete"]
    frame.locator("article a[href='quiz.html']").first.click()
    frame.locator("form.cg-quiz").wait_for()
    _answer(frame, {q.id: q for q in course.bank.questions})
    frame.locator("form.cg-quiz button[type=submit]").click()
    tab.wait_for_function("window.cmi['cmi.core.lesson_status'] === 'passed'", timeout=10_000)
    assert _set(tab, "cmi.core.score.raw")[-1] == "100"
    assert (_set(tab, "cmi.core.score.min"), _set(tab, "cmi.core.score.max")) == (["0"], ["100"])
    assert _set(tab, "cmi.core.lesson_location")[-1] == f"{CODE}/quiz.html"
    assert tab.errors == []


def test_failed_final_quiz_reports_failed(tab: Any, lms: str) -> None:
    frame = _open(tab, lms)
    frame.locator("article a[href='quiz.html']").first.click()
    frame.locator("form.cg-quiz button[type=submit]").click()  # nothing answered: 0 points
    tab.wait_for_function("window.cmi['cmi.core.lesson_status'] === 'failed'", timeout=10_000)
    assert _set(tab, "cmi.core.score.raw")[-1] == "0"


def test_ticks_go_to_suspend_data_and_come_back_in_another_browser(
    browser: Any, tab: Any, lms: str, course: Course
) -> None:
    duty = course.taught.duties[0].code
    frame = _open(tab, lms)
    frame.locator(f"article a[href='{duty}.html']").first.click()
    box = frame.locator("form.cg-selfcheck input[type=checkbox]").first
    box.check()
    code = box.get_attribute("value")
    tab.wait_for_function(f"(window.cmi['cmi.suspend_data'] || '').indexOf({code!r}) >= 0")
    saved = json.loads(tab.evaluate("window.cmi['cmi.suspend_data']"))
    assert saved == {"ticks": {duty: [code]}}
    # Another browser (empty localStorage): the LMS gives back the ticks and the place.
    other = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = other.new_page()
        cmi = {
            "cmi.core.entry": "resume",
            "cmi.suspend_data": json.dumps(saved),
            "cmi.core.lesson_location": f"{CODE}/{duty}.html",
        }
        again = _open(page, lms, cmi)
        again.locator("form.cg-selfcheck").first.wait_for()
        assert again.locator(f"form.cg-selfcheck input[value='{code}']").is_checked()
    finally:
        other.close()


def test_session_ends_with_finish_when_the_learner_leaves(tab: Any, lms: str) -> None:
    _open(tab, lms)
    tab.evaluate("document.getElementById('sco').src = 'about:blank'")
    tab.wait_for_function("window.calls.some(c => c[0] === 'LMSFinish')")
    assert _set(tab, "cmi.core.exit") == ["suspend"]  # not passed yet: the LMS keeps the data
    assert len(_set(tab, "cmi.core.session_time")) == 1


def test_without_an_lms_the_course_just_shows(tab: Any, lms: str) -> None:
    tab.goto(f"{lms}/pkg/scorm.html")
    course = tab.frame_locator("#cg-course")
    course.locator("article h1").first.wait_for()
    assert tab.evaluate("typeof window.API") == "undefined"
    assert tab.errors == []


def test_trainer_kit_names_where_the_package_is_published(project: Path) -> None:
    page = (project / "site" / CODE / "exports" / "index.html").read_text("utf-8")
    (named,) = [
        code.text or ""
        for code in etree.HTML(page).iter("code")
        if (code.text or "").endswith(".scorm12.zip")
    ]
    assert (project / "site" / CODE / named).is_file()
