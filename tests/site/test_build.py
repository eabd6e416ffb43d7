"""``build_site``: refuses bad content, is deterministic and rewrites nothing needlessly."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from generator.publish.build import build_site, plan
from generator.publish.files import sync_tree
from generator.publish.jobs import CATALOGUE_JOB, Job, Timings, run_jobs
from generator.publish.serve import generate
from generator.publish.targets import source_date_epoch
from generator.project import load_project
from generator.search import search_terms
from generator.validate import check_tree
from tests.site.conftest import SEED_CONTENT, Built, make_project


def tree(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_content_errors_stop_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, SEED_CONTENT)
    broken = tmp_path / "content" / "standards" / "KPS5220-005v2.yaml"
    broken.write_text(
        broken.read_text("utf-8").replace("K01, K02, K03", "K01, K99, K03", 1), "utf-8"
    )
    assert build_site(tmp_path, site_url=None) == 1
    assert "K99" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
    # only the lock, taken before the project is read (a build reads what is there in its turn)
    assert list((tmp_path / "build").iterdir()) == [tmp_path / "build" / ".lock"]


def test_same_input_gives_a_byte_identical_site(tmp_path: Path) -> None:
    """Two builds in different folders, with a site URL so that the sitemap lists pages."""
    sites = []
    for name in ("one", "two"):
        root = make_project(tmp_path / name, SEED_CONTENT)
        assert build_site(root, site_url="https://courses.example.invalid/") == 0
        sites.append(root / "site")
    one, two = sites
    files = sorted(p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file())
    differing = [f for f in files if (one / f).read_bytes() != (two / f).read_bytes()]
    assert not differing
    sitemap = (one / "sitemap.xml").read_text("utf-8")
    standards = check_tree(tmp_path / "one" / "content").standards
    newest = max(v.date for s in standards for v in s.versions if v.date)
    # One sitemap lists every site's pages; each course's pages carry its own standard's date
    # (each course is built on its own), the catalogue's the newest of all.
    entries = re.findall(r"<loc>(.*?)</loc>\s*<lastmod>(.*?)</lastmod>", sitemap)
    assert len(entries) == sitemap.count("<url>") == len(list(one.rglob("*.html"))) - 1  # 404
    dates = {s.code: max(v.date for v in s.versions if v.date) for s in standards}
    for loc, lastmod in entries:
        code = loc.removeprefix("https://courses.example.invalid/").split("/")[0]
        assert lastmod == dates.get(code, newest), loc


def test_source_date_epoch_from_the_environment_wins(
    seeds_site: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert source_date_epoch(seeds_site.standards) == "86400"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert source_date_epoch(()) == "0"


def test_regenerating_unchanged_content_rewrites_nothing(seeds_site: Built) -> None:
    build = seeds_site.root / "build"
    before = tree(build)
    shared = plan(seeds_site.root, load_project(seeds_site.root).courses, None)
    jobs = [Job(i, run_mkdocs=False) for i in (CATALOGUE_JOB, *range(len(shared.courses)))]
    outcomes = run_jobs(shared, jobs, 2, Timings())
    assert [o.missing for o in outcomes] == [(), (), ()]  # every output cached, too
    assert tree(build) == before


def test_the_preview_of_everything_is_regenerated_only_when_changed(tmp_path: Path) -> None:
    """``coursegen serve`` previews one site of every course (build/docs, build/mkdocs.yml)."""
    root = make_project(tmp_path, SEED_CONTENT)
    courses = load_project(root).courses
    config = generate(root, courses, None)
    before = tree(root / "build")
    assert generate(root, courses, None) == config
    assert tree(root / "build") == before
    text = config.read_text("utf-8")
    for course in courses:
        for duty in course.standard.duties:
            assert f"- {course.standard.code}/{duty.code}.md" in text


def test_sync_tree_writes_changes_and_deletes_stale_files(tmp_path: Path) -> None:
    assert sync_tree(tmp_path, {"a.md": b"1", "x/b.md": b"2"}) == ["a.md", "x/b.md"]
    stamp = (tmp_path / "a.md").stat().st_mtime_ns
    assert sync_tree(tmp_path, {"a.md": b"1", "y/c.md": b"3"}) == ["x/b.md", "y/c.md"]
    assert (tmp_path / "a.md").stat().st_mtime_ns == stamp
    assert not (tmp_path / "x").exists()
    assert sorted(os.listdir(tmp_path)) == ["a.md", "y"]


def test_derived_configs_inherit_the_base_and_have_the_nav(seeds_site: Built) -> None:
    """Each course is a site of its own: its pages at the top, the logo back to the catalogue."""
    for standard in seeds_site.standards:
        path = seeds_site.root / "build" / "courses" / standard.code / "mkdocs.yml"
        config = path.read_text("utf-8")
        assert config.count("INHERIT: ../../../mkdocs.yml") == 1
        assert "homepage: ../" in config
        for duty in standard.duties:
            assert f"- {duty.code}.md" in config
            assert f"{standard.code}/{duty.code}.md" not in config
    catalogue = (seeds_site.root / "build" / "catalogue" / "mkdocs.yml").read_text("utf-8")
    assert catalogue.count("INHERIT: ../../mkdocs.yml") == 1
    for standard in seeds_site.standards:
        assert f"/{standard.code}/index.md" in catalogue  # excluded: only a link target


def test_search_dictionary_holds_each_course_s_outputs(seeds_site: Built) -> None:
    for standard in seeds_site.standards:
        path = seeds_site.root / "build" / "courses" / standard.code / "search_terms.txt"
        assert path.read_text("utf-8").split() == list(search_terms((standard,)))
    kps5220 = seeds_site.root / "build" / "courses" / "KPS5220-005v2" / "search_terms.txt"
    assert "預約表" in kps5220.read_text("utf-8").split()


def test_base_config_is_offline_and_zh_tw() -> None:
    import yaml

    base = yaml.safe_load((Path(__file__).parents[2] / "mkdocs.yml").read_text("utf-8"))
    assert base["theme"]["language"] == "zh-TW"
    assert base["theme"]["font"] is False
    assert base["validation"]["links"]["anchors"] == "warn"


def test_search_index_is_cut_with_the_traditional_dictionary(seeds_site: Built) -> None:
    """jieba's Simplified dictionary cut 汽車售/後 and 聯/繫; the Traditional one keeps words."""
    index = seeds_site.site / "KPS5220-005v2" / "search" / "search_index.json"
    docs = json.loads(index.read_text("utf-8"))["docs"]
    tokens = {t for d in docs for t in re.split(r"[\s\u200b<>/]+", d["title"] + " " + d["text"])}
    assert {"售後", "服務", "聯繫", "客戶", "顧客", "關係"} <= tokens
    assert not {"汽車售", "聯", "繫", "顧客關"} & tokens
