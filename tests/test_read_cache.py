"""A standard whose inputs did not change is taken from build/read/, and says what it said.

What a user would notice if the cache were wrong: an edit that does not show, a warning that
disappears on the second build, a new coursegen that keeps an old reading, a damaged build/
that breaks or changes the build. Each test reads a small synthetic project twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import generator.project as project_module
from benchmarks.synthetic import code_of, make_project
from generator import read_cache
from generator.diagnostics import Severity
from generator.project import Project, load_project

COURSES = 2


@pytest.fixture
def root(tmp_path: Path) -> Path:
    make_project(tmp_path, COURSES)
    return tmp_path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the standard files actually read (not taken from the cache)."""
    names: list[str] = []
    real = project_module._read

    def counted(root: Path, path: Path) -> object:
        names.append(path.name)
        return real(root, path)

    monkeypatch.setattr(project_module, "_read", counted)
    return names


def _standard(root: Path, index: int) -> Path:
    return root / "content" / "standards" / f"{code_of(index)}.yaml"


def _first_indicator(path: Path) -> str:
    """The first indicator's text, as the YAML file says (read here with PyYAML)."""
    data = yaml.safe_load(path.read_text("utf-8"))
    return str(data["duties"][0]["tasks"][0]["indicators"][0]["text"])


def _indicators(project: Project, code: str) -> list[str]:
    course = next(c for c in project.courses if c.standard.code == code)
    return [i.text for t in course.standard.tasks() for i in t.indicators]


def test_an_unchanged_project_is_read_once_and_says_the_same(root: Path, reads: list[str]) -> None:
    first = load_project(root)
    assert sorted(reads) == [f"{code_of(i)}.yaml" for i in range(COURSES)]
    second = load_project(root)
    assert len(reads) == COURSES  # nothing read again
    uncached = load_project(root, cache=False)
    assert second.courses == first.courses == uncached.courses
    assert second.diagnostics == first.diagnostics == uncached.diagnostics
    # the synthetic standards have knowledge no task uses: warnings, reported every time
    warnings = [d for d in second.diagnostics if d.severity == Severity.WARNING]
    assert warnings, "the synthetic project has warnings to report"


def test_an_edited_standard_is_read_again_and_shows_its_new_text(
    root: Path, reads: list[str]
) -> None:
    load_project(root)
    path = _standard(root, 1)
    old = _first_indicator(path)
    path.write_text(path.read_text("utf-8").replace(old, f"{old}（修訂）", 1), "utf-8")
    reads.clear()
    again = load_project(root)
    assert reads == [path.name]
    assert f"{old}（修訂）" in _indicators(again, code_of(1))


def test_a_trainers_new_file_reads_the_course_again(root: Path, reads: list[str]) -> None:
    load_project(root)
    folder = root / "site_overrides" / code_of(0)
    folder.mkdir(parents=True)
    (folder / "course.yml").write_text("modules: [X9]\n", "utf-8")  # no such duty
    reads.clear()
    again = load_project(root)
    assert reads == [f"{code_of(0)}.yaml"]
    assert any(d.file == f"site_overrides/{code_of(0)}/course.yml" for d in again.diagnostics)


def test_another_version_of_the_code_reads_every_standard_again(
    root: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_project(root)
    reads.clear()
    monkeypatch.setattr(read_cache, "code_key", lambda: "another version of coursegen")
    load_project(root)
    assert sorted(reads) == [f"{code_of(i)}.yaml" for i in range(COURSES)]


@pytest.mark.parametrize("damage", ["truncated", "garbage", "other key", "a folder"])
def test_a_damaged_cache_entry_is_read_again_never_trusted(
    root: Path, reads: list[str], damage: str
) -> None:
    first = load_project(root)
    entry = root / "build" / "read" / f"{code_of(0)}.pickle"
    data = entry.read_bytes()
    header, _, body = data.partition(b"\n")
    if damage == "truncated":
        entry.write_bytes(data[: len(header) + len(body) // 2])
    elif damage == "garbage":
        entry.write_bytes(header + b"\n" + b"\x80\x05not a pickle")
    elif damage == "other key":
        entry.write_bytes(header[:-4] + b"0000\n" + body)
    else:
        entry.unlink()
        entry.mkdir()
    reads.clear()
    again = load_project(root)
    assert reads == [f"{code_of(0)}.yaml"]
    assert again.courses == first.courses
    assert again.diagnostics == first.diagnostics
