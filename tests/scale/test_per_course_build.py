"""Per-course builds: each course its own site, unchanged ones reused, shards and assembly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.publish.build import build_site
from generator.publish.jobs import Timings
from tests.site.conftest import SEED_CONTENT, make_project

EDITED, OTHER = "KPS5294-001v3", "KPS5220-005v2"
HANDOUT = f"site_overrides/{OTHER}/files/handout.pdf"  # a trainer's file of OTHER


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("per-course"), SEED_CONTENT)
    (root / HANDOUT).parent.mkdir(parents=True)
    (root / HANDOUT).write_bytes(b"%PDF-1.4 " + b"A" * 5000)
    assert build_site(root, site_url="https://courses.example.invalid/") == 0
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built project (build/ included), as the working directory."""
    root = tmp_path / "project"
    shutil.copytree(built, root)
    monkeypatch.chdir(root)
    return root


def rebuild(root: Path) -> Timings:
    timings = Timings()
    assert build_site(root, site_url="https://courses.example.invalid/", timings=timings) == 0
    return timings


def edit_one_indicator(root: Path, code: str) -> None:
    path = root / "content" / "standards" / f"{code}.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("text: ", "text: 另外，", 1), "utf-8")


def test_an_unchanged_project_rebuilds_nothing_and_the_site_stays_the_same(
    built: Path, project: Path
) -> None:
    timings = rebuild(project)
    assert timings.built == []
    assert len(timings.reused) == 3  # the catalogue and two courses
    assert timings.rendered == ["catalogue"]  # the courses' sources are unchanged
    assert files(project / "site") == files(built / "site")


def test_editing_one_indicator_rebuilds_that_course_only(project: Path) -> None:
    """The catalogue's search of every course's indicators is composed into site/, not built
    by MkDocs: it shows the new words without the catalogue's site being rebuilt."""
    edit_one_indicator(project, EDITED)
    timings = rebuild(project)
    assert timings.built == [f"{EDITED} online"]
    assert timings.rendered == ["catalogue", EDITED]
    module = (project / "site" / EDITED / "T1" / "index.html").read_text("utf-8")
    assert "另外，" in module
    shards = (project / "site" / "search" / "catalogue").glob("*.js")  # the catalogue's search
    assert any("另外，" in p.read_text("utf-8") for p in shards)


def test_editing_a_trainer_file_in_place_rebuilds_that_course(project: Path) -> None:
    """Same name, same size, other bytes: the file is known by its digest, not its size."""
    (project / HANDOUT).write_bytes(b"%PDF-1.4 " + b"A" * 4999 + b"B")
    timings = rebuild(project)
    assert timings.built == [f"{OTHER} online"]
    assert timings.rendered == ["catalogue", OTHER]
    published = project / "site" / OTHER / "files" / "handout.pdf"
    assert published.read_bytes() == (project / HANDOUT).read_bytes()


def test_the_build_reports_each_site_as_it_is_done(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_one_indicator(project, EDITED)
    rebuild(project)
    lines = capsys.readouterr().err.splitlines()
    assert [line.split("] ")[0] for line in lines] == ["[1/3", "[2/3", "[3/3"]
    states = sorted(line.split("] ")[1] for line in lines)  # in the order the sites finish
    expected = ["課程目錄：未變更，沿用", f"{EDITED}：已建置", f"{OTHER}：未變更，沿用"]
    assert states == sorted(expected)


def test_an_edit_that_changes_nothing_of_the_course_renders_nothing(project: Path) -> None:
    path = project / "content" / "standards" / f"{EDITED}.yaml"
    path.write_text(path.read_text("utf-8").replace("name: ", "name:  ", 1), "utf-8")
    timings = rebuild(project)  # the file is read and checked again: the same course
    assert timings.rendered == ["catalogue"]
    assert timings.built == []


def test_a_trainer_s_addition_rebuilds_that_course(project: Path) -> None:
    addition = project / "site_overrides" / EDITED / "T1.md"
    addition.parent.mkdir(parents=True)
    addition.write_text("## 導入\n\n先看一段客服電話錄音。\n", "utf-8")
    timings = rebuild(project)
    assert timings.built == [f"{EDITED} online"]
    assert "先看一段客服電話錄音" in (project / "site" / EDITED / "T1" / "index.html").read_text()


def test_a_changed_trainer_file_rebuilds_that_course(project: Path) -> None:
    handout = project / "site_overrides" / EDITED / "files" / "handout.txt"
    handout.parent.mkdir(parents=True)
    handout.write_text("第一版講義\n", "utf-8")
    assert rebuild(project).built == [f"{EDITED} online"]
    handout.write_text("第二版講義\n", "utf-8")
    assert rebuild(project).built == [f"{EDITED} online"]
    published = project / "site" / EDITED / "files" / "handout.txt"
    assert published.read_text("utf-8") == "第二版講義\n"


def test_a_new_course_title_rebuilds_that_course_and_the_catalogue(project: Path) -> None:
    settings = project / "site_overrides" / EDITED / "course.yml"
    settings.parent.mkdir(parents=True)
    settings.write_text("title: 電話行銷實務\n", "utf-8")
    assert sorted(rebuild(project).built) == [f"{EDITED} online", "catalogue online"]
    assert "電話行銷實務" in (project / "site" / "index.html").read_text("utf-8")
    assert "電話行銷實務" in (project / "site" / EDITED / "index.html").read_text("utf-8")


def test_a_theme_change_rebuilds_every_site(project: Path) -> None:
    logo = project / "site_overrides" / "assets" / "logo.svg"
    logo.parent.mkdir(parents=True)
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    timings = rebuild(project)
    assert sorted(timings.built) == sorted(f"{n} online" for n in ("catalogue", EDITED, OTHER))
    assert sorted(timings.rendered) == sorted(["catalogue", EDITED, OTHER])
    assert (project / "site" / "assets" / "logo.svg").is_file()


def test_courses_share_the_catalogue_s_theme_files(built: Path) -> None:
    site = built / "site"
    for code in (EDITED, OTHER):
        assert not (site / code / "assets").exists()
        assert not (site / code / "404.html").exists()
        html = (site / code / "T1" / "index.html").read_text("utf-8")
        assert 'href="../../assets/stylesheets/' in html
        assert '"search": "../../assets/javascripts/workers/' in html
    assert (site / "assets" / "javascripts").is_dir()


def test_each_course_has_its_own_search_index(built: Path) -> None:
    site = built / "site"
    for code, other in ((EDITED, OTHER), (OTHER, EDITED)):
        index = json.loads((site / code / "search" / "search_index.json").read_text("utf-8"))
        locations = [doc["location"] for doc in index["docs"]]
        assert "T1/" in locations
        assert not [loc for loc in locations if other in loc or loc.startswith(("/", "../"))]
    top = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert {doc["location"].split("#")[0] for doc in top["docs"]} <= {"", "guide/"}


def test_the_top_sitemap_lists_every_site_s_pages(built: Path) -> None:
    sitemap = (built / "site" / "sitemap.xml").read_text("utf-8")
    for path in ("", "guide/", f"{EDITED}/", f"{OTHER}/T1/"):
        assert f"<loc>https://courses.example.invalid/{path}</loc>" in sitemap


def test_build_course_builds_into_build_only(project: Path) -> None:
    before = files(project / "site")
    shutil.rmtree(project / "build" / "courses" / EDITED)
    assert main(["build", "--course", EDITED]) == 0
    assert files(project / "site") == before
    assert (project / "build" / "courses" / EDITED / "out" / "online" / "index.html").is_file()


def test_catalogue_only_composes_the_courses_built_before(project: Path) -> None:
    shutil.rmtree(project / "site")
    timings = Timings()
    url = "https://courses.example.invalid/"
    assert build_site(project, url, catalogue_only=True, timings=timings) == 0
    assert timings.built == []  # the catalogue was built before, too
    assert (project / "site" / EDITED / "index.html").is_file()


def test_catalogue_only_refuses_missing_or_outdated_courses(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(project / "site")
    edit_one_indicator(project, EDITED)
    shutil.rmtree(project / "build" / "courses" / OTHER)
    assert (
        main(["build", "--catalogue-only", "--site-url", "https://courses.example.invalid/"]) == 1
    )
    err = capsys.readouterr().err
    assert EDITED in err and OTHER in err and "site/ 維持原樣" in err
    assert files(project / "site") == before


def test_an_unknown_course_is_wrong_usage(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--course", "KPS5294-001v9"]) == 2
    assert EDITED in capsys.readouterr().err  # did you mean …?
    assert main(["build", "--course", EDITED, "--catalogue-only"]) == 2
