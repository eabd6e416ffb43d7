"""Search in the offline bundle from file://: a course's words, and the catalogue's search
inside every course, exactly as online (tests/site/test_search_browser.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.publish.test_offline_browser import page
from tests.site.conftest import Built
from tests.site.search_quality import page_texts
from tests.site.test_browser import browser, modules_containing, search

__all__ = ["browser", "page"]  # fixtures, re-exported so that pytest finds them

pytestmark = pytest.mark.browser

KPS5220 = "KPS5220-005v2"


def _shown(page: Any) -> list[str]:
    hrefs: list[str] = page.locator("li.md-search-result__item a").evaluate_all(
        "links => links.map(a => a.href)"
    )
    return [urlsplit(href).path for href in hrefs]


# In KPS5220-005v2 only, in no page of the catalogue itself (its home and the trainer's guide).
WORD = "精品"


def test_the_catalogue_finds_a_word_inside_a_course_from_file_urls(
    page: Any, seeds_offline: Built, seeds_bundle: Path
) -> None:
    modules = modules_containing(seeds_offline.standards, WORD)
    assert modules and all(m.startswith(f"/{KPS5220}/") for m in modules)
    catalogue = page_texts(seeds_bundle / "search" / "search_index.json")
    assert not any(WORD in text for text in catalogue.values())
    page.goto((seeds_bundle / "index.html").as_uri())
    search(page, WORD)
    shown = _shown(page)
    prefix = (seeds_bundle / KPS5220).as_uri()[len("file://") :]
    assert shown[0] == f"{prefix}/index.html"
    expected = {f"{prefix}/{m.strip('/').split('/')[1]}.html" for m in modules}
    assert expected <= set(shown)
    assert {urlsplit(url).scheme for url in page.requested} == {"file"}, page.requested


def test_a_word_found_nowhere_shows_no_result_from_file_urls(page: Any, seeds_bundle: Path) -> None:
    page.goto((seeds_bundle / KPS5220 / "index.html").as_uri())
    page.locator("label[for=__search]").first.dispatch_event("click")
    box = page.locator("input.md-search__input")
    box.fill("客訴")
    box.press("End")
    page.locator(".md-search-result__meta", has_text="沒有符合的項目").wait_for()
    assert _shown(page) == []
