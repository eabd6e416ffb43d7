"""The built seed site in headless Chromium: self-check, search, offline, accessibility.

Debian's chromium, driven by Playwright (never ``playwright install``); the site is served by
http.server on 127.0.0.1 in a thread.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright import sync_api as playwright_api

from generator.model import Duty, RowGroup, Standard, Task
from tests.site.conftest import ROOT, Built

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
]



class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _holders(duty: Duty) -> tuple[Task | RowGroup, ...]:
    """What holds a duty's indicators and outputs: its tasks and its rows of several tasks."""
    return (*duty.tasks, *duty.rows)


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on 127.0.0.1 (a free port) while in the block; its URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join()


@pytest.fixture(scope="module")
def base_url(seeds_site: Built) -> Iterator[str]:
    with served(seeds_site.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail("chromium is not installed at /usr/bin/chromium: apt-get install chromium")
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page that records every URL it requests."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.requested = []
    tab.on("request", lambda request: tab.requested.append(request.url))
    yield tab
    context.close()


def modules_containing(standards: tuple[Standard, ...], word: str) -> set[str]:
    """URLs of the module pages whose duty's texts contain ``word``, from the model."""
    found = set()
    for s in standards:
        for duty in s.duties:
            texts = [duty.name] + [t.name for t in duty.tasks]
            for holder in _holders(duty):  # a row group holds its row's outputs
                texts += [o.name for o in holder.outputs] + [p.text for p in holder.indicators]
            if any(word in text for text in texts):
                found.add(f"/{s.code}/{duty.code}/")
    return found


def search(page: Any, word: str) -> None:
    """Type ``word`` into Material's search box and wait for results.

    Material reads the query on focus and keyup; filling CJK text sends neither, so press End.
    """
    page.wait_for_load_state("networkidle")
    box = page.locator("input.md-search__input")
    box.fill(word)
    box.press("End")
    page.locator("li.md-search-result__item").first.wait_for()


def test_self_check_survives_a_reload_and_can_be_cleared(page: Any, seeds_site: Built) -> None:
    standard = seeds_site.standards[0]
    duty = standard.duties[0]
    first = standard.indicators_at(duty.tasks[0])[0].code
    page.goto(f"/{standard.code}/{duty.code}/")
    box = page.locator(f"input[value='{first}']")
    box.check()
    page.reload()
    assert page.locator(f"input[value='{first}']").is_checked()
    count = len(standard.indicators_at(duty.tasks[0]))  # the first task's rubric holds it
    assert page.locator(".cg-selfcheck-status").first.inner_text() == f"已勾選 1／{count} 項"
    page.get_by_role("button", name="清除勾選").first.click()
    page.reload()
    assert not page.locator(f"input[value='{first}']").is_checked()


@pytest.mark.parametrize("word", ["預約表", "客訴"])
def test_search_finds_the_modules_with_a_word_inside_sentences(
    page: Any, seeds_site: Built, word: str
) -> None:
    """Each course has its own search index: searched from a course, it finds that course's."""
    assert modules_containing(seeds_site.standards, word), f"no module contains {word}"
    for standard in seeds_site.standards:
        expected = modules_containing((standard,), word)
        if not expected:
            continue
        page.goto(f"/{standard.code}/")
        search(page, word)
        hrefs = page.locator("li.md-search-result__item > a").evaluate_all(
            "links => links.map(a => a.href)"
        )
        found = {urlsplit(href).path for href in hrefs}
        assert expected <= found
        assert all(path.startswith(f"/{standard.code}/") for path in found), found


def test_catalogue_search_finds_a_course_by_its_name(page: Any, seeds_site: Built) -> None:
    page.goto("/")
    search(page, "電話行銷")
    hrefs = page.locator("li.md-search-result__item > a").evaluate_all(
        "links => links.map(a => a.href)"
    )
    assert "/" in {urlsplit(href).path for href in hrefs}


def test_the_logo_of_a_course_leads_back_to_the_catalogue(page: Any, seeds_site: Built) -> None:
    standard = seeds_site.standards[0]
    page.goto(f"/{standard.code}/{standard.duties[0].code}/")
    page.locator("a.md-header__button.md-logo").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/"
    page.locator(f"article a[href='{standard.code}/']").first.click()
    assert urlsplit(page.url).path == f"/{standard.code}/"


def test_no_request_leaves_localhost(page: Any, seeds_site: Built) -> None:
    standard = seeds_site.standards[0]
    for url in (
        "/",
        f"/{standard.code}/",
        f"/{standard.code}/{standard.duties[0].code}/",
        f"/{standard.code}/matrix/",
    ):
        page.goto(url)
        page.wait_for_load_state("networkidle")
    search(page, "預約表")
    hosts = {urlsplit(url).hostname for url in page.requested}
    assert hosts == {"127.0.0.1"}, page.requested


def _axe(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate("async () => await axe.run(document)")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("which", ["course", "module", "matrix", "checklists", "mapping"])
def test_no_serious_accessibility_violations(page: Any, seeds_site: Built, which: str) -> None:
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run npm ci")
    standard = seeds_site.standards[0]
    url = {
        "course": f"/{standard.code}/",
        "module": f"/{standard.code}/{standard.duties[1].code}/",
        "matrix": f"/{standard.code}/matrix/",
        "checklists": f"/{standard.code}/checklists/",
        "mapping": f"/{standard.code}/mapping/",
    }[which]
    page.goto(url)
    page.wait_for_load_state("networkidle")
    problems = _axe(page)
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in problems]
    assert not problems, summary


def test_matrix_keeps_the_task_column_in_view_on_a_phone(
    browser: Any, base_url: str, seeds_site: Built
) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(f"/{seeds_site.standards[0].code}/matrix/")
    region = tab.locator(".cg-matrix").first
    cell = tab.locator(".cg-matrix-table tbody th").first
    before = cell.bounding_box()
    region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    after = cell.bounding_box()
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert before is not None and after is not None
    assert abs(before["x"] - after["x"]) < 1
    context.close()


def test_the_course_home_shows_the_learner_s_progress(page: Any, seeds_site: Built) -> None:
    standard = seeds_site.standards[0]
    first, second = standard.duties[0], standard.duties[1]
    page.goto(f"/{standard.code}/{first.code}/")
    page.locator("form.cg-selfcheck input[type=checkbox]").first.check()
    page.goto(f"/{standard.code}/quiz-{first.code}/")
    page.get_by_role("button", name="檢查答案").click()  # nothing answered: 0 分
    page.goto(f"/{standard.code}/")
    table = page.locator(".cg-progress")
    assert table.is_visible()
    rows = table.locator("tbody tr")
    own = [sum(len(h.indicators) for h in _holders(d)) for d in standard.duties]
    assert rows.nth(0).locator("td").nth(1).inner_text() == f"1／{own[0]} 項"
    assert rows.nth(0).locator("td").nth(2).inner_text() == "最近 0 分・最高 0 分・未通過"
    assert rows.nth(1).locator("td").nth(1).inner_text() == f"0／{own[1]} 項"
    assert rows.nth(1).locator("td").nth(2).inner_text() == "尚未作答"
    assert rows.count() == len(standard.duties) + 1  # and the final quiz
    assert second.code in rows.nth(1).inner_text()
    rows.nth(1).get_by_role("link", name="尚未作答").click()  # the state leads to the quiz
    page.wait_for_url(f"**/{standard.code}/quiz-{second.code}/")


def test_without_javascript_the_progress_table_is_not_shown(
    browser: Any, base_url: str, seeds_site: Built
) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"/{seeds_site.standards[0].code}/")
    assert tab.locator(".cg-progress").count() == 1
    assert not tab.locator(".cg-progress").is_visible()
    context.close()


def test_a_module_s_page_links_do_not_share_a_line_on_a_phone(
    browser: Any, base_url: str, seeds_site: Built
) -> None:
    standard = seeds_site.standards[0]
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(f"/{standard.code}/{standard.duties[1].code}/")  # has a previous and a next
    links = tab.locator("nav.cg-pager a")
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    assert len(boxes) == 3
    rows = sorted((box["y"], box["y"] + box["height"]) for box in boxes)
    assert all(top >= bottom for (_, bottom), (top, _) in zip(rows, rows[1:])), rows
    context.close()
