"""The names a trainer's extra pages and files get in the site, and the names that cannot be
published.

The build makes a page's docs path with ``page_path`` and puts a file at its own name under
``files/``; validate checks those very names (``page_name_problem``, ``file_name_problem``,
``url_key``), so whatever validates builds. A name is refused when its URL would be empty
(``...md``), when Windows cannot hold it (``con.md``, ``a:b.pdf``, a trailing dot: the offline
zip is unpacked there), and two names are refused when their URLs differ only by case or by
Unicode normalisation (``A.md`` and ``a.md``): Windows and macOS keep one of them.
"""

from __future__ import annotations

import re
import unicodedata

from generator.render.escape import url_segment

PAGES_DIR = "pages"
FILES_DIR = "files"
PAGE_SUFFIX = ".md"

# Names Windows gives to devices, with any extension (CON.txt is CON too).
_WINDOWS_DEVICE = re.compile(r"^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$", re.I)
_NOT_ON_WINDOWS = re.compile(r'[<>:"|?*\\\x00-\x1f]')
_INDEX_STEMS = ("index", "readme")  # MkDocs makes the folder's own page of either


def page_path(file_name: str) -> str:
    """``pages/<file_name>`` -> the page's docs path inside the course: ``pages/<segment>.md``,
    the segment readable in any script (``個案 討論.md`` -> ``pages/個案-討論.md``)."""
    stem = file_name.removesuffix(PAGE_SUFFIX)
    return f"{PAGES_DIR}/{url_segment(stem).rstrip('.')}{PAGE_SUFFIX}"


def page_name_problem(file_name: str) -> str | None:
    """Why the page ``pages/<file_name>`` cannot be published, or None."""
    segment = page_path(file_name).removeprefix(f"{PAGES_DIR}/").removesuffix(PAGE_SUFFIX)
    if not re.search(r"[^\W_]", segment):
        return (
            f"檔名「{file_name}」沒有文字或數字，網址會是「{segment}」："
            "請改用看得懂的檔名，例如 個案討論.md。"
        )
    if _WINDOWS_DEVICE.match(segment):
        return (
            f"檔名「{file_name}」是 Windows 保留的裝置名稱，離線版在 Windows 上無法解壓縮：請改名。"
        )
    return None


def file_name_problem(path: str) -> str | None:
    """Why ``files/<path>`` cannot be published as it is, or None."""
    for part in path.split("/"):
        if _NOT_ON_WINDOWS.search(part):
            return (
                f'名稱「{part}」含有 Windows 不允許的字元（< > : " | ? * \\ 或控制字元），'
                "離線版在 Windows 上無法解壓縮：請改名。"
            )
        if part.endswith((".", " ")):
            return f"名稱「{part}」以句點或空格結尾，Windows 會把它去掉：請改名。"
        if _WINDOWS_DEVICE.match(part):
            return (
                f"名稱「{part}」是 Windows 保留的裝置名稱，離線版在 Windows 上無法解壓縮：請改名。"
            )
    return None


def url_key(docs_path: str) -> str:
    """What tells the file MkDocs writes for ``docs_path`` apart from others on every system:
    no case, one Unicode form. A page ``a.md`` is written as ``a/index.html``, and ``index.md``
    or ``README.md`` as its folder's ``index.html`` (MkDocs' directory URLs)."""
    key = unicodedata.normalize("NFC", docs_path).casefold()
    if not key.endswith(PAGE_SUFFIX):
        return key
    folder, _, name = key.rpartition("/")
    stem = name.removesuffix(PAGE_SUFFIX)
    page = "index.html" if stem in _INDEX_STEMS else f"{stem}/index.html"
    return f"{folder}/{page}" if folder else page
