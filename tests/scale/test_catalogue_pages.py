"""A long catalogue is listed by 職類別, in pages of a bounded number of courses.

70 synthetic standards in two job categories (45 + 25): the catalogue site is built on its own
(course sites are not needed to check its pages and links) and read as HTML and in Chromium.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.synthetic import code_of, make_project
from generator.project import load_project
from generator.publish.build import plan
from generator.publish.jobs import CATALOGUE_JOB, Job, Timings, run_jobs
from generator.render.pages import CATALOGUE_PAGE_SIZE, catalogue_pages
from tests.site.htmltools import parse
from tests.site.test_browser import AXE, _axe, browser, page, served  # noqa: F401 - fixtures

TOTAL, FIRST_GROUP = 70, 45
OTHER_JOB = "{code: ZZT, name: 測試職類 / 分頁}"


def courses_of(job: str) -> list[str]:
    indexes = range(FIRST_GROUP) if job == "KPS" else range(FIRST_GROUP, TOTAL)
    return [code_of(i) for i in indexes]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("long-catalogue"), TOTAL)
    for code in courses_of("ZZT"):
        path = root / "content" / "standards" / f"{code}.yaml"
        text = path.read_text("utf-8")
        path.write_text(re.sub(r"job: \{[^}]*\}", f"job: {OTHER_JOB}", text, count=1), "utf-8")
    return root


@pytest.fixture(scope="module")
def catalogue(project: Path) -> Path:
    """The catalogue site alone, built by MkDocs (--strict) as in a full build, with its
    file:// variant (--offline)."""
    shared = plan(project, load_project(project).courses, None, offline=True)
    run_jobs(shared, [Job(CATALOGUE_JOB)], 1, Timings())
    return project / "build" / "catalogue" / "out" / "online"


def html(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text("utf-8")


def course_links(site: Path, url: str) -> list[str]:
    """The course codes a catalogue page links to (``../../KPS9000-001v1/``)."""
    links = "\n".join(parse(html(site, url)).links)
    return re.findall(r"^(?:\.\./)*(KPS9\d{3}-\d{3}v1)/$", links, re.MULTILINE)


def test_a_short_catalogue_lists_its_courses_on_the_home(project: Path) -> None:
    courses = load_project(project).courses[:CATALOGUE_PAGE_SIZE]
    (home,) = catalogue_pages(courses)
    assert [c.code for c in home.courses] == sorted(c.standard.code for c in courses)
    assert home.categories == ()


def test_the_home_of_a_long_catalogue_lists_its_categories(catalogue: Path) -> None:
    home = parse(html(catalogue, "/"))
    assert "categories/KPS/" in home.links and "categories/ZZT/" in home.links
    assert f"{FIRST_GROUP} 門課程" in home.text
    assert f"{TOTAL - FIRST_GROUP} 門課程" in home.text
    assert "測試職類 / 分頁" in home.text
    assert course_links(catalogue, "/") == []


def test_each_category_lists_its_own_courses_once_in_bounded_pages(catalogue: Path) -> None:
    for job, urls in (
        ("KPS", ["/categories/KPS/", "/categories/KPS/2/"]),
        ("ZZT", ["/categories/ZZT/"]),
    ):
        listed = [course_links(catalogue, url) for url in urls]
        assert all(0 < len(codes) <= CATALOGUE_PAGE_SIZE for codes in listed)
        assert [c for codes in listed for c in codes] == courses_of(job)
    assert not (catalogue / "categories" / "KPS" / "3").exists()
    assert not (catalogue / "categories" / "ZZT" / "2").exists()


def test_the_pages_of_a_category_link_to_each_other_and_home(catalogue: Path) -> None:
    first = parse(html(catalogue, "/categories/KPS/")).links
    second = parse(html(catalogue, "/categories/KPS/2/")).links
    assert "2/" in first and "../../" in first
    assert "../" in second and "../../../" in second  # back to page 1, and home
    text = parse(html(catalogue, "/categories/KPS/2/")).text
    assert "第 2 頁，共 2 頁" in text and f"第 {CATALOGUE_PAGE_SIZE + 1}–{FIRST_GROUP} 門" in text


def test_the_offline_catalogue_links_its_pages_as_files(catalogue: Path) -> None:
    offline = catalogue.with_name("offline")
    first = parse((offline / "categories" / "KPS" / "index.html").read_text("utf-8")).links
    second = parse((offline / "categories" / "KPS" / "2.html").read_text("utf-8")).links
    assert "2.html" in first and "../../index.html" in first
    assert f"../../{code_of(0)}/index.html" in first
    assert "index.html" in second and f"../../{code_of(CATALOGUE_PAGE_SIZE)}/index.html" in second
    home = parse((offline / "index.html").read_text("utf-8")).links
    assert "categories/KPS/index.html" in home


def test_catalogue_search_covers_the_category_pages(catalogue: Path) -> None:
    index = (catalogue / "search" / "search_index.json").read_text("utf-8")
    assert '"location":"categories/KPS/2/' in index.replace(" ", "")


@pytest.fixture(scope="module")
def base_url(catalogue: Path) -> Iterator[str]:
    with served(catalogue) as url:
        yield url


@pytest.mark.browser
def test_a_category_page_is_accessible_and_its_next_page_reached_by_keyboard(
    page: Any,  # noqa: F811 - the fixture imported above
) -> None:
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run npm ci")
    page.goto("/categories/KPS/")
    page.wait_for_load_state("networkidle")
    problems = _axe(page)
    assert not problems, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in problems]
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == "下一頁 →":
            break
    else:
        pytest.fail("the next page cannot be reached with the Tab key")
    page.keyboard.press("Enter")
    page.wait_for_url("**/categories/KPS/2/")
    heading = page.locator("h1").inner_text().rstrip("¶")  # Material's permalink
    assert heading == "行銷與銷售 / 專業銷售（第 2 頁，共 2 頁）"
