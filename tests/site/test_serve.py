"""``coursegen serve``: a trainer's live preview, run as the trainer runs it.

The command runs in its own process in a copy of the seeds project; the test reads the preview
over HTTP, edits the standard and waits for the edit to show, then stops it like Ctrl-C does.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.site.conftest import SEED_CONTENT, make_project

EDITED = "KPS5294-001v3"
WAIT_SECONDS = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            text: str = response.read().decode("utf-8")
            return text
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(check: Callable[[], bool], what: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if check():
            return
        if server.poll() is not None:
            pytest.fail(f"coursegen serve stopped before {what}:\n{server.stderr.read()}")  # type: ignore[union-attr]
        time.sleep(0.5)
    pytest.fail(f"no {what} within {WAIT_SECONDS} s")


@contextmanager
def serving(root: Path, *options: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    address = f"127.0.0.1:{free_port()}"
    command = [sys.executable, "-m", "generator.cli", "serve", "--address", address, *options]
    # Its own temporary folder, where `mkdocs serve` keeps the site it serves.
    temporary = root / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary)}
    server = subprocess.Popen(command, cwd=root, stderr=subprocess.PIPE, text=True, env=env)
    try:
        yield f"http://{address}", server
    finally:
        server.send_signal(signal.SIGINT)  # what Ctrl-C sends
        try:
            server.wait(timeout=30)
        finally:
            server.kill()


def edit_first_indicator(root: Path, words: str) -> None:
    path = root / "content" / "standards" / f"{EDITED}.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("text: ", f"text: {words}", 1), "utf-8")


def test_the_preview_shows_the_catalogue_and_reloads_an_edit(tmp_path: Path) -> None:
    root = make_project(tmp_path, SEED_CONTENT)
    with serving(root) as (url, server):
        wait_for(lambda: "電話行銷服務助理" in (fetch(f"{url}/") or ""), "catalogue", server)
        module = f"{url}/{EDITED}/T1/"
        assert "準備顧客聯繫工作" in (fetch(module) or "")
        edit_first_indicator(root, "預覽測試：")
        wait_for(lambda: "預覽測試：" in (fetch(module) or ""), "edited page", server)
    assert server.returncode == 0
    assert list((root / "tmp").iterdir()) == []  # Ctrl-C leaves no served site behind


def test_content_errors_keep_the_last_good_preview(tmp_path: Path) -> None:
    root = make_project(tmp_path, SEED_CONTENT)
    with serving(root, "--course", EDITED) as (url, server):
        module = f"{url}/T1/"  # one course's own site, at the top
        wait_for(lambda: "準備顧客聯繫工作" in (fetch(module) or ""), "course preview", server)
        path = root / "content" / "standards" / f"{EDITED}.yaml"
        path.write_text(path.read_text("utf-8").replace("code: T1\n", "code: X1\n", 1), "utf-8")
        time.sleep(3)  # two polls of the content
        assert "準備顧客聯繫工作" in (fetch(module) or "")
        assert server.poll() is None
    printed = server.stderr.read()  # type: ignore[union-attr]
    assert f"{EDITED}.yaml:" in printed and "「X1」的格式不正確" in printed
