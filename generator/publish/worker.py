"""Building one target with MkDocs: ask the warm worker (``warm``), then file the output.

Each process of ``jobs`` owns one warm worker, started on its first build, so at most
``--jobs`` MkDocs builds run at once. A build's output goes to a fresh folder beside the
target's ``out/<variant>/`` and replaces it only when MkDocs succeeded.

A course's output keeps no theme files (``assets/``: the same in every site): its pages point
one folder up, to the catalogue's copy (``../assets/…`` becomes ``../../assets/…``), and the
theme's digest is recorded and checked against the catalogue's when composing. Its ``404.html``
(absolute links) is dropped: only the top one is served.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from generator.project import CONTENT, OVERRIDES
from generator.publish import BuildFailed
from generator.publish.cache import write_record
from generator.publish.files import new_folder, replace_tree
from generator.publish.paths import NEW_PREFIX, NOT_FOUND_PAGE
from generator.publish.targets import Built, Target, Variant
from generator.published_names import PAGES_DIR

# What jieba prints when it loads a dictionary, left out of the report of a failed build.
_JIEBA_CHATTER = ("Building prefix dict", "Loading model", "Prefix dict", "Dumping model")
# MkDocs' environment: a fixed hash seed (as every MkDocs run has had); Material's end-of-life
# banner silenced.
_MKDOCS_ENV = {"PYTHONHASHSEED": "0", "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class MkDocsRun:
    """When one MkDocs build ran (``time.monotonic``) and the CPU seconds it used."""

    started: float
    ended: float
    cpu_seconds: float


class WorkerFailed(BuildFailed):
    """A build failed; ``run`` says what it cost."""

    def __init__(self, message: str, run: MkDocsRun) -> None:
        super().__init__(message)
        self.run = run


def mkdocs_env(epoch: str | None = None) -> dict[str, str]:
    """The environment of MkDocs' processes (with ``epoch``: the build's date)."""
    dated = {"SOURCE_DATE_EPOCH": epoch} if epoch is not None else {}
    return {**os.environ, **_MKDOCS_ENV, **dated}


class Worker:
    """A warm MkDocs process (``python -m generator.publish.warm``) and its pipes."""

    def __init__(self, build: Path) -> None:
        self._build = build
        self._process: subprocess.Popen[str] | None = None

    def _started(self) -> subprocess.Popen[str]:
        if self._process is None:
            self._process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "generator.publish.warm",
                    str(self._build.resolve()),
                    str(os.getpid()),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=mkdocs_env(),
                text=True,
            )
        return self._process

    def build(self, config: Path, into: Path, epoch: str, detach: bool) -> dict[str, Any]:
        """``mkdocs build --strict`` of ``config`` into ``into``; the worker's reply (see
        ``warm.build``)."""
        process = self._started()
        stdin, stdout = process.stdin, process.stdout
        assert stdin is not None and stdout is not None
        request = {"config": str(config), "into": str(into), "epoch": epoch, "detach": detach}
        try:
            stdin.write(json.dumps(request) + "\n")
            stdin.flush()
            line = stdout.readline()
        except OSError:
            line = ""
        if not line:
            self.close()
            raise BuildFailed(
                "MkDocs 的工作程序意外結束（可能是記憶體不足，或被系統終止）。"
                "請再執行一次；若一再發生，請以較小的 --jobs 執行。"
            )
        reply: dict[str, Any] = json.loads(line)
        return reply

    def close(self) -> None:
        if self._process is not None:
            _close(self._process.stdin)
            self._process.wait()
            _close(self._process.stdout)
            self._process = None


def _close(stream: IO[str] | None) -> None:
    if stream is not None:
        with contextlib.suppress(OSError):
            stream.close()


def build_target(
    worker: Worker, target: Target, variant: Variant, inputs: str, source: str = ""
) -> tuple[Built, MkDocsRun]:
    """Build one target into its cache folder (replaced only on success); the output and what
    the build cost (the worker's start-up counted with its first build)."""
    out = target.out(variant)
    fresh = new_folder(out.parent, f"{NEW_PREFIX}{variant}-")
    reply = worker.build(target.config(variant), fresh, target.epoch, detach=target.is_course)
    run = MkDocsRun(reply["started"], reply["ended"], reply["cpu"] + reply["own_cpu"])
    if reply["status"] != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        raise WorkerFailed(_failure(target, variant, reply["output"], reply["status"]), run)
    if target.is_course:
        detach_assets(fresh)
    target.record(variant).unlink(missing_ok=True)
    replace_tree(fresh, out)
    record = {"inputs": inputs, "assets": reply["assets"], **({"source": source} if source else {})}
    write_record(target, variant, record)
    return Built(target, variant, out, reply["assets"], rebuilt=True), run


def _failure(target: Target, variant: Variant, printed: str, status: int) -> str:
    what = "課程目錄" if not target.is_course else f"課程 {target.name}"
    kind = "（離線版）" if variant == "offline" else ""
    lines = []
    for line in printed.splitlines():
        if not line.startswith(_JIEBA_CHATTER):
            lines += [line, *_explained(line, target)]
    if status < 0:
        lines.append(f"（MkDocs 的程序被訊號 {-status} 終止，可能是記憶體不足或被系統終止。）")
    return f"{what}{kind}的 MkDocs 建置失敗：\n" + "\n".join(lines)


# MkDocs' warnings that stop a strict build, explained in Chinese (the English line stays above,
# for whoever reports it): {page} is a generated page, named with the files it is made from.
_WARNINGS = (
    (
        re.compile(
            r"Doc file '(?P<page>.+)' contains a link '(?P<link>.+)', but the doc "
            r"'(?P<doc>.+)' does not contain an anchor '(?P<anchor>.+)'"
        ),
        "{page}連到「{link}」，但「{doc}」裡沒有「{anchor}」這個位置。",
    ),
    (
        re.compile(
            r"Doc file '(?P<page>.+)' contains a link '(?P<link>.+)', but the target "
            r"(?:'.+' )?is not found among documentation files"
        ),
        "{page}連到「{link}」，但課程裡沒有這個頁面或檔案。",
    ),
    (
        re.compile(r"Doc file '(?P<page>.+)' contains an absolute link '(?P<link>.+?)'"),
        "{page}的連結「{link}」以 / 開頭：網站內的連結請寫相對路徑。",
    ),
    (
        re.compile(
            r"Doc file '(?P<page>.+)' contains an unrecognized relative link "
            r"'(?P<link>.+?)'"
        ),
        "{page}的連結「{link}」不是頁面的檔名：請連到 .md 檔（例如 T2.md）或 files/ 裡的檔案。",
    ),
    (
        re.compile(r"Aborted with (?P<count>\d+) warnings? in strict mode"),
        "嚴格模式下有 {count} 個警告，所以沒有建置（site/ 不受影響）。",
    ),
)


def _explained(line: str, target: Target) -> list[str]:
    """The Chinese explanation of one of MkDocs' warnings, if it is one we know."""
    for pattern, words in _WARNINGS:
        match = pattern.search(line)
        if match:
            fields = match.groupdict()
            if "page" in fields:
                fields["page"] = _page_sources(fields["page"], target)
            return [f"  → {words.format(**fields)}"]
    return []


def _page_sources(page: str, target: Target) -> str:
    """A generated page, with the files a trainer edits to change it."""
    if not target.is_course:
        return f"課程目錄的頁面 {page}（產生自 mkdocs.yml 與講師手冊）"
    code, stem = target.name, page.removesuffix(".md")
    sources = [f"{CONTENT}/standards/{code}.yaml"]
    if re.fullmatch(r"T[0-9]+", stem) or stem.startswith(f"{PAGES_DIR}/"):
        sources.append(f"{OVERRIDES}/{code}/{page}")
    return f"頁面 {page}（產生自 {'、'.join(sources)}）"


# Relative references to the site's theme files, in attributes and in Material's config JSON.
# The pattern starts at the literal ="/: " and looks behind for the name: several times faster
# over a page than starting with the alternatives.
_ASSET_REFERENCE = re.compile(
    r'(="|: ")(?:(?<=src=")|(?<=href=")|(?<="search": "))((?:\.\./)*)assets/'
)


def detach_assets(folder: Path) -> None:
    """Make a course's output use the catalogue's theme files: one folder up, same names."""
    (folder / NOT_FOUND_PAGE).unlink(missing_ok=True)
    for page in sorted(folder.rglob("*.html")):
        html = page.read_text("utf-8")
        page.write_text(_ASSET_REFERENCE.sub(r"\1../\2assets/", html), "utf-8")
