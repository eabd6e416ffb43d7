"""Whatever names of pages/ and files/ validate accepts are published at distinct URLs, distinct
also where case and Unicode form do not count (Windows, macOS, a zip unpacked there), and
whatever it refuses is refused with the file's name (issue 28: 4).

The URLs are MkDocs' own (``mkdocs.structure.files.File``), not the generator's: the property
holds for what the build really writes. tests/publish/test_outside_files.py builds a few such
projects with MkDocs itself.
"""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.structure.files import File

from generator.diagnostics import errors
from generator.project import load_project
from generator.render.site import course_files
from tests.site.conftest import FIXTURE_CONTENT

CODE = "KPS9999-001v2"
# Dots, case, spaces, full-width and Chinese characters, a decomposed é, URL and Windows syntax.
CHARACTERS = [".", "a", "A", "b", " ", "-", "_", "Ａ", "ａ", "個", "案", "\u00e9", "e\u0301"]
CHARACTERS += ["#", ":"]
NAME = st.lists(st.sampled_from(CHARACTERS), min_size=1, max_size=5).map("".join)
PAGE_NAMES = st.lists(NAME.map(lambda n: f"{n}.md"), min_size=1, max_size=4)
FILE_NAMES = st.lists(
    st.tuples(
        st.sampled_from(["", "sub/", "Sub/", "個案/"]),
        NAME,
        st.sampled_from([".pdf", ".PDF", ".txt", ""]),
    ).map("".join),
    min_size=1,
    max_size=4,
)


def make_project(root: Path, pages: list[str], files: list[str]) -> None:
    """A project of the fixture standard whose course has these pages and files (a name whose
    folder is already a file's name, or the reverse, is left out, and so are ``.`` and ``..``:
    no file system holds them)."""
    shutil.copytree(FIXTURE_CONTENT, root / "content")
    course = root / "site_overrides" / CODE
    (course / "pages").mkdir(parents=True)
    for name in pages:
        (course / "pages" / name).write_text(f"# 頁面 {name}\n\n內容。\n", "utf-8")
    for name in files:
        path = course / "files" / name
        if {".", ".."} & set(name.split("/")) or any(p.is_file() for p in path.parents):
            continue  # a name no file can have
        if path.is_dir():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"檔案 {name}", "utf-8")


def published_urls(root: Path) -> list[str] | None:
    """The destination of every docs file of the course as MkDocs writes it, or None when
    validate refuses the project (every refusal naming a file of the course)."""
    project = load_project(root)
    found = errors(project.diagnostics)
    if found:
        assert all(d.file.startswith(f"site_overrides/{CODE}/") for d in found), found
        return None
    (course,) = project.courses
    return [File(path, "/docs", "/site", True).dest_uri for path in course_files(course)]


def _key(path: str) -> str:
    return unicodedata.normalize("NFC", path).casefold()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages=PAGE_NAMES, files=FILE_NAMES)
def test_what_validate_accepts_is_published_at_distinct_urls(
    pages: list[str], files: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        make_project(root, pages, files)
        written = sorted(
            p.relative_to(root / "site_overrides" / CODE).as_posix()
            for p in (root / "site_overrides" / CODE).rglob("*")
            if p.is_file()
        )
        urls = published_urls(root)
        if urls is None:
            return
    assert len({_key(u) for u in urls}) == len(urls), urls
    # every page and every file that is not hidden is published
    pages_out = [u for u in urls if u.startswith("pages/")]
    files_out = [u for u in urls if u.startswith("files/")]
    assert len(pages_out) == sum(n.startswith("pages/") for n in written)
    shown = [n for n in written if n.startswith("files/") and "/." not in n]
    assert len(files_out) == len(shown)
