"""The module page as a learning path and the course home, as a learner sees them in Chromium,
on a phone (390×844) and a desktop (1280×800). Expected texts come from the standards as
loaded from their YAML.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from generator.model import Duty
from tests.site.conftest import Built
from tests.site.htmltools import normalize
from tests.site.test_browser import base_url, browser  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def screen(request: pytest.FixtureRequest, browser: Any, base_url: str) -> Iterator[Any]:  # noqa: F811
    context = browser.new_context(base_url=base_url, viewport=request.param)
    tab = context.new_page()
    yield tab
    context.close()


def own_indicators(duty: Duty) -> list[tuple[str, str]]:
    return [(p.code, p.text) for t in duty.tasks if t.shares_with is None for p in t.indicators]


def test_each_indicator_is_shown_once_plus_its_objective_link(
    screen: Any, seeds_site: Built
) -> None:
    for standard in seeds_site.standards:
        for duty in standard.duties:
            screen.goto(f"/{standard.code}/{duty.code}/")
            text = normalize(screen.locator("article").inner_text())
            objectives = screen.locator("#objectives + p + ul a")
            hrefs = objectives.evaluate_all("links => links.map(a => a.getAttribute('href'))")
            for code, words in own_indicators(duty):
                assert text.count(normalize(words)) == 1, (duty.code, code)
                assert hrefs.count(f"#{code}") >= 1, (duty.code, code)
                assert screen.locator(f"[id='{code}'] input[type=checkbox]").count() == 1


def test_the_first_practice_is_one_tap_from_the_first_screen(
    screen: Any, seeds_site: Built
) -> None:
    height = screen.viewport_size["height"]
    standard = seeds_site.standards[0]
    for duty in standard.duties:
        screen.goto(f"/{standard.code}/{duty.code}/")
        link = screen.locator("#objectives + p + ul li").first.get_by_role("link", name="練習")
        box = link.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, (duty.code, box)
        link.click()
        first = duty.tasks[0].code
        heading = screen.locator(f"[id='{first}-practice']")
        heading.wait_for()
        screen.wait_for_function(
            f"() => {{ const b = document.getElementById('{first}-practice')"
            ".getBoundingClientRect(); return b.top >= 0 && b.top < 200; }"
        )
        practice = screen.locator(f"[id='{first}-practice'] ~ p").first
        assert "練習 1" in practice.inner_text()


def test_the_course_map_and_progress_come_first_on_the_course_home(
    screen: Any, seeds_site: Built
) -> None:
    for standard in seeds_site.standards:
        screen.goto(f"/{standard.code}/")
        height = screen.viewport_size["height"]
        top = screen.locator("#course-map").bounding_box()
        assert top is not None and top["y"] < height, (standard.code, top)
        map_y, progress_y = (
            screen.locator(f"#{anchor}").bounding_box()["y"] for anchor in ("course-map", "progress")
        )
        assert map_y < progress_y
        for later in ("how-to-study", "attitudes"):
            assert screen.locator(f"#{later}").bounding_box()["y"] > progress_y
        # The standard's codes, categories and versions are on their own page.
        assert screen.locator("#versions").count() == 0
        assert screen.get_by_role("link", name="關於本職能基準").count() >= 1


def test_the_header_shows_the_course_s_name(screen: Any, seeds_site: Built) -> None:
    for standard in seeds_site.standards:
        screen.goto(f"/{standard.code}/{standard.duties[0].code}/")
        header = screen.locator(".md-header__title").inner_text()
        assert standard.name in header and "職能導向課程" not in header


def test_ticks_in_several_tasks_of_a_module_are_all_kept(screen: Any, seeds_site: Built) -> None:
    standard = seeds_site.standards[0]
    duty = standard.duties[0]
    first, second = duty.tasks[0].indicators[0].code, duty.tasks[1].indicators[0].code
    screen.goto(f"/{standard.code}/{duty.code}/")
    screen.locator(f"input[value='{first}']").check()
    screen.locator(f"input[value='{second}']").check()
    screen.reload()
    assert screen.locator(f"input[value='{first}']").is_checked()
    assert screen.locator(f"input[value='{second}']").is_checked()
    screen.goto(f"/{standard.code}/")
    cell = screen.locator(".cg-progress tbody tr").first.locator("td").nth(1)
    assert cell.inner_text() == f"2／{len(own_indicators(duty))} 項"


def test_the_offline_bundle_is_offered_only_when_the_site_has_it(
    screen: Any, seeds_site: Built
) -> None:
    code = seeds_site.standards[0].code
    screen.goto(f"/{code}/")
    screen.wait_for_load_state("networkidle")
    assert not screen.locator(".cg-offline").is_visible()  # built without --offline: no zip
    screen.route("**/course-offline.zip", lambda route: route.fulfill(status=200, body=b"PK"))
    screen.reload()
    offer = screen.locator(".cg-offline")
    offer.wait_for(state="visible")
    link = offer.get_by_role("link", name="下載離線版（zip）")
    assert link.get_attribute("href") == "../course-offline.zip"


def test_practice_can_be_printed(screen: Any, seeds_site: Built) -> None:
    standard = seeds_site.standards[0]
    screen.goto(f"/{standard.code}/{standard.duties[0].code}/")
    screen.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    button = screen.get_by_role("button", name="列印本頁（練習與評量規準）").first
    button.click()
    assert screen.evaluate("() => window.printed") == 1


@pytest.mark.parametrize("page_name", ["about", "readiness"])
def test_new_pages_have_no_serious_accessibility_violations(
    screen: Any, seeds_site: Built, page_name: str
) -> None:
    from tests.site.test_browser import AXE, _axe

    if not AXE.exists():
        pytest.fail("axe-core is not installed: run npm ci")
    screen.goto(f"/{seeds_site.standards[0].code}/{page_name}/")
    screen.wait_for_load_state("networkidle")
    problems = _axe(screen)
    assert not problems, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in problems]
