"""``coursegen build`` and ``coursegen serve``: content/ -> build/ -> site/ (the I/O edge).

Layout (all under the project root):

- ``mkdocs.yml``: the trainer-facing base config (theme, language, extensions, our CSS/JS).
- ``build/``: generated inputs and cached outputs, gitignored, never edited (see
  ``generator.sites``): ``build/catalogue/`` (the catalogue home and the trainer's guide),
  ``build/courses/<code>/`` (one course each), ``build/theme/`` (Material's ``custom_dir``: the
  theme files of site_overrides/).
- ``site/``: the catalogue's site with each course's own site in ``site/<code>/``.

Each course is its own ``mkdocs build --strict`` (its own nav and search index). A pool of
``--jobs`` worker processes renders each course and builds it (``generator.pipeline``); a course
whose inputs did not change since its last build is taken from ``build/`` as it is. MkDocs runs
in child processes: its logging, its plugins' global state
(jieba) and ``SOURCE_DATE_EPOCH`` stay out of this process. Generated files are written only
when their bytes change, so regenerating an unchanged tree touches nothing.

Publishing safely (``coursegen build``, the one command a pipeline runs):

1. ``load_project`` runs every check and reports every problem; any error stops the build
   before anything is written.
2. The sites are built into ``build/`` and composed in a staging folder under ``build/``;
   ``site/`` is replaced only after every step succeeded, so a failed build leaves the previous
   ``site/`` exactly as it was.
3. With ``--offline``, every site is also built with Material's ``offline`` plugin (and a
   vendored copy of its iframe-worker shim instead of unpkg.com); composed the same way, they
   are zipped with fixed timestamps and sorted entries into ``site/course-offline.zip``, which
   works unzipped from ``file://``.

For catalogues that outgrow one machine, ``--course CODE`` builds some courses into ``build/``
only (a CI shard) and ``--catalogue-only`` builds the catalogue and composes ``site/`` from
courses built before (the assembling job); see docs/benchmarks.md.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from types import FrameType

from generator import sites
from generator.course import Course
from generator.diagnostics import Diagnostic, errors, suggest
from generator.export import scorm
from generator.pipeline import CATALOGUE_JOB, Job, Outcome, Setting, Timings, run_jobs
from generator.project import load_project, theme_files
from generator.render.site import ASSETS_DIR, dictionary_text, mkdocs_config, render_site
from generator.sites import (
    BuildFailed,
    Variant,
    source_date_epoch,
    sync_tree,
    write_if_changed,
)

__all__ = ["BuildFailed", "Timings", "source_date_epoch", "sync_tree", "write_if_changed"]

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
BUILD_DIR = "build"
DOCS_DIR = "docs"
SITE_DIR = "site"
CONFIG_FILE = "mkdocs.yml"
DICTIONARY_FILE = "search_terms.txt"
THEME_DIR = "theme"  # build/theme/: site_overrides/ without the courses' own folders
OFFLINE_DIR = "offline"  # in staging: the composed file:// bundle
OFFLINE_ZIP = "course-offline.zip"  # written into site/, so the published site offers it
BUNDLE_FOLDER = "course-offline"  # the one top-level folder inside the zip
SHIM_SOURCE = "assets/offline/iframe-worker.js"  # inside the generator package
SHIM_TARGET = f"{ASSETS_DIR}/offline/iframe-worker.js"  # inside the offline docs dirs
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


def read_shim() -> bytes:
    return resources.files("generator").joinpath(SHIM_SOURCE).read_bytes()


def write_theme(root: Path) -> tuple[Path, dict[str, bytes]]:
    """build/theme/ (Material's custom_dir) from site_overrides/; its path and files."""
    files = theme_files(root)
    theme = root / BUILD_DIR / THEME_DIR
    sync_tree(theme, files)
    theme.mkdir(parents=True, exist_ok=True)
    return theme, files


# --- the preview of everything in one site (``coursegen serve``) -----------------------------


def generate(root: Path, courses: tuple[Course, ...], site_url: str | None) -> Path:
    """Write build/docs, the search dictionary and build/mkdocs.yml of one site of everything.

    Only ``coursegen serve`` uses it (one ``mkdocs serve`` with live reload); ``coursegen
    build`` builds a site per course. Returns the config's path.
    """
    site = render_site(courses, read_assets(), read_guide())
    build = root / BUILD_DIR
    sync_tree(build / DOCS_DIR, site.files)
    dictionary = build / DICTIONARY_FILE
    write_if_changed(dictionary, dictionary_text(site.search_terms).encode())
    theme, _ = write_theme(root)
    # The search plugin opens the dictionary relative to the working directory, so give it (and
    # the theme folder) an absolute path; the derived config is a build output and never leaves
    # this machine.
    config = mkdocs_config(
        site.nav,
        site_url,
        str(dictionary.resolve()),
        custom_dir=str(theme.resolve()),
        not_in_nav=site.not_in_nav,
    )
    write_if_changed(build / CONFIG_FILE, config.encode())
    return build / CONFIG_FILE


# --- the jobs of a build ----------------------------------------------------------------------


def variants_of(offline: bool) -> tuple[Variant, ...]:
    return ("online", "offline") if offline else ("online",)


def setting(
    root: Path,
    courses: tuple[Course, ...],
    site_url: str | None,
    offline: bool = False,
    catalogue: bool = True,
) -> Setting:
    """Everything the jobs of a build share; writes build/theme/ (every site uses it)."""
    url = site_url or sites.configured_site_url(root)
    assets = read_assets()
    ordered = tuple(sorted(courses, key=lambda c: c.standard.code))
    build = root / BUILD_DIR
    theme, files = write_theme(root)
    top = sites.catalogue_target(build, ordered, assets, read_guide(), url) if catalogue else None
    variants = variants_of(offline)
    return Setting(root, build, theme, files, read_shim(), variants, assets, url, ordered, top)


def default_workers() -> int:
    """One MkDocs process per available core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# --- staging, bundle and the atomic replace ---------------------------------------------------


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


def _publish(
    root: Path, built: list[sites.Built], offline: bool, epoch: str, courses: tuple[Course, ...]
) -> None:
    """Compose site/ (and the offline zip, and each course's SCORM package) in staging, then
    replace site/."""
    by_variant = {
        variant: [b for b in built if b.variant == variant] for variant in variants_of(offline)
    }
    with staging(root) as stage:
        online = by_variant["online"]
        sites.compose(online[0], online[1:], stage / SITE_DIR, epoch)
        if offline:
            bundle = by_variant["offline"]
            sites.compose(bundle[0], bundle[1:], stage / OFFLINE_DIR, epoch)
            for name in SERVER_ONLY:
                (stage / OFFLINE_DIR / name).unlink(missing_ok=True)
            write_bundle(stage / OFFLINE_DIR, stage / SITE_DIR / OFFLINE_ZIP, epoch)
            scorm.write_packages(stage / OFFLINE_DIR, stage / SITE_DIR, courses)
        replace_tree(stage / SITE_DIR, root / SITE_DIR)


# --- coursegen build --------------------------------------------------------------------------


def _load(root: Path) -> tuple[Course, ...] | None:
    """Every course of the project, or None after printing the errors that stop a build."""
    project = load_project(root)
    _report(project.diagnostics)
    if errors(project.diagnostics):
        return None
    return project.courses


def _unknown_courses(wanted: Iterable[str], courses: tuple[Course, ...]) -> list[str]:
    codes = [c.standard.code for c in courses]
    listed = f"（現有：{'、'.join(codes) or '無'}）"
    return [
        f"coursegen: content/standards/ 中沒有職能基準 {code}{suggest(code, codes) or listed}"
        for code in wanted
        if code not in codes
    ]


def build_site(
    root: Path,
    site_url: str | None,
    offline: bool = False,
    *,
    only: tuple[str, ...] | None = None,
    catalogue_only: bool = False,
    workers: int | None = None,
    timings: Timings | None = None,
) -> int:
    """Check the project, then build ``site/`` strictly (and the offline zip); 0 ok, 1 not.

    ``only``: build just these courses into build/ (``site/`` is not touched). ``catalogue_only``:
    build the catalogue and compose ``site/`` from courses built before. On any failure
    ``site/`` is left exactly as it was.
    """
    started, cpu = time.perf_counter(), time.process_time()
    timings = timings if timings is not None else Timings()
    given = os.environ.get("SOURCE_DATE_EPOCH", "")
    if given and not given.isdigit():
        message = f"coursegen: 環境變數 SOURCE_DATE_EPOCH 應為整數秒數（收到：{given!r}）"
        print(message, file=sys.stderr)
        return EXIT_USAGE
    courses = _load(root)
    if courses is None:
        print("內容有錯誤，未建置網站；site/ 維持原樣。請依上面的訊息修正。", file=sys.stderr)
        return EXIT_CONTENT
    unknown = _unknown_courses(only or (), courses)
    if unknown:
        print("\n".join(unknown), file=sys.stderr)
        return EXIT_USAGE
    try:
        code = _build(root, courses, site_url, offline, only, catalogue_only, workers, timings)
    except BuildFailed as exc:
        return _failed(str(exc))
    except OSError as exc:
        return _failed(f"無法寫入 {exc.filename or root}：{exc.strerror or exc}")
    finally:
        timings.total_seconds = time.perf_counter() - started
        timings.own_cpu_seconds += time.process_time() - cpu
    return code


def _build(
    root: Path,
    courses: tuple[Course, ...],
    site_url: str | None,
    offline: bool,
    only: tuple[str, ...] | None,
    catalogue_only: bool,
    workers: int | None,
    timings: Timings,
) -> int:
    shared = setting(root, courses, site_url, offline, catalogue=only is None)
    count = workers or default_workers()
    if only is not None:
        chosen = [i for i, c in enumerate(shared.courses) if c.standard.code in only]
        outcomes = run_jobs(shared, [Job(i) for i in chosen], count, timings, _progress)
        _say_courses_built(root, [b for o in outcomes for b in o.built])
        return EXIT_OK
    sites.remove_stale_courses(shared.build, shared.courses)
    indexes = range(len(shared.courses))
    jobs = [Job(CATALOGUE_JOB), *(Job(i, run_mkdocs=not catalogue_only) for i in indexes)]
    outcomes = run_jobs(shared, jobs, count, timings, _progress)
    missing = sorted(o.name for o in outcomes if o.missing)
    if missing:
        return _missing(missing)
    built = [b for o in outcomes for b in o.built]  # the catalogue first
    _publish(root, built, offline, built[0].target.epoch, shared.courses)
    rebuilt = len({name.split()[0] for name in timings.built} - {sites.CATALOGUE})
    print(f"已建置 {len(courses)} 門課程到 {root / SITE_DIR}（重新建置 {rebuilt} 門）。")
    if offline:
        print(f"離線版：{root / SITE_DIR / OFFLINE_ZIP}（解壓縮後開啟 {BUNDLE_FOLDER}/index.html）")
    return EXIT_OK


def _progress(outcome: Outcome, done: int, total: int) -> None:
    """One line per site as it is done (on stderr: stdout holds the result)."""
    name = "課程目錄" if outcome.name == sites.CATALOGUE else outcome.name
    if outcome.failures:
        state = "建置失敗"
    elif outcome.missing:
        state = "尚未建置"
    elif any(b.rebuilt for b in outcome.built):
        state = "已建置"
    else:
        state = "未變更，沿用"
    print(f"[{done}/{total}] {name}：{state}", file=sys.stderr, flush=True)


def _say_courses_built(root: Path, built: list[sites.Built]) -> None:
    for item in built:
        state = "已建置" if item.rebuilt else "未變更，沿用"
        print(f"{state} {item.target.name}（{item.variant}）：{item.out.relative_to(root)}")
    print("site/ 未更新：全部課程建置後，執行 coursegen build --catalogue-only 組成網站。")


def _missing(codes: list[str]) -> int:
    print(
        "網站建置失敗：這些課程還沒建置，或內容在建置後改過："
        f"{'、'.join(codes)}。請先執行 coursegen build --course <代碼>（或不加參數的 "
        "coursegen build）。site/ 維持原樣。",
        file=sys.stderr,
    )
    return EXIT_CONTENT


def _failed(reason: str) -> int:
    print(f"網站建置失敗：{reason}\nsite/ 維持原樣。", file=sys.stderr)
    return EXIT_CONTENT


# --- coursegen serve --------------------------------------------------------------------------

WATCHED = ("content", "site_overrides", "quizzes", CONFIG_FILE)


def _snapshot(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, time and size of every file a course is made from."""
    paths: list[Path] = []
    for name in WATCHED:
        path = root / name
        paths += sorted(path.rglob("*")) if path.is_dir() else [path]
    return tuple(
        (path.as_posix(), path.stat().st_mtime_ns, path.stat().st_size)
        for path in paths
        if path.is_file()
    )


def _preview(root: Path, course: str | None) -> Path | None:
    """Write the preview's inputs; the config to serve, or None when the content has errors."""
    courses = _load(root)
    if courses is None:
        return None
    if course is None:
        return generate(root, courses, None)
    chosen = [c for c in courses if c.standard.code == course]
    if not chosen:
        print(f"coursegen: content/standards/ 中已沒有職能基準 {course}", file=sys.stderr)
        return None
    theme, _ = write_theme(root)
    target = sites.course_target(root / BUILD_DIR, chosen[0], read_assets(), None)
    sites.prepare(target, theme, ("online",), b"")
    return target.config("online")


def serve_site(
    root: Path, address: str, poll_seconds: float = 1.0, course: str | None = None
) -> int:
    """Preview the site; regenerate whenever content/, site_overrides/, quizzes/ or mkdocs.yml
    change.

    Without ``course``: one site of everything. With it: that course's own site, as published
    (fast for large catalogues). ``mkdocs serve`` watches the generated docs and config and
    reloads the browser; this loop regenerates (only changed files are written, so unchanged
    pages do not trigger a rebuild). Content with errors keeps the last good pages and prints
    the problems.
    """
    courses = _load(root)
    if courses is None:
        return EXIT_CONTENT
    unknown = _unknown_courses([course] if course else [], courses)
    if unknown:
        print("\n".join(unknown), file=sys.stderr)
        return EXIT_USAGE
    config = _preview(root, course)
    if config is None:
        return EXIT_CONTENT
    epoch = source_date_epoch(c.standard for c in courses)
    server = sites.popen_mkdocs(["serve", "-f", str(config), "-a", address], epoch)
    seen = _snapshot(root)
    previous = signal.signal(signal.SIGTERM, _interrupt)  # stop the child on kill, too
    try:
        while server.poll() is None:
            time.sleep(poll_seconds)
            now = _snapshot(root)
            if now != seen:
                seen = now
                _preview(root, course)
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
