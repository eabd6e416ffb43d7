"""The built course of a task written in two rows of different levels shows both levels.

TST7777-001v1 is tests/fixtures/icap/two-level-rows.md.txt imported (test_import_variations
checks it): T2.1 has a row at level 4 (P2.1.1–P2.1.3, K08 K09 K11, S06 S08) and one at level 3
(P2.1.4 P2.1.5, K10, S02 S07 S09 S10 S11); every other task is one row. The expected texts are
read from that fixture by hand.
"""

from __future__ import annotations

import re
import zipfile

from lxml import etree, html

from tests.site.conftest import Built

CODE = "TST7777-001v1"
ROW_4 = "職能級別 4：行為指標 P2.1.1、P2.1.2、P2.1.3；知識 K08、K09、K11；技能 S06、S08"
ROW_3 = "職能級別 3：行為指標 P2.1.4、P2.1.5；知識 K10；技能 S02、S07、S09、S10、S11"


def _page(site: Built, url: str) -> html.HtmlElement:
    root: html.HtmlElement = html.fromstring(site.page(f"/{CODE}/{url}"))
    return root.xpath("//article")[0]


def _text(element: html.HtmlElement) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def test_module_page_shows_the_range_and_each_row_s_level(variations_site: Built) -> None:
    page = _page(variations_site, "T2/")
    section = page.xpath('//h2[@id="T2.1"]/following-sibling::*')
    assert _text(section[0]) == "職能級別 3–4（級別說明）"
    items = [_text(li) for li in page.xpath('//li[strong[starts-with(., "職能級別")]]')]
    assert items == [ROW_4, ROW_3]
    links = page.xpath('//li[strong[starts-with(., "職能級別 3")]]/a/@href')
    assert links[0] in {f"#{i}" for i in page.xpath("//li/@id")}  # P2.1.4 in the self-check
    other = page.xpath('//h2[@id="T2.2"]/following-sibling::*')
    assert _text(other[0]) == "職能級別 2（級別說明）"


def test_matrix_has_a_row_per_level_with_its_items(variations_site: Built) -> None:
    page = _page(variations_site, "matrix/")
    for table, wanted in zip(
        page.xpath("//table"),
        ({"級別 4": ["K08", "K09", "K11"], "級別 3": ["K10"]},
         {"級別 4": ["S06", "S08"], "級別 3": ["S02", "S07", "S09", "S10", "S11"]}),
        strict=True,
    ):  # fmt: skip
        columns = [_text(th) for th in table.xpath(".//thead//th")][2:]
        found = {}
        for row in table.xpath(".//tbody/tr"):
            name = _text(row.xpath("./th")[0])
            marks = [_text(td) for td in row.xpath("./td")][1:]
            if name.startswith("T2.1"):
                level = re.fullmatch(r"T2\.1 準備電話行銷活動（(級別 \d)）", name)
                assert level, name
                found[level.group(1)] = [c for c, m in zip(columns, marks, strict=True) if m]
        assert found == wanted


def test_course_home_and_checklists_give_the_task_its_range(variations_site: Built) -> None:
    home = _page(variations_site, "")
    shown = {
        _text(task.xpath('.//*[@class="cg-map-task-name"]')[0]): _text(
            task.xpath('.//*[@class="cg-level"]')[0]
        )
        for task in home.xpath('//li[@class="cg-map-task"]')
    }
    assert shown["T2.1 準備電話行銷活動"] == "級別 3–4"
    assert shown["T2.2 進行電話行銷活動"] == "級別 2"
    checklists = _text(_page(variations_site, "checklists/"))
    assert checklists.count("職能級別 3–4") == 1


def _table_1_rows(rows: list[list[str]]) -> list[list[str]]:
    return [r for r in rows if r and r[0] == "T2.1 準備電話行銷活動"]


WANTED_TABLE_1 = [
    ["P2.1.1", "P2.1.2", "P2.1.3"], "4", ["K08", "K09", "K11"], ["S06", "S08"],
    ["P2.1.4", "P2.1.5"], "3", ["K10"], ["S02", "S07", "S09", "S10", "S11"],
]  # fmt: skip


def _codes(text: str) -> list[str]:
    return re.findall(r"[PKS]\d+(?:\.\d+)*", text)


def _summary(rows: list[list[str]]) -> list[object]:
    """Each T2.1 row of 表1 -> its indicator codes, level, knowledge and skill codes."""
    return [
        value
        for r in _table_1_rows(rows)
        for value in (_codes(r[2]), r[3], _codes(r[4]), _codes(r[5]))
    ]


def test_table_1_of_the_report_page_has_a_row_per_level(variations_site: Built) -> None:
    page = _page(variations_site, "icap-report/")
    table = next(t for t in page.xpath("//table") if "職能級別(L)" in _text(t))
    rows = [[_text(c) for c in tr.xpath("./td|./th")] for tr in table.xpath(".//tr")]
    assert _summary(rows) == WANTED_TABLE_1


def test_table_1_of_the_odt_report_has_a_row_per_level(variations_site: Built) -> None:
    path = variations_site.site / CODE / "downloads" / f"{CODE}.icap-report.odt"
    with zipfile.ZipFile(path) as odt:
        content = etree.fromstring(odt.read("content.xml"))
    ns = {
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    }
    rows = [
        [" ".join("".join(p.itertext()) for p in cell.iterfind(".//text:p", ns)) for cell in tr]
        for tr in content.iterfind(".//table:table-row", ns)
    ]
    assert _summary(rows) == WANTED_TABLE_1
