"""Every page type on a phone (390×844) and a desktop (1280×800), and the checklists on paper.

axe-core with the WCAG 2.2 A/AA rules: zero violations of any impact, on learners' and
trainers' pages. Where axe cannot decide a colour contrast (symbol-only cells such as ● and
☐), the contrast is computed here from the rendered colours. Expected counts come from the
standards as loaded, never from the generated pages.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from generator.publish.build import build_site
from generator.load import load_standard
from generator.render.pages import own_indicators
from tests.site.conftest import SEED_CONTENT, Built, make_project
from tests.site.test_browser import AXE, base_url, browser, served  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def page_types(built: Built) -> dict[str, str]:
    standard = built.standards[0]
    code = standard.code
    return {
        "catalogue": "/",
        "guide": "/guide/",
        "course home": f"/{code}/",
        "module": f"/{code}/{standard.duties[1].code}/",
        "knowledge": f"/{code}/knowledge/",
        "attitudes": f"/{code}/attitudes/",
        "matrix": f"/{code}/matrix/",
        "module quiz": f"/{code}/quiz-{standard.duties[0].code}/",
        "final quiz": f"/{code}/quiz/",
        "coverage": f"/{code}/coverage/",
        "checklists": f"/{code}/checklists/",
        "mapping": f"/{code}/mapping/",
        "answer key": f"/{code}/answer-key/",
        "exports": f"/{code}/exports/",
        "trainer area": f"/{code}/trainer/",
        "about the standard": f"/{code}/about/",
        "readiness": f"/{code}/readiness/",
        "icap report": f"/{code}/icap-report/",
    }


@pytest.fixture(params=list(SIZES))
def tab(request: pytest.FixtureRequest, browser: Any, base_url: str) -> Iterator[Any]:  # noqa: F811
    width, height = SIZES[request.param]
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": height})
    page = context.new_page()
    yield page
    context.close()


def _open(tab: Any, url: str) -> None:
    tab.goto(url)
    tab.wait_for_load_state("networkidle")


def _contrast(tab: Any, selector: str) -> float:
    """WCAG contrast of an element's text colour against the first opaque background under it."""
    ratio: float = tab.locator(selector).first.evaluate(
        """(element) => {
          const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
          const luminance = ([r, g, b]) => [r, g, b]
            .map((v) => v / 255)
            .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
            .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
          let back = null;
          for (let e = element; e && !back; e = e.parentElement) {
            const c = rgb(getComputedStyle(e).backgroundColor);
            if (c.length === 3 || c[3] === 1) back = c.slice(0, 3);
          }
          back = back || [255, 255, 255];
          const fore = rgb(getComputedStyle(element).color);
          const alpha = fore.length === 4 ? fore[3] : 1;
          const mixed = fore.slice(0, 3).map((v, i) => v * alpha + back[i] * (1 - alpha));
          const [a, b] = [luminance(mixed), luminance(back)].sort((x, y) => y - x);
          return (a + 0.05) / (b + 0.05);
        }"""
    )
    return ratio


PAGE_TYPES = [
    "catalogue",
    "guide",
    "course home",
    "module",
    "knowledge",
    "attitudes",
    "matrix",
    "module quiz",
    "final quiz",
    "coverage",
    "checklists",
    "mapping",
    "answer key",
    "exports",
    "trainer area",
    "about the standard",
    "readiness",
    "icap report",
]


@pytest.mark.parametrize("which", PAGE_TYPES)
def test_no_accessibility_violations_and_no_sideways_page(
    tab: Any, seeds_site: Built, which: str
) -> None:
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run npm ci")
    _open(tab, page_types(seeds_site)[which])
    width = tab.viewport_size["width"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    summary = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert summary == []
    # Contrast axe left undecided (symbols on their own): computed from the colours.
    undecided = [
        node["target"][0]
        for rule in result["incomplete"]
        if rule["id"] == "color-contrast"
        for node in rule["nodes"]
    ]
    low = [(t, round(_contrast(tab, t), 2)) for t in undecided if _contrast(tab, t) < 4.5]
    assert low == []


def test_headings_keep_their_permalink_on_their_last_line(tab: Any, seeds_site: Built) -> None:
    """The ¶ link (shown on hover or focus) never sits alone on a line under a title."""
    types = page_types(seeds_site)
    for which in ("module quiz", "final quiz", "answer key", "module"):
        _open(tab, types[which])
        alone = tab.evaluate(
            """() => [...document.querySelectorAll("article .headerlink")].filter((link) => {
              const range = document.createRange();
              range.setStart(link.parentElement, 0);
              range.setEndBefore(link);
              const lines = [...range.getClientRects()].filter((r) => r.width > 0);
              const last = lines[lines.length - 1];
              return Math.abs(link.getBoundingClientRect().top - last.top) > last.height / 2;
            }).map((link) => link.parentElement.textContent)"""
        )
        assert alone == [], which


def test_a_matching_question_fits_its_box(tab: Any, seeds_site: Built) -> None:
    _open(tab, page_types(seeds_site)["final quiz"])
    questions = tab.locator("li.cg-q[data-type=matching]")
    assert questions.count() > 0, "the final quiz of the seed has a matching question"
    content = tab.locator("article").bounding_box()
    for i in range(questions.count()):
        box = questions.nth(i).bounding_box()
        assert box["x"] + box["width"] <= content["x"] + content["width"] + 1
        for select in questions.nth(i).locator("select").all():
            right = select.bounding_box()
            assert right["x"] + right["width"] <= box["x"] + box["width"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= tab.viewport_size["width"]


@pytest.fixture
def phone(browser: Any, base_url: str) -> Iterator[Any]:  # noqa: F811
    """A page in a phone-sized window."""
    width, height = SIZES["phone"]
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": height})
    yield context.new_page()
    context.close()


def test_wide_tables_on_a_phone_are_reached_by_the_keyboard(phone: Any, seeds_site: Built) -> None:
    page = phone
    _open(page, page_types(seeds_site)["checklists"])
    regions = page.locator(".md-typeset__scrollwrap[tabindex='0'][role=region]")
    assert regions.count() > 0
    labels = regions.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert len(set(labels)) == len(labels) and all("可左右捲動" in label for label in labels)
    assert regions.first.evaluate("el => el.scrollWidth > el.clientWidth && el.tabIndex === 0")
    regions.first.focus()
    assert regions.first.evaluate("el => document.activeElement === el")


REPORT_TABLES = 15  # the cover, 壹, 表1–表12 and 參: one scroll box each


def test_the_report_s_tables_on_a_phone_scroll_by_keyboard(phone: Any, seeds_site: Built) -> None:
    page = phone
    _open(page, page_types(seeds_site)["icap report"])
    regions = page.locator(".cg-report-table[tabindex='0'][role=region]")
    assert regions.count() == REPORT_TABLES
    names = regions.evaluate_all(
        "els => els.map(e => document.getElementById(e.getAttribute('aria-labelledby')).textContent)"
    )
    assert names[2] == "表1　本課程之職能表" and len(set(names)) == REPORT_TABLES
    table_1 = regions.nth(2)
    assert table_1.evaluate("el => el.scrollWidth > el.clientWidth")
    table_1.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.activeElement.scrollLeft > 0", timeout=2000
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_printed_report_cuts_no_column(
    browser: Any,  # noqa: F811
    base_url: str,  # noqa: F811
    seeds_site: Built,
) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": A4_CONTENT_PX, "height": 1000})
    page = context.new_page()
    _open(page, page_types(seeds_site)["icap report"])
    page.emulate_media(media="print")
    cut = page.locator(".cg-report-table").evaluate_all(
        "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.slice(0, 20))"
    )
    assert cut == []
    hidden = page.locator(".cg-screen-only").evaluate_all("els => els.filter(e => e.checkVisibility()).length")
    assert hidden == 0  # the on-screen explanation is not printed with the report
    context.close()


# --- progress after a trainer hides a task ---------------------------------------------------

CODE = "KPS5220-005v2"
HIDDEN = "T4.2"


@pytest.fixture(scope="module")
def hidden_task_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("hidden")
    content = root / "source" / "standards"
    content.mkdir(parents=True)
    shutil.copy(SEED_CONTENT / "standards" / f"{CODE}.yaml", content)
    project = make_project(root / "project", root / "source")
    settings = project / "site_overrides" / CODE / "course.yml"
    settings.parent.mkdir(parents=True)
    settings.write_text(f"title: 汽車維修預約與接待\nhidden_tasks: [{HIDDEN}]\n", "utf-8")
    assert build_site(project, site_url=None) == 0
    with served(project / "site") as url:
        yield url


@pytest.mark.parametrize("size", list(SIZES))
def test_progress_counts_only_the_tasks_still_taught(
    browser: Any,  # noqa: F811
    hidden_task_site: str,
    size: str,
) -> None:
    standard, _ = load_standard(SEED_CONTENT / "standards" / f"{CODE}.yaml")
    duty = next(d for d in standard.duties if any(t.code == HIDDEN for t in d.tasks))
    before = [p.code for p in own_indicators(standard, duty)]  # ticked while the task was still taught
    kept = [p.code for t in duty.tasks if t.code != HIDDEN and t.shares_with is None for p in t.indicators]
    width, height = SIZES[size]
    context = browser.new_context(base_url=hidden_task_site, viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"/{CODE}/")
    key = f"coursegen:selfcheck:{CODE}/{duty.code}"
    page.evaluate("([key, codes]) => localStorage.setItem(key, JSON.stringify(codes))", [key, before])
    page.reload()
    row = page.locator(".cg-progress tbody tr").filter(has_text=duty.code)
    assert row.locator("td").nth(1).inner_text() == f"{len(kept)}／{len(kept)} 項"
    page.goto(f"/{CODE}/{duty.code}/")
    status = page.locator(".cg-selfcheck-status").inner_text()
    assert status == f"已勾選 {len(kept)}／{len(kept)} 項"
    context.close()


# --- the checklists on paper --------------------------------------------------------------

A4_CONTENT_PX = round((210 - 2 * 15) / 25.4 * 96)  # A4 less the 15 mm margins of @page


def test_printed_checklists_are_a4_forms(
    browser: Any,  # noqa: F811
    base_url: str,  # noqa: F811
    seeds_site: Built,
) -> None:
    standard = seeds_site.standards[0]
    tasks = list(standard.tasks())
    context = browser.new_context(base_url=base_url, viewport={"width": A4_CONTENT_PX, "height": 1000})
    page = context.new_page()
    _open(page, page_types(seeds_site)["checklists"])
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    # One task per page: as many pages as tasks (the heading shares the first).
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == len(tasks)
    # No link text on paper.
    printed_links = page.locator("article a:not(.headerlink)").evaluate_all(
        "links => links.filter(a => a.checkVisibility()).map(a => a.textContent)"
    )
    assert printed_links == []
    # Columns: 代碼 | 行為指標 | 達成 | 未達成 | 備註, in millimetres; every cell ruled.
    table = page.locator(".cg-kit-sheet table").nth(1)
    widths = table.locator("thead th").evaluate_all(
        "cells => cells.map(c => c.getBoundingClientRect().width * 25.4 / 96)"
    )
    assert [round(w) for w in widths[:1] + widths[2:]] == [18, 16, 16, 58]
    assert widths[4] >= 50  # room to write a remark
    cells = table.locator("td").evaluate_all(
        """cells => cells.map(c => { const s = getComputedStyle(c);
            return [s.borderLeftStyle, s.borderRightStyle, c.getBoundingClientRect().height]; })"""
    )
    assert all(left == right == "solid" for left, right, _ in cells)
    assert min(height for _, _, height in cells) * 25.4 / 96 >= 11.5  # a line to write on
    title = page.locator("h2.cg-kit-title").first.evaluate("h => getComputedStyle(h).color")
    assert title == "rgb(0, 0, 0)"
    context.close()



def test_the_guide_s_screenshots_are_published(seeds_site: Built) -> None:
    sources = re.findall(r'<img alt="[^"]+" src="([^"]+\.png)"', seeds_site.page("/guide/"))
    assert len(sources) >= 2
    for source in sources:
        assert (seeds_site.site / "guide" / source).resolve().is_file(), source


def test_a_quiz_button_keeps_its_contrast_when_hovered(tab: Any, seeds_site: Built) -> None:
    _open(tab, page_types(seeds_site)["module quiz"])
    for name in ("檢查答案", "清除作答紀錄"):
        button = tab.get_by_role("button", name=name)
        button.hover()
        tab.wait_for_timeout(400)  # Material's colour transition
        assert _contrast(tab, f"button.md-button:has-text('{name}')") >= 4.5, name
