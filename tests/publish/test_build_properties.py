"""Property tests of the build path: any text in a standard shows as itself, or is refused.

Random text goes into the standard's name, a duty's name, a task's name and an indicator
through the YAML file (the I/O edge). Then either the content checks refuse it, each problem
with file and line, or every page shows the text as text, with no script. Many examples run
through the render layer (Python-Markdown, no MkDocs); a few through the whole ``build_site``.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.diagnostics import errors
from generator.dump import standard_to_data
from generator.load import load_standard
from generator.project import load_project
from generator.publish.build import build_site
from generator.publish.inputs import read_assets
from generator.render import pages as p
from generator.render.site import render_site
from generator.validate import check_tree
from generator.yamlio import dump_yaml
from tests.conftest import text_of
from tests.site.conftest import FIXTURE_CONTENT, ROOT
from tests.site.htmltools import normalize, parse
from tests.site.test_escape import shown

FIXTURE_FILE = next((FIXTURE_CONTENT / "standards").glob("*.yaml"))
BASE = standard_to_data(load_standard(FIXTURE_FILE)[0])
PIECES = [*"*_|[]()<>`\\#&!{}~^=+:$\"'/-.%@ \n\t", "<script>alert(1)</script>", "預約表", "&amp;"]
TEXT = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")),
    ),
    min_size=1,
    max_size=30,
).map("".join)


def with_texts(name: str, duty: str, task: str, indicator: str) -> dict[str, Any]:
    """The fixture standard's data with the four texts put in."""
    data = standard_to_data(load_standard(FIXTURE_FILE)[0])
    data["name"] = name
    first_duty = data["duties"][0]
    first_duty["name"] = duty
    first_duty["tasks"][0]["name"] = task
    first_duty["tasks"][0]["indicators"][0]["text"] = indicator
    return data


def write_project(folder: Path, data: dict[str, Any]) -> Path:
    """A project folder holding one standard file with ``data``; return the file."""
    standards = folder / "content" / "standards"
    standards.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    path = standards / FIXTURE_FILE.name
    path.write_text(dump_yaml(data), "utf-8")
    return path


def assert_refused_with_file_and_line(diagnostics: list[Any], file: Path) -> None:
    assert diagnostics
    for diagnostic in diagnostics:
        assert Path(diagnostic.file).name == file.name
        assert isinstance(diagnostic.line, int) and diagnostic.line >= 1


@settings(max_examples=60, deadline=None)
@given(name=TEXT, duty=TEXT, task=TEXT, indicator=TEXT)
def test_any_text_is_shown_as_text_on_the_pages_or_refused_with_a_line(
    name: str, duty: str, task: str, indicator: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        file = write_project(Path(folder), with_texts(name, duty, task, indicator))
        project = load_project(Path(folder))
    problems = errors(project.diagnostics)
    if problems:
        assert_refused_with_file_and_line(problems, file)
        assert any(not text.strip() for text in (name, duty, task, indicator))
        event("refused")
        return
    event("built")
    (course,) = project.courses
    standard = course.standard
    site = render_site(project.courses, read_assets())
    folder_name = standard.code
    home, course_scripts = shown(text_of(site.files[f"{folder_name}/{p.COURSE_PAGE}"]))
    module, module_scripts = shown(
        text_of(site.files[f"{folder_name}/{p.module_page(standard.duties[0].code)}"])
    )
    assert course_scripts == module_scripts == 0
    assert normalize(name) in home
    for text in (duty, task, indicator):
        assert normalize(text) in module


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(name=TEXT, indicator=TEXT)
def test_whole_build_shows_any_text_or_refuses_it_leaving_no_site(
    name: str, indicator: str
) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        data = with_texts(name, BASE["duties"][0]["name"], "任務", indicator)
        file = write_project(root, data)
        messages = io.StringIO()
        with contextlib.redirect_stderr(messages), contextlib.redirect_stdout(io.StringIO()):
            code = build_site(root, site_url=None)
        if code == 1:
            assert not (root / "site").exists()
            event("refused")
            refused = [line for line in messages.getvalue().splitlines() if "錯誤：" in line]
            assert refused
            for line in refused:
                assert re.match(rf".*{re.escape(file.name)}:[0-9]+: 錯誤：", line), line
            return
        assert code == 0
        standard = check_tree(root / "content").standards[0]
        duty = standard.duties[0].code
        html = (root / "site" / standard.code / duty / "index.html").read_text("utf-8")
        page = parse(html)
        assert page.scripts == 0
        assert normalize(indicator) in page.text
        home = parse((root / "site" / standard.code / "index.html").read_text("utf-8"))
        assert normalize(name) in home.text


def test_very_long_texts_build_and_show_whole(tmp_path: Path) -> None:
    name = "很長的職能基準名稱" * 200
    indicator = ("能依預約表安排 *工作* | 並記錄 <b>結果</b>。" * 800).strip()
    data = with_texts(name, BASE["duties"][0]["name"], "任務", indicator)
    write_project(tmp_path, data)
    assert build_site(tmp_path, site_url=None) == 0
    standard = check_tree(tmp_path / "content").standards[0]
    module = tmp_path / "site" / standard.code / standard.duties[0].code / "index.html"
    assert normalize(indicator) in parse(module.read_text("utf-8")).text
    home = tmp_path / "site" / standard.code / "index.html"
    assert name in parse(home.read_text("utf-8")).text
