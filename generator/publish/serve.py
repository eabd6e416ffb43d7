"""``coursegen serve``: a live preview that is regenerated when a trainer's file changes.

``mkdocs serve`` (a child process) watches the generated docs and config and reloads the
browser; this process watches the project's own files with watchdog (the watcher MkDocs itself
uses) and regenerates the preview's inputs when one changes. Only files whose bytes changed are
written, so unchanged pages do not trigger a rebuild.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import FrameType

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from generator.course import Course
from generator.publish.build import (
    EXIT_CONTENT,
    EXIT_OK,
    EXIT_USAGE,
    load_courses,
    unknown_courses,
)
from generator.publish.files import sync_tree, write_if_changed
from generator.publish.inputs import (
    mkdocs_config,
    prepare,
    read_assets,
    read_guide,
    write_theme,
)
from generator.publish.paths import (
    BUILD_DIR,
    CONFIG_FILE,
    DICTIONARY_FILE,
    DOCS_DIR,
    JIEBA_CACHE_DIR,
)
from generator.publish.targets import course_target, source_date_epoch
from generator.publish.worker import mkdocs_env
from generator.render.site import course_site, dictionary_text, render_site

WATCHED = ("content", "site_overrides", "quizzes", CONFIG_FILE)
SETTLE_SECONDS = 0.3  # an editor's save is several events: wait for the last one


def generate(root: Path, courses: tuple[Course, ...], site_url: str | None) -> Path:
    """Write build/docs, the search dictionary and build/mkdocs.yml of one site of everything.

    Only the preview uses it (one ``mkdocs serve`` with live reload); ``coursegen build``
    builds a site per course. Returns the config's path.
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


def _preview(root: Path, course: str | None) -> Path | None:
    """Write the preview's inputs; the config to serve, or None when the content has errors."""
    courses = load_courses(root, [course] if course else None)
    if courses is None:
        return None
    if course is None:
        return generate(root, courses, None)
    chosen = [c for c in courses if c.standard.code == course]
    if not chosen:
        print(f"coursegen: content/standards/ 中已沒有職能基準 {course}", file=sys.stderr)
        return None
    theme, _ = write_theme(root)
    target = course_target(root / BUILD_DIR, chosen[0], None)
    prepare(target, course_site(chosen[0], read_assets()), theme, ("online",), b"")
    return target.config("online")


def _regenerate(root: Path, course: str | None) -> None:
    """Write the preview's inputs again and say so, with the time it took (MkDocs then
    rebuilds the pages and reloads the browser). Unchanged standards come from the cache."""
    started = time.perf_counter()
    config = _preview(root, course)
    seconds = time.perf_counter() - started
    if config is not None:
        what = course or "全部課程"
        print(
            f"已重新建置 {what}（{seconds:.1f} 秒），瀏覽器將自動重新載入。",
            file=sys.stderr,
            flush=True,
        )


class _Changes(FileSystemEventHandler):
    """Sets ``changed`` when a file a course is made from changes (not build/ or site/)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.changed = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        if any(self._watched(str(path)) for path in paths if path):
            self.changed.set()

    def _watched(self, path: str) -> bool:
        try:
            parts = Path(path).resolve().relative_to(self.root).parts
        except ValueError:
            return False
        return bool(parts) and parts[0] in WATCHED


def _watch(root: Path, changes: _Changes) -> BaseObserver:
    """Watch the project folder itself (mkdocs.yml, folders appearing) and, recursively,
    each watched folder; never build/ (the preview's own output)."""
    observer = Observer()
    observer.schedule(changes, str(root), recursive=False)
    for name in WATCHED:
        if (root / name).is_dir():
            observer.schedule(changes, str(root / name), recursive=True)
    observer.start()
    return observer


def serve_site(root: Path, address: str, course: str | None = None) -> int:
    """Preview the site; regenerate whenever content/, site_overrides/, quizzes/ or mkdocs.yml
    change.

    Without ``course``: one site of everything. With it: that course's own site, as published
    (fast for large catalogues). Content with errors keeps the last good pages and prints the
    problems.
    """
    unknown = unknown_courses(root, [course] if course else [])
    if unknown:
        print("\n".join(unknown), file=sys.stderr)
        return EXIT_USAGE
    courses = load_courses(root, [course] if course else None)
    if courses is None:
        return EXIT_CONTENT
    config = _preview(root, course)
    if config is None:
        return EXIT_CONTENT
    epoch = source_date_epoch(c.standard for c in courses)
    changes = _Changes(root)
    observer = _watch(root, changes)
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", address]
    # jieba's dictionary cache and the site MkDocs serves from stay in build/, not in $TMPDIR.
    temporary = root / BUILD_DIR / JIEBA_CACHE_DIR
    temporary.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(command, env={**mkdocs_env(epoch), "TMPDIR": str(temporary)})
    previous = signal.signal(signal.SIGTERM, _interrupt)  # stop the child on kill, too
    try:
        while server.poll() is None:
            if changes.changed.wait(timeout=1.0):
                changes.changed.clear()
                while changes.changed.wait(SETTLE_SECONDS):  # until the saving is over
                    changes.changed.clear()
                _regenerate(root, course)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        observer.stop()
        if server.poll() is None:
            _stop(server)
        observer.join()
    return EXIT_OK


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Stop ``mkdocs serve`` as Ctrl-C does, so that it removes its temporary site folder
    (on SIGTERM it dies without cleaning up); harder only if it does not stop."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
