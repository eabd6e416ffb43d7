"""Search in Traditional Chinese, in Chromium: each seed course and the catalogue.

The words and the pages that hold them come from the built index and the standards, read here
(tests/site/search_quality.py); the page answers with the search its search box runs.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.site.conftest import Built
from tests.site.search_quality import (
    dictionary_words,
    page_texts,
    plain,
    quality,
    search_all,
    standard_text,
)
from tests.site.test_browser import base_url, browser, page, search

__all__ = ["base_url", "browser", "page"]  # fixtures, re-exported so that pytest finds them

pytestmark = pytest.mark.browser

KPS5220, KPS5294 = "KPS5220-005v2", "KPS5294-001v3"


def result_pages(page: Any) -> list[str]:
    """The page (path, no query) of each result group shown, in order."""
    hrefs: list[str] = page.locator("li.md-search-result__item > a").evaluate_all(
        "links => links.map(a => a.href)"
    )
    return [urlsplit(href).path for href in hrefs]


def shown_count(page: Any) -> str:
    text: str = page.locator(".md-search-result__meta").inner_text()
    return text


def holding(seeds_site: Built, code: str, word: str) -> set[str]:
    index = seeds_site.site / code / "search" / "search_index.json"
    return {f"/{code}/{p}" for p, text in page_texts(index).items() if word in text}


@pytest.mark.parametrize(
    ("code", "word"), [(KPS5220, "售後"), (KPS5220, "聯繫"), (KPS5294, "績效"), (KPS5220, "保養")]
)
def test_a_word_finds_every_page_that_holds_it(
    page: Any, seeds_site: Built, code: str, word: str
) -> None:
    expected = holding(seeds_site, code, word)
    assert expected, f"no page of {code} holds {word}"
    page.goto(f"/{code}/")
    search(page, word)
    assert set(result_pages(page)) == expected


def test_a_word_found_nowhere_shows_no_result(page: Any, seeds_site: Built) -> None:
    """客訴 is in no page of KPS5220-005v2 (客戶 is): nothing is shown, not 客戶."""
    assert not holding(seeds_site, KPS5220, "客訴")
    assert holding(seeds_site, KPS5220, "客戶")
    page.goto(f"/{KPS5220}/")
    page.wait_for_load_state("networkidle")
    box = page.locator("input.md-search__input")
    box.fill("客訴")
    box.press("End")
    page.locator(".md-search-result__meta", has_text="沒有符合的項目").wait_for()
    assert result_pages(page) == []


def test_the_whole_query_typed_without_spaces_ranks_first(page: Any, seeds_site: Built) -> None:
    """售後服務 (two index words) typed as one: the pages holding it come first."""
    whole = holding(seeds_site, KPS5220, "售後服務")
    page.goto(f"/{KPS5220}/")
    search(page, "售後服務")
    shown = result_pages(page)
    assert set(shown[: len(whole)]) == whole


def test_two_words_typed_together_find_a_page_holding_both_apart(
    page: Any, seeds_site: Built
) -> None:
    """電話行銷 is on no page of KPS5220-005v2, but 電話 and 行銷 are on one: it is found."""
    both = holding(seeds_site, KPS5220, "電話") & holding(seeds_site, KPS5220, "行銷")
    assert both and not holding(seeds_site, KPS5220, "電話行銷")
    page.goto(f"/{KPS5220}/")
    search(page, "電話行銷")
    assert set(result_pages(page)) == both


def test_of_a_page_only_the_sections_holding_every_word_are_shown(
    page: Any, seeds_site: Built
) -> None:
    """消費者保護法 is whole in K11's entry: K12 個人資料保護法 (holding only 保護法) is not shown."""
    index = seeds_site.site / KPS5220 / "search" / "search_index.json"
    sections = {
        doc["location"]: plain(doc["title"]) + plain(doc["text"])
        for doc in json.loads(index.read_text("utf-8"))["docs"]
    }
    page.goto(f"/{KPS5220}/")
    search(page, "消費者保護法")
    hrefs = page.locator("li.md-search-result__item a").evaluate_all(
        "links => links.map(a => a.href)"
    )
    shown = [urlsplit(h).path.removeprefix(f"/{KPS5220}/") + "#" + urlsplit(h).fragment for h in hrefs]
    anchored = [s for s in shown if not s.endswith("#")]
    assert "knowledge/#K11" in anchored
    assert all("消費者保護法" in sections[s] for s in anchored), anchored


def test_a_code_and_a_word_find_the_task_first(page: Any, seeds_site: Built) -> None:
    page.goto(f"/{KPS5220}/")
    search(page, "T2.1 預約")
    first = result_pages(page)[0]
    assert first in holding(seeds_site, KPS5220, "T2.1") & holding(seeds_site, KPS5220, "預約")


def test_the_catalogue_finds_courses_and_modules_by_their_text(
    page: Any, seeds_site: Built
) -> None:
    """精品 is in no catalogue page, only inside KPS5220-005v2: its home and modules are found."""
    catalogue = page_texts(seeds_site.site / "search" / "search_index.json")
    assert not any("精品" in text for text in catalogue.values())
    page.goto("/")
    search(page, "精品")
    assert result_pages(page)[0] == f"/{KPS5220}/"
    links = page.locator("li.md-search-result__item a").evaluate_all(
        "links => links.map(a => a.href)"
    )
    modules = {urlsplit(link).path for link in links} - {f"/{KPS5220}/"}
    assert modules and all(path.startswith(f"/{KPS5220}/") for path in modules)
    assert modules <= holding(seeds_site, KPS5220, "精品")


@pytest.mark.parametrize("code", [KPS5220, KPS5294])
def test_recall_and_precision_over_the_dictionary_words_of_a_course(
    page: Any, seeds_site: Built, code: str
) -> None:
    """docs/search.md: ≥ 98 % of the pages holding a word found, ≥ 90 % of the first k hold it."""
    texts = page_texts(seeds_site.site / code / "search" / "search_index.json")
    words = dictionary_words(texts.values())
    assert len(words) >= 200
    page.goto(f"/{code}/")
    results = search_all(page, "search/search_index.json", words)
    holders = {w: {p for p, text in texts.items() if w in text} for w in words}
    measured = quality(holders, results)
    assert measured.recall >= 0.98, measured
    assert measured.precision >= 0.90, measured


def test_recall_and_precision_of_the_catalogue_over_its_courses_words(
    page: Any, seeds_site: Built
) -> None:
    own = page_texts(seeds_site.site / "search" / "search_index.json")
    courses = {f"{s.code}/": standard_text(s) for s in seeds_site.standards}
    texts = own | courses
    words = dictionary_words(texts.values())
    assert len(words) >= 200
    page.goto("/")
    results = search_all(page, "search/search_index.json", words)
    holders = {w: {p for p, text in texts.items() if w in text} for w in words}
    measured = quality(holders, results)
    assert measured.recall >= 0.98, measured
    assert measured.precision >= 0.90, measured
