"""A trainer's Markdown read as Markdown reads it: input -> exact sections, no mocks.

Expected values are written out by hand from what CommonMark says of each input: a comment is
hidden wherever it is, except inside code; a heading inside a comment or code is no heading.
"""

from __future__ import annotations

import pytest

from generator.trainer_markdown import read_markdown, sections, title


def _sections(text: str) -> list[tuple[str, int, str]]:
    return [(s.heading, s.line, s.body) for s in sections(read_markdown(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "## T1.1\n\n第一行  \n第二行\n",
            [("", 1, ""), ("T1.1", 1, "第一行  \n第二行")],
            id="hard-break-kept",
        ),
        pytest.param(
            "## T1.1\n\n```python\nx = 1\n\n\ny = 2\n## not a heading\n```\n",
            [("", 1, ""), ("T1.1", 1, "```python\nx = 1\n\n\ny = 2\n## not a heading\n```")],
            id="fenced-code-untouched",
        ),
        pytest.param(
            "## 導入\n\n    縮排的程式碼\n\n文字\n\n\n",
            [("", 1, ""), ("導入", 1, "    縮排的程式碼\n\n文字")],
            id="indented-first-line-kept",
        ),
        pytest.param(
            "## T1.1\n\n留下\n\n<!--\n## T1.2\n\n暫時不用的舊案例：某客戶……\n-->\n"
            "\n## 活動\n\n演練\n",
            [("", 1, ""), ("T1.1", 1, "留下"), ("活動", 11, "演練")],
            id="commented-out-section-does-not-exist",
        ),
        pytest.param(
            "## 活動\n\n<!-- 說明 -->\n",
            [("", 1, ""), ("活動", 1, "")],
            id="comment-only-section-is-empty",
        ),
        pytest.param(
            "## 活動\n\n前<!-- 隱藏 -->後\n跨行<!-- 一\n二 -->尾\n",
            [("", 1, ""), ("活動", 1, "前後\n跨行\n尾")],
            id="inline-comments",
        ),
        pytest.param(
            "## 活動\n\n段一\n<!-- 區塊 -->\n段二\n",
            [("", 1, ""), ("活動", 1, "段一\n\n段二")],
            id="block-comment-still-ends-the-paragraph",
        ),
        pytest.param(
            "## 活動\n\n```html\n<!-- 範例 -->\n```\n\n用 `<!--` 開始註解\n",
            [("", 1, ""), ("活動", 1, "```html\n<!-- 範例 -->\n```\n\n用 `<!--` 開始註解")],
            id="comment-markers-in-code-are-text",
        ),
        pytest.param(
            "## 活動\r\n\r\n第一行  \r\n第二行\r\n",
            [("", 1, ""), ("活動", 1, "第一行  \n第二行")],
            id="crlf",
        ),
        pytest.param(
            "<!-- 說明 -->\n\n## 導入\n\n歡迎\n",
            [("", 1, ""), ("導入", 3, "歡迎")],
            id="leading-comment-and-line-numbers",
        ),
    ],
)
def test_sections(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert _sections(text) == expected


def test_unclosed_comment_names_its_line() -> None:
    source = read_markdown("## 導入\n\n歡迎\n\n<!-- 舊的\n\n## 活動\n\n演練\n")
    assert source.unclosed_comment == 5
    assert [s.heading for s in sections(source)] == ["", "導入"]


def test_unclosed_fence_names_its_line() -> None:
    assert read_markdown("## 導入\n\n~~~\ncode\n").unclosed_fence == 3
    assert read_markdown("## 導入\n\n~~~~\n~~~\n~~~~\n").unclosed_fence is None


def test_title_skips_comments_and_code() -> None:
    assert title(read_markdown("<!--\n# 舊標題\n-->\n```\n# 程式\n```\n# 個案討論\n")) == "個案討論"
