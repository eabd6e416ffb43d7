"""Golden: a trainer's module additions arrive on the page byte for byte, comments removed.

tests/site/golden/trainer-T1.md is a trainer's T1.md with a hard line break, a table, an
admonition holding a list, fenced code with blank lines, raw HTML, an inline comment, a
commented-out section (## T1.2) and comment markers inside code. ``EXPECTED`` below is what a
reader of that file sees in each place, written out by hand from it.
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from generator.publish.build import build_site
from generator.project import load_project
from generator.render.pages import catalogue_pages
from generator.render.site import catalogue_files, course_files
from generator.source_file import Content
from tests.conftest import text_of
from tests.site.conftest import FIXTURE_CONTENT, SEED_CONTENT, make_project
from tests.site.htmltools import parse

CODE = "KPS5220-005v2"
GOLDEN = Path(__file__).parent / "golden" / "trainer-T1.md"

EXPECTED = {
    "intro": "第一行後面有兩個空格  \n第二行接在硬換行之後",
    "T1.1": (
        "| 步驟 | 重點 |\n|------|------|\n| 1 | 確認預約表 |\n| 2 | 準備工單 |\n\n"
        '!!! note "講師提醒"\n\n    預約資料要當場複誦確認。\n\n    - 車主姓名\n    - 回廠時間\n\n'
        "```text\n工單編號：\n\n車牌：\n```"
    ),
    "activities": (
        "1. 兩人一組演練。\n2. 按 <kbd>Ctrl</kbd>+<kbd>P</kbd> 列印檢核表。\n\n"
        '<p class="trainer-note">課後交回工單。</p>\n\n'
        "`<!--` 在行內程式碼裡是文字。"
    ),
}
COMMENTED = ["講師的補充內容", "暫時不用的舊案例", "第二組改用電話", "-->"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("trainer-text")
    content = root / "source"
    (content / "standards").mkdir(parents=True)
    shutil.copy(SEED_CONTENT / "standards" / f"{CODE}.yaml", content / "standards")
    make_project(root / "project", content)
    overrides = root / "project" / "site_overrides" / CODE
    overrides.mkdir(parents=True)
    shutil.copy(GOLDEN, overrides / "T1.md")
    return root / "project"


@pytest.fixture(scope="module")
def markdown(project: Path) -> str:
    loaded = load_project(project)
    assert loaded.diagnostics == ()
    return text_of(course_files(loaded.courses[0])["T1.md"])


@pytest.mark.parametrize("place", EXPECTED)
def test_each_addition_is_on_the_page_byte_for_byte(markdown: str, place: str) -> None:
    # A block of its own: a blank line before and after it.
    assert f"\n\n{EXPECTED[place]}\n\n" in markdown


def test_the_page_keeps_the_order_of_places(markdown: str) -> None:
    positions = [markdown.index(EXPECTED[p]) for p in ("intro", "T1.1", "activities")]
    assert positions == sorted(positions)
    assert markdown.index("## 學習目標") > positions[0]


def test_nothing_of_a_comment_reaches_the_page(markdown: str) -> None:
    assert [c for c in COMMENTED if c in markdown] == []
    assert markdown.count("<!--") == 1  # the one in inline code


@pytest.fixture(scope="module")
def html(project: Path) -> str:
    assert build_site(project, site_url=None) == 0
    return (project / "site" / CODE / "T1" / "index.html").read_text("utf-8")


def test_the_built_page_shows_what_the_trainer_wrote(html: str) -> None:
    assert re.search(r"第一行後面有兩個空格<br ?/?>\s*第二行接在硬換行之後", html)
    assert re.search(r"<th>步驟</th>\s*<th>重點</th>", html)
    assert 'class="admonition note"' in html
    assert re.search(r"<li>車主姓名</li>\s*<li>回廠時間</li>", html)
    code = re.search(r"<pre[^>]*>(.*?)</pre>", html, re.DOTALL)
    assert code is not None
    assert unescape(re.sub(r"<[^>]+>", "", code.group(1))) == "工單編號：\n\n車牌：\n"
    assert "<kbd>Ctrl</kbd>+<kbd>P</kbd>" in html
    assert '<p class="trainer-note">課後交回工單。</p>' in html
    assert "<code>&lt;!--</code>" in html
    text = parse(html).text
    assert [c for c in COMMENTED if c in text] == []
    # The commented-out section makes no 補充說明 under T1.2.
    assert "T1.2-notes" not in html


@pytest.mark.parametrize("content", [SEED_CONTENT, FIXTURE_CONTENT], ids=["seeds", "fixture"])
def test_templates_write_tidy_markdown(content: Path) -> None:
    """With no pass over the pages any more, each template controls its own whitespace."""
    courses = load_project(content.parent).courses
    pages: dict[str, Content] = {**catalogue_files(catalogue_pages(courses))}
    for course in courses:
        pages |= {f"{course.standard.code}/{k}": v for k, v in course_files(course).items()}
    for path, data in pages.items():
        if path.endswith(".md"):
            text = text_of(data)
            assert text.endswith("\n") and not text.endswith("\n\n"), path
            assert "\n\n\n" not in text, (path, text[text.index("\n\n\n") - 80 :][:160])
            assert not re.search(r"[ \t]\n", text), path
