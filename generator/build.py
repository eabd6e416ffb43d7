"""``coursegen build`` and ``coursegen serve``: content/ -> build/docs -> site/ (the I/O edge).

Layout (all under the project root):

- ``mkdocs.yml``: the trainer-facing base config (theme, language, extensions, our CSS/JS).
- ``build/docs/``: the generated Markdown pages and our assets; gitignored, never edited.
- ``build/mkdocs.yml``: a derived config, ``INHERIT: ../mkdocs.yml`` plus what depends on the
  content: docs_dir, site_dir, nav and the search plugin's jieba user dictionary
  (``build/search_terms.txt``, outside the docs so it is not published).
- ``site/``: what ``mkdocs build --strict`` makes of it.

Generated files are written only when their bytes change and stale ones are deleted, so
regenerating an unchanged tree touches nothing and ``serve`` rebuilds only after real edits.
MkDocs runs in a child process: its logging, its plugins' global state (jieba) and
``SOURCE_DATE_EPOCH`` stay out of this process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from types import FrameType

from generator.diagnostics import Diagnostic, errors
from generator.model import Standard
from generator.render.site import dictionary_text, mkdocs_config, render_site
from generator.validate import check_tree

EXIT_OK, EXIT_CONTENT = 0, 1
BUILD_DIR = "build"
DOCS_DIR = "docs"
CONFIG_FILE = "mkdocs.yml"
DICTIONARY_FILE = "search_terms.txt"


def _report(diagnostics: tuple[Diagnostic, ...]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def read_assets() -> dict[str, bytes]:
    """Our CSS and JS, copied into every generated docs dir."""
    folder = resources.files("generator").joinpath("assets")
    return {
        entry.name: entry.read_bytes()
        for entry in folder.iterdir()
        if entry.is_file() and not entry.name.startswith(".")
    }


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` unless the file already holds exactly it; True when written."""
    try:
        if path.read_bytes() == content:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(content)
    temporary.replace(path)
    return True


def sync_tree(folder: Path, files: Mapping[str, bytes]) -> list[str]:
    """Make ``folder`` hold exactly ``files``: write what changed, delete the rest.

    Returns the paths written or deleted, sorted.
    """
    changed = [name for name, content in files.items() if write_if_changed(folder / name, content)]
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and name not in files:
                path.unlink()
                changed.append(name)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return sorted(changed)


def generate(root: Path, standards: tuple[Standard, ...], site_url: str | None) -> Path:
    """Write build/docs, the search dictionary and build/mkdocs.yml; return the config's path."""
    build = root / BUILD_DIR
    site = render_site(standards, read_assets())
    sync_tree(build / DOCS_DIR, site.files)
    dictionary = build / DICTIONARY_FILE
    write_if_changed(dictionary, dictionary_text(site.search_terms).encode())
    # The search plugin opens the dictionary relative to the working directory, so give it an
    # absolute path; the derived config is a build output and never leaves this machine.
    config = mkdocs_config(site.nav, site_url, str(dictionary.resolve()))
    write_if_changed(build / CONFIG_FILE, config.encode())
    return build / CONFIG_FILE


def source_date_epoch(standards: tuple[Standard, ...]) -> str:
    """SOURCE_DATE_EPOCH for MkDocs' sitemap: the environment's, else the newest version date.

    A date from the content, not the clock, keeps two builds of the same input byte-identical.
    """
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given:
        return given
    dates = [v.date for s in standards for v in s.versions if v.date]
    if not dates:
        return "0"
    newest = datetime.strptime(max(dates), "%Y-%m-%d").replace(tzinfo=UTC)
    return str(int(newest.timestamp()))


def _mkdocs(args: list[str], epoch: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": epoch,
        "PYTHONHASHSEED": "0",
        "NO_MKDOCS_2_WARNING": "1",  # Material's end-of-life banner, printed on every build
    }
    return subprocess.Popen([sys.executable, "-m", "mkdocs", *args], env=env)


def _load(root: Path) -> tuple[Standard, ...] | None:
    """Every standard of content/, or None after printing the errors that stop a build."""
    tree = check_tree(root / "content")
    _report(tree.diagnostics)
    if errors(tree.diagnostics):
        return None
    return tree.standards


def build_site(root: Path, site_url: str | None) -> int:
    """Check the content, generate the docs and build ``site/`` strictly; 0 ok, 1 problems."""
    standards = _load(root)
    if standards is None:
        return EXIT_CONTENT
    config = generate(root, standards, site_url)
    process = _mkdocs(["build", "--strict", "-f", str(config)], source_date_epoch(standards))
    if process.wait() != 0:
        print("網站建置失敗：MkDocs 回報了上面的問題。", file=sys.stderr)
        return EXIT_CONTENT
    print(f"已建置 {len(standards)} 門課程到 {root / 'site'}。")
    return EXIT_OK


def _snapshot(folder: Path) -> tuple[tuple[str, int, int], ...]:
    if not folder.is_dir():
        return ()
    return tuple(
        (path.as_posix(), path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    )


def serve_site(root: Path, address: str, poll_seconds: float = 1.0) -> int:
    """Preview the site; regenerate the docs whenever content/ changes.

    ``mkdocs serve`` watches build/docs and build/mkdocs.yml and reloads the browser; this loop
    watches content/ and regenerates (only changed files are written, so unchanged pages do not
    trigger a rebuild). Content with errors keeps the last good pages and prints the problems.
    """
    standards = _load(root)
    if standards is None:
        return EXIT_CONTENT
    config = generate(root, standards, None)
    server = _mkdocs(["serve", "-f", str(config), "-a", address], source_date_epoch(standards))
    content = root / "content"
    seen = _snapshot(content)
    previous = signal.signal(signal.SIGTERM, _interrupt)  # stop the child on kill, too
    try:
        while server.poll() is None:
            time.sleep(poll_seconds)
            now = _snapshot(content)
            if now == seen:
                continue
            seen = now
            standards = _load(root)
            if standards is not None:
                generate(root, standards, None)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        if server.poll() is None:
            server.terminate()
            server.wait()
    return EXIT_OK


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
