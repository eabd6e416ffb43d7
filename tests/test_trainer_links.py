"""A trainer's broken link is a validate error at the trainer's own file and line (issue 17,
part 6), not MkDocs' English warning about a generated page at build time."""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Severity
from generator.project import load_project
from tests.test_customisation import CODE, _project

FOLDER = f"site_overrides/{CODE}"
MODULE = (
    "## 導入\n\n"
    "看範例：![預約表](files/booking.svg)、[T2 單元](T2.md#T2.1)、[知識](knowledge.md)、\n"
    "[個案](pages/個案.md)、[外部網站](https://example.org/a)、[本頁](#intro)。\n\n"
    "```\n[程式碼裡的連結](nowhere.md)\n```\n\n"
    "`[行內程式碼](nowhere.md)` 也不算。\n\n"
    "## 活動\n\n"
    "![缺少的圖](files/missing.png)\n"
    "[寫成網址的頁面](T2/)\n"
    "[不存在的單元](T9.md)\n"
    "[絕對路徑](/files/booking.svg)\n"
    '<img src="files/gone.png" alt="HTML 圖片">\n'
)
PAGE = (
    "# 個案\n\n回到[單元 T1](../T1.md)或看[講義](../files/booking.svg)；[錯的](../files/x.pdf)。\n"
)


def test_broken_links_are_named_at_their_line_and_good_ones_pass(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        {
            f"{FOLDER}/T1.md": MODULE,
            f"{FOLDER}/pages/個案.md": PAGE,
            f"{FOLDER}/files/booking.svg": "<svg/>",
        },
    )
    found = {(d.file, d.line, d.severity): d.message for d in load_project(root).diagnostics}
    module, page = f"{FOLDER}/T1.md", f"{FOLDER}/pages/個案.md"
    line = MODULE.splitlines().index
    error, warning = Severity.ERROR, Severity.WARNING
    assert sorted(found) == sorted(
        [
            (module, line("![缺少的圖](files/missing.png)") + 1, error),
            (module, line("[寫成網址的頁面](T2/)") + 1, error),
            (module, line("[不存在的單元](T9.md)") + 1, error),
            (module, line("[絕對路徑](/files/booking.svg)") + 1, error),
            (module, line('<img src="files/gone.png" alt="HTML 圖片">') + 1, warning),
            (page, 3, error),
        ]
    ), found
    at = {(file, n): message for (file, n, _), message in found.items()}
    assert "files/ 裡沒有這個檔案" in at[(module, line("![缺少的圖](files/missing.png)") + 1)]
    assert "請寫成頁面的檔名「T2.md」" in at[(module, line("[寫成網址的頁面](T2/)") + 1)]
    assert "您是不是要寫 T4.md" in at[(module, line("[不存在的單元](T9.md)") + 1)]
    assert "以 / 開頭" in at[(module, line("[絕對路徑](/files/booking.svg)") + 1)]
    assert "「../files/x.pdf」" in at[(page, 3)]
