"""The offline bundle, unzipped and opened from file:// in headless Chromium.

Reuses the browser fixture and helpers of tests/site/test_browser.py (Debian's chromium,
never ``playwright install``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator.model import Standard
from tests.site.conftest import Built
from tests.site.test_browser import browser, modules_containing, search

__all__ = ["browser"]  # the fixture, re-exported so that pytest finds it here

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records every URL it requests and every alert() it is asked for."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.requested = []
    tab.dialogs = []
    tab.on("request", lambda request: tab.requested.append(request.url))
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()


def first_standard_with(standards: tuple[Standard, ...], word: str) -> tuple[Standard, str]:
    """A standard and the code of its first module whose texts contain ``word``."""
    for standard in standards:
        for url in sorted(modules_containing((standard,), word)):
            return standard, url.strip("/").split("/")[1]
    raise AssertionError(f"no module contains {word}")


def test_home_to_module_by_links_then_search_all_from_file_urls(
    page: Any, seeds_offline: Built, seeds_bundle: Path
) -> None:
    standard, duty = first_standard_with(seeds_offline.standards, "預約表")
    page.goto((seeds_bundle / "index.html").as_uri())
    page.locator(f"article a[href='{standard.code}/index.html']").first.click()
    assert page.url == (seeds_bundle / standard.code / "index.html").as_uri()
    page.locator(f"article a[href='{duty}.html']").first.click()
    assert page.url == (seeds_bundle / standard.code / f"{duty}.html").as_uri()
    search(page, "預約表")
    hrefs = page.locator("li.md-search-result__item > a").evaluate_all(
        "links => links.map(a => a.href)"
    )
    found = {urlsplit(href).path for href in hrefs}
    expected = {
        (seeds_bundle / url.strip("/")).with_suffix(".html").as_uri()[len("file://") :]
        for url in modules_containing(seeds_offline.standards, "預約表")
    }
    assert expected <= found
    assert {urlsplit(url).scheme for url in page.requested} == {"file"}, page.requested


def test_texts_with_markup_show_as_text_and_run_no_script(
    page: Any, fixture_offline: Built, fixture_bundle: Path
) -> None:
    standard = fixture_offline.standards[0]
    indicator = standard.duties[0].tasks[0].indicators[0]
    assert "<script>" in standard.name and "<script>" in indicator.text
    for url in (
        fixture_bundle / "index.html",
        fixture_bundle / standard.code / "index.html",
        fixture_bundle / standard.code / f"{standard.duties[0].code}.html",
    ):
        page.goto(url.as_uri())
        page.wait_for_load_state("networkidle")
        assert page.locator("article.md-content__inner script").count() == 0
        assert standard.name in page.locator("article.md-content__inner").inner_text()
    assert indicator.text in page.locator("article.md-content__inner").inner_text()
    assert page.dialogs == []
    assert {urlsplit(url).scheme for url in page.requested} == {"file"}, page.requested


def test_each_course_links_back_to_the_catalogue_from_file_urls(
    page: Any, seeds_offline: Built, seeds_bundle: Path
) -> None:
    """Each course is a site of its own: its logo leads back to the catalogue's index.html."""
    for standard in seeds_offline.standards:
        page.goto((seeds_bundle / standard.code / f"{standard.duties[0].code}.html").as_uri())
        page.locator("a.md-header__button.md-logo").click()
        assert page.url == (seeds_bundle / "index.html").as_uri()
    assert {urlsplit(url).scheme for url in page.requested} == {"file"}, page.requested
