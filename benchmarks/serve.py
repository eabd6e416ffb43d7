"""``python -m benchmarks.serve --sizes 10,50``: time from a trainer's save to the page changing.

For each N: make N synthetic standards, start ``coursegen serve`` (``--course`` the first
standard, as a trainer previews a course of a large catalogue; ``--all`` for the preview of
everything), open the first module's page in Chromium (Debian's, never a downloaded one), wait
until it shows, edit the first indicator of that standard, and measure until the page in the
browser shows the new words (``mkdocs serve``'s livereload reloads it). Also reports the time
``serve`` printed for its own rebuild (its line 「已重新建置 …（x 秒）」).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from benchmarks.__main__ import sizes_argument
from benchmarks.synthetic import code_of, make_project

CHROMIUM = "/usr/bin/chromium"
MARKER = "預覽量測"
TIMEOUT_MS = 600_000
_REBUILT = re.compile(r"已重新建置 .*（([0-9.]+) 秒）")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _edit_first_indicator(project: Path, code: str) -> None:
    path = project / "content" / "standards" / f"{code}.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("text: ", f"text: {MARKER}", 1), "utf-8")


def measure(n: int, workdir: Path, whole: bool) -> dict[str, Any]:
    project = workdir / f"serve-{n}"
    shutil.rmtree(project, ignore_errors=True)
    make_project(project, n)
    code = code_of(0)
    address = f"127.0.0.1:{_free_port()}"
    command = [sys.executable, "-m", "generator.cli", "serve", "--address", address]
    if not whole:
        command += ["--course", code]
    (project / "tmp").mkdir()
    env = {**os.environ, "TMPDIR": str(project / "tmp")}
    started = time.perf_counter()
    server = subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE, text=True, env=env)
    printed: list[str] = []
    reader = threading.Thread(target=lambda: printed.extend(iter(server.stderr.readline, "")))  # type: ignore[union-attr]
    reader.start()
    page_url = f"http://{address}/{code + '/' if whole else ''}T1/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            page = browser.new_page()
            while True:  # until the first build is served
                if server.poll() is not None:
                    raise RuntimeError("".join(printed))
                try:
                    response = page.goto(page_url, timeout=TIMEOUT_MS)
                    if response is not None and response.ok:
                        break
                except Exception:  # not listening yet
                    pass
                time.sleep(0.5)
            first_page_s = time.perf_counter() - started
            saved = time.perf_counter()
            _edit_first_indicator(project, code)
            page.wait_for_function(
                f"document.body && document.body.innerText.includes({json.dumps(MARKER)})",
                timeout=TIMEOUT_MS,
                polling=100,
            )
            change_s = time.perf_counter() - saved
            browser.close()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        reader.join()
        shutil.rmtree(project, ignore_errors=True)
    rebuilds = [float(m.group(1)) for line in printed for m in [_REBUILT.search(line)] if m]
    return {
        "n": n,
        "preview": "all" if whole else "course",
        "first_page_s": round(first_page_s, 2),
        "page_change_s": round(change_s, 2),
        "serve_rebuild_s": rebuilds[-1] if rebuilds else None,
    }


def main(argv: list[str] | None = None) -> int:
    top = argparse.ArgumentParser(prog="python -m benchmarks.serve", description=__doc__)
    top.add_argument("--sizes", type=sizes_argument, default=[10, 50, 100])
    top.add_argument("--all", action="store_true", help="preview every course, not one")
    top.add_argument("--json", type=Path, default=None)
    args = top.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="coursegen-serve-") as temporary:
        for n in args.sizes:
            rows.append(measure(n, Path(temporary), args.all))
            print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print("| N | preview | first page s | save → page shows it s | serve's rebuild s |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['n']} | {r['preview']} | {r['first_page_s']:.2f} | {r['page_change_s']:.2f} "
            f"| {r['serve_rebuild_s']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
