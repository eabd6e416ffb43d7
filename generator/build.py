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

Publishing safely (``coursegen build``, the one command a pipeline runs):

1. ``load_project`` runs every check and reports every problem; any error stops the build
   before anything is written.
2. MkDocs builds into a staging folder under ``build/``; ``site/`` is replaced only after every
   step succeeded, so a failed build leaves the previous ``site/`` exactly as it was.
3. With ``--offline``, a second build (``build/offline/``: the same pages, Material's ``offline``
   plugin and a vendored copy of its iframe-worker shim instead of unpkg.com) is zipped with
   fixed timestamps and sorted entries into ``site/course-offline.zip``, which works unzipped
   from ``file://``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from types import FrameType

import yaml

from generator.course import Course
from generator.diagnostics import Diagnostic, errors
from generator.model import Standard
from generator.project import load_project, theme_files
from generator.render.site import ASSETS_DIR, Site, dictionary_text, mkdocs_config, render_site

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
BUILD_DIR = "build"
DOCS_DIR = "docs"
SITE_DIR = "site"
CONFIG_FILE = "mkdocs.yml"
DICTIONARY_FILE = "search_terms.txt"
THEME_DIR = "theme"  # build/theme/: site_overrides/ without the courses' own folders
OFFLINE_DIR = "offline"  # build/offline/: docs and config of the file:// bundle
OFFLINE_ZIP = "course-offline.zip"  # written into site/, so the published site offers it
BUNDLE_FOLDER = "course-offline"  # the one top-level folder inside the zip
SHIM_SOURCE = "assets/offline/iframe-worker.js"  # inside the generator package
SHIM_TARGET = f"{ASSETS_DIR}/offline/iframe-worker.js"  # inside the offline docs dir
# Only a web server shows 404.html, and its links are absolute (/assets/…): not in the bundle.
SERVER_ONLY = ("404.html",)
ZIP_EPOCH_MIN = 315532800  # 1980-01-01T00:00:00Z, the earliest time a zip entry can hold


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


def read_guide() -> str:
    """The trainer's guide, shipped in the package (generator/guide/trainer-guide.md)."""
    return resources.files("generator").joinpath("guide/trainer-guide.md").read_text("utf-8")


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


def generate(root: Path, courses: tuple[Course, ...], site_url: str | None) -> Path:
    """Write build/docs, the search dictionary and build/mkdocs.yml; return the config's path."""
    return _generate(root, render_site(courses, read_assets(), read_guide()), site_url)


def _generate(root: Path, site: Site, site_url: str | None) -> Path:
    build = root / BUILD_DIR
    sync_tree(build / DOCS_DIR, site.files)
    dictionary = build / DICTIONARY_FILE
    write_if_changed(dictionary, dictionary_text(site.search_terms).encode())
    theme = build / THEME_DIR
    sync_tree(theme, theme_files(root))
    theme.mkdir(exist_ok=True)
    # The search plugin opens the dictionary relative to the working directory, so give it (and
    # the theme folder) an absolute path; the derived config is a build output and never leaves
    # this machine.
    config = mkdocs_config(
        site.nav, site_url, str(dictionary.resolve()), custom_dir=str(theme.resolve())
    )
    write_if_changed(build / CONFIG_FILE, config.encode())
    return build / CONFIG_FILE


def offline_config() -> str:
    """build/offline/mkdocs.yml: the derived config plus what a file:// bundle needs.

    Material's ``offline`` plugin turns off directory URLs and inlines the search index; it
    would load its Worker shim from unpkg.com unless ``extra.polyfills`` already names one, so
    name our vendored copy. Plugins and extra are mappings, so INHERIT merges them.
    """
    config = {
        "INHERIT": f"../{CONFIG_FILE}",
        "docs_dir": DOCS_DIR,
        "plugins": {"offline": {}},
        "extra": {"polyfills": [SHIM_TARGET]},
    }
    header = "# Generated by `coursegen build --offline`: do not edit. See generator/build.py.\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def generate_offline(root: Path, site: Site) -> Path:
    """Write build/offline/ (the pages plus the Worker shim) and return its config's path."""
    folder = root / BUILD_DIR / OFFLINE_DIR
    shim = resources.files("generator").joinpath(SHIM_SOURCE).read_bytes()
    sync_tree(folder / DOCS_DIR, {**site.files, SHIM_TARGET: shim})
    write_if_changed(folder / CONFIG_FILE, offline_config().encode())
    return folder / CONFIG_FILE


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


def _load(root: Path) -> tuple[Course, ...] | None:
    """Every course of the project, or None after printing the errors that stop a build."""
    project = load_project(root)
    _report(project.diagnostics)
    if errors(project.diagnostics):
        return None
    return project.courses


def _epoch(courses: tuple[Course, ...]) -> str:
    return source_date_epoch(tuple(c.standard for c in courses))


class BuildFailed(Exception):
    """A build step failed; the message, in Traditional Chinese, says which and why."""


@contextmanager
def staging(root: Path) -> Iterator[Path]:
    """A fresh folder under build/ (same file system as site/), removed whatever happens."""
    parent = root / BUILD_DIR
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".staging-", dir=parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_mkdocs(config: Path, site_dir: Path, epoch: str) -> None:
    """``mkdocs build --strict`` of ``config`` into ``site_dir``; BuildFailed if it fails."""
    args = ["build", "--strict", "-f", str(config), "-d", str(site_dir.resolve())]
    if _mkdocs(args, epoch).wait() != 0:
        raise BuildFailed("MkDocs 回報了上面的問題。")


def zip_time(epoch: str) -> tuple[int, int, int, int, int, int]:
    """The zip entries' timestamp: SOURCE_DATE_EPOCH in UTC, no earlier than 1980."""
    moment = datetime.fromtimestamp(max(int(epoch), ZIP_EPOCH_MIN), UTC)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def write_bundle(folder: Path, target: Path, epoch: str) -> None:
    """Zip ``folder`` under BUNDLE_FOLDER/: sorted entries, fixed times and permissions."""
    stamp = zip_time(epoch)
    files = sorted(
        (path.relative_to(folder).as_posix(), path) for path in folder.rglob("*") if path.is_file()
    )
    with zipfile.ZipFile(target, "w") as bundle:
        for name, path in files:
            info = zipfile.ZipInfo(f"{BUNDLE_FOLDER}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever builds it, so the permissions below apply
            info.external_attr = 0o644 << 16
            bundle.writestr(info, path.read_bytes(), compresslevel=9)


def replace_tree(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is: two renames, then the old tree is deleted."""
    old = new.with_name(f"{new.name}.old")
    if target.exists():
        target.replace(old)
    new.replace(target)
    shutil.rmtree(old, ignore_errors=True)


def _steps(root: Path, site: Site, site_url: str | None, offline: bool, epoch: str) -> None:
    """Every build step, into staging; ``site/`` is replaced only after all succeeded."""
    config = _generate(root, site, site_url)
    with staging(root) as stage:
        run_mkdocs(config, stage / SITE_DIR, epoch)
        if offline:
            run_mkdocs(generate_offline(root, site), stage / OFFLINE_DIR, epoch)
            for name in SERVER_ONLY:
                (stage / OFFLINE_DIR / name).unlink(missing_ok=True)
            write_bundle(stage / OFFLINE_DIR, stage / SITE_DIR / OFFLINE_ZIP, epoch)
        replace_tree(stage / SITE_DIR, root / SITE_DIR)


def build_site(root: Path, site_url: str | None, offline: bool = False) -> int:
    """Check the project, then build ``site/`` strictly (and the offline zip); 0 ok, 1 not.

    On any failure ``site/`` is left exactly as it was.
    """
    given = os.environ.get("SOURCE_DATE_EPOCH", "")
    if given and not given.isdigit():
        message = f"coursegen: 環境變數 SOURCE_DATE_EPOCH 應為整數秒數（收到：{given!r}）"
        print(message, file=sys.stderr)
        return EXIT_USAGE
    courses = _load(root)
    if courses is None:
        print("內容有錯誤，未建置網站；site/ 維持原樣。請依上面的訊息修正。", file=sys.stderr)
        return EXIT_CONTENT
    try:
        site = render_site(courses, read_assets(), read_guide())
        _steps(root, site, site_url, offline, _epoch(courses))
    except BuildFailed as exc:
        return _failed(str(exc))
    except OSError as exc:
        return _failed(f"無法寫入 {exc.filename or root}：{exc.strerror or exc}")
    print(f"已建置 {len(courses)} 門課程到 {root / SITE_DIR}。")
    if offline:
        print(f"離線版：{root / SITE_DIR / OFFLINE_ZIP}（解壓縮後開啟 {BUNDLE_FOLDER}/index.html）")
    return EXIT_OK


def _failed(reason: str) -> int:
    print(f"網站建置失敗：{reason}site/ 維持原樣。", file=sys.stderr)
    return EXIT_CONTENT


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
    courses = _load(root)
    if courses is None:
        return EXIT_CONTENT
    config = generate(root, courses, None)
    server = _mkdocs(["serve", "-f", str(config), "-a", address], _epoch(courses))
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
            courses = _load(root)
            if courses is not None:
                generate(root, courses, None)
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
