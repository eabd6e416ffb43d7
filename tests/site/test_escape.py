"""Texts from a standard are data: whatever they hold, the page shows exactly those characters."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.escape import Trusted, finalize, md, slug
from tests.site.htmltools import normalize, parse

EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]


def shown(source: str) -> tuple[str, int]:
    """The visible text of Markdown ``source`` once rendered, and how many scripts it has."""
    parsed = parse(markdown.markdown(source, extensions=EXTENSIONS), whole=True)
    return parsed.text, parsed.scripts


def test_every_syntax_character_becomes_a_reference() -> None:
    assert md("a*b|c<d[e]_f`g\\h#i&j") == (
        "a&#42;b&#124;c&#60;d&#91;e&#93;&#95;f&#96;g&#92;h&#35;i&#38;j"
    )


def test_cjk_text_and_plain_punctuation_pass_through() -> None:
    text = "熟悉服務廠之服務規範與流程，包括車主使用手冊 (KPI) 等。"
    assert md(text) == text


def test_line_breaks_become_spaces() -> None:
    assert md("第一行\n 第二行\r\n第三行") == "第一行 第二行 第三行"


def test_script_tag_is_text_not_markup() -> None:
    text, scripts = shown(f"- {md('<script>alert(1)</script>')}")
    assert text == "<script>alert(1)</script>"
    assert scripts == 0


def test_pipe_does_not_split_a_table_cell() -> None:
    source = f"| a | b |\n|---|---|\n| {md('x | y')} | z |\n"
    html = markdown.markdown(source, extensions=EXTENSIONS)
    assert html.count("<td>") == 2
    assert shown(source)[0] == "a b x | y z"


def test_finalize_escapes_everything_but_trusted_markup() -> None:
    assert finalize("<b>") == "&#60;b&#62;"
    assert finalize(Trusted("T1.md#T1.1")) == "T1.md#T1.1"
    assert finalize(None) == ""
    assert finalize(2) == "2"


def test_slug_keeps_codes_and_replaces_anything_else() -> None:
    assert slug("KPS5220-005v2") == "KPS5220-005v2"
    assert slug("T1.2") == "T1.2"
    assert slug("T1 <x>") == "T1--x-"


_TEXT = st.text(
    alphabet=st.sampled_from(list("預約表客訴 ab1.-()*_|<>[]`\\#&!{}~^=+:$\"'/")), max_size=40
)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_any_text_shows_as_itself_in_a_list_item(text: str) -> None:
    assert shown(f"- **P1.1.1** {md(text)}")[0] == normalize(f"P1.1.1 {text}")


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_any_text_shows_as_itself_in_a_heading_and_a_table(text: str) -> None:
    source = f"## T1 {md(text)} {{: #T1 }}\n\n| 代碼 | 名稱 |\n|---|---|\n| O1 | {md(text)} |\n"
    assert shown(source)[0] == normalize(f"T1 {text} 代碼 名稱 O1 {text}")
