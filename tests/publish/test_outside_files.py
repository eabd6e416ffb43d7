"""``coursegen build`` as a hostile or careless user runs it (issue 28): nothing from outside
the project is published, names that validate build, and a build that waited for another one
publishes the project as it is when its turn comes."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings

from generator.cli import main
from generator.publish.build import build_site
from generator.publish.paths import BUILD_DIR, LOCK_FILE, OFFLINE_ZIP
from tests.publish.test_leftovers import _line_within
from tests.publish.test_safe_build import snapshot
from tests.test_published_names import CODE as FIXTURE_CODE
from tests.test_published_names import FILE_NAMES, PAGE_NAMES, make_project, published_urls

CODE = "KPS5294-001v3"
SECRET = "TOP-SECRET-LINE-FROM-OUTSIDE"


def _everything(folder: Path) -> bytes:
    """Every byte under ``folder``, the offline zip unpacked included."""
    found = b""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            found += path.read_bytes()
            if path.name == OFFLINE_ZIP:
                with tempfile.TemporaryDirectory() as unpacked:
                    shutil.unpack_archive(path, unpacked)
                    found += _everything(Path(unpacked))
    return found


def _link_standard(project: Path, outside: Path) -> None:
    standard = project / "content" / "standards" / f"{CODE}.yaml"
    text = standard.read_text("utf-8").replace("\nname: ", f"\nname: {SECRET}", 1)
    (outside / standard.name).write_text(text, "utf-8")
    standard.unlink()
    standard.symlink_to(outside / standard.name)


def _link_standards_folder(project: Path, outside: Path) -> None:
    _link_standard(project, outside)
    (project / "content" / "standards" / f"{CODE}.yaml").unlink()
    for path in (project / "content" / "standards").iterdir():
        shutil.move(path, outside / path.name)
    (project / "content" / "standards").rmdir()
    (project / "content" / "standards").symlink_to(outside)


def _hard_link_file(project: Path, outside: Path) -> None:
    (outside / "handout.txt").write_text(SECRET, "utf-8")
    files = project / "site_overrides" / CODE / "files"
    files.mkdir(parents=True)
    os.link(outside / "handout.txt", files / "handout.txt")


@pytest.mark.parametrize(
    ("make", "named"),
    [
        (_link_standard, f"content/standards/{CODE}.yaml: 錯誤：這是符號連結"),
        (_link_standards_folder, "content/standards: 錯誤：這是符號連結"),
        (_hard_link_file, f"site_overrides/{CODE}/files/handout.txt: 錯誤：這個檔案是硬連結"),
    ],
)
def test_nothing_from_outside_the_project_is_published(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: object,
    named: str,
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    before = snapshot(project / "site")
    assert callable(make)
    make(project, outside)
    assert main(["build", "--offline"]) == 1
    err = capsys.readouterr().err
    assert named in err
    assert SECRET not in err
    assert snapshot(project / "site") == before
    assert SECRET.encode() not in _everything(project / "site")


def test_pages_named_by_dots_and_case_are_refused_not_a_traceback(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = project / "site_overrides" / CODE / "pages"
    pages.mkdir(parents=True)
    for name in ("...md", "md.md", "A.md", "a.md"):
        (pages / name).write_text(f"# {name}\n", "utf-8")
    before = snapshot(project / "site")
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"site_overrides/{CODE}/pages/...md: 錯誤：檔名「...md」沒有文字或數字" in err
    assert f"site_overrides/{CODE}/pages/a.md: 錯誤：這一頁與 " in err
    assert snapshot(project / "site") == before
    (pages / "...md").unlink()
    (pages / "a.md").unlink()
    assert main(["build"]) == 0
    assert (project / "site" / CODE / "pages" / "md" / "index.html").is_file()
    assert (project / "site" / CODE / "pages" / "A" / "index.html").is_file()


def test_a_build_that_waited_publishes_the_project_as_it_is_when_it_starts(
    project: Path,
) -> None:
    settings_file = project / "site_overrides" / CODE / "course.yml"
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text("title: 等待前的課程名稱\n", "utf-8")
    lock = project / BUILD_DIR / LOCK_FILE
    lock.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "generator.cli", "build"]
    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running build holds it
        waiting = subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE, text=True)
        try:
            assert "另一個 coursegen build 正在執行" in _line_within(waiting.stderr, 60)
            settings_file.write_text("title: 等待後的課程名稱\n", "utf-8")  # the running build's
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)
    assert waiting.wait(timeout=600) == 0
    home = (project / "site" / CODE / "index.html").read_text("utf-8")
    assert "等待後的課程名稱" in home
    assert "等待前的課程名稱" not in home


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(pages=PAGE_NAMES, files=FILE_NAMES)
def test_random_names_that_validate_accepts_build(pages: list[str], files: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        make_project(root, pages, files)
        urls = published_urls(root)
        assume(urls is not None)
        assert urls is not None
        shutil.copy(Path(__file__).resolve().parents[2] / "mkdocs.yml", root / "mkdocs.yml")
        assert build_site(root, site_url=None) == 0
        site = root / "site" / FIXTURE_CODE
        for url in urls:
            if url.startswith(("pages/", "files/")):
                assert (site / url).is_file(), url
