"""Links in trainers' Markdown, checked against the course's pages and files before MkDocs runs.

MkDocs' strict build would stop on a broken link too, but in English, naming the generated page
(``Doc file 'T1.md' contains a link …``) and only at build time; here ``validate`` names the
trainer's own file and line, in Chinese, with the closest existing target.

A module addition (``T1.md``) is shown on the module page at the top of the course folder; an
extra page (``pages/x.md``) in ``pages/``: relative links resolve from there, as MkDocs does.
Raw HTML (``<img src=…>``) is not checked by MkDocs, so a broken one is a warning here.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterator
from urllib.parse import unquote

from generator.diagnostics import Diagnostic, Severity, suggest
from generator.trainer_markdown import read_markdown

_MARKDOWN_LINK = re.compile(r"\]\(\s*(<[^>]*>|[^)\s]+)")
_HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_INLINE_CODE = re.compile(r"(`+).*?\1")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def link_problems(file: str, text: str, folder: str, known: Collection[str]) -> list[Diagnostic]:
    """Every relative link of ``text`` (a page in ``folder`` of the docs) that leads nowhere."""
    found = []
    for number, target, raw_html in _links(text):
        message = _problem(target, folder, known)
        if message:
            severity = Severity.WARNING if raw_html else Severity.ERROR
            found.append(Diagnostic(file, number, message, severity))
    return found


def _links(text: str) -> Iterator[tuple[int, str, bool]]:
    for line in read_markdown(text).lines:
        if line.code:
            continue
        visible = _INLINE_CODE.sub("", line.text)
        for match in _MARKDOWN_LINK.finditer(visible):
            yield line.number, match.group(1).strip("<>"), False
        for match in _HTML_LINK.finditer(visible):
            yield line.number, match.group(1), True


def _problem(target: str, folder: str, known: Collection[str]) -> str | None:
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not path or _SCHEME.match(target) or target.startswith("//"):
        return None  # an anchor on the same page, or an address elsewhere (https:, mailto:)
    if path.startswith("/"):
        return (
            f"連結「{target}」以 / 開頭：網站內的連結請寫相對路徑（例如 files/講義.pdf 或 T2.md）。"
        )
    resolved = posixpath.normpath(posixpath.join(folder, path))
    if resolved == ".." or resolved.startswith("../"):
        return f"連結「{target}」指到課程資料夾之外。"
    if resolved in known:
        return None
    page = resolved.rstrip("/")
    if f"{page}.md" in known or f"{page}/index.md" in known:
        written = posixpath.relpath(
            f"{page}.md" if f"{page}.md" in known else f"{page}/index.md", folder or "."
        )
        return f"連結「{target}」請寫成頁面的檔名「{written}」（網址由 MkDocs 產生）。"
    shown = [posixpath.relpath(k, folder or ".") for k in sorted(known)]
    hint = suggest(posixpath.relpath(resolved, folder or "."), shown)
    where = (
        "files/ 裡沒有這個檔案" if resolved.startswith("files/") else "課程裡沒有這一頁或這個檔案"
    )
    return f"連結「{target}」找不到：{where}{hint or '。'}"
