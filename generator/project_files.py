"""The one set of rules for every file the project takes in: inside the project, a regular
file, within limits.

- Inside the project. A symbolic link (to a file or a folder, in content/standards/, a trainer
  folder, quizzes/ or as mkdocs.yml) is refused with its name, wherever it points: a link is
  followed when the site is built, publishing whatever it points to (``/etc/passwd``, another
  project's files, ``/proc/self/environ``). Copying only links that point inside would be safe
  too, but nobody can tell the two apart by looking at a folder, and a copy works everywhere
  (Windows, zip, Git). A hard link is the same file under two names: one whose other names
  are all inside the project is accepted, one with a name outside is refused.
- A regular file. A FIFO, a device or a socket is never opened: opening a FIFO waits for a
  writer forever, and reading ``/dev/zero`` never ends.
- Within limits. A text file larger than ``MAX_TEXT_BYTES`` is refused before it is read.

``project_problems`` finds every breach of the first two rules in the project at once (so a
user sees them all); the readers (``read_bytes``, ``source_file``) keep to all three by
themselves, so no command reads a FIFO or follows a link, whichever checked first.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from generator.diagnostics import ContentError, Diagnostic
from generator.source_file import SourceFile

# A standard is some 100 kB; 8 MB of Markdown is several books. Beyond that it is not a text
# written by a person (a log, a dump, a file named by mistake): refused before it is read.
# Below it, a field pasted full of text is refused at its line by the field limits.
MAX_TEXT_BYTES = 8 * 1024 * 1024

# What the project reads, relative to its folder (the whole of each folder is checked).
READ_FOLDERS = ("content/standards", "site_overrides", "quizzes")
READ_FILES = ("mkdocs.yml",)

_COPY_IT = "請把檔案本身複製到這裡，取代這個連結。"


def read_bytes(path: Path, shown: str, limit: int | None = MAX_TEXT_BYTES) -> bytes:
    """The bytes of the regular file ``path`` (never a link, a FIFO or a device), at most
    ``limit`` of them; ContentError naming ``shown`` otherwise."""
    with _open(path, shown) as handle:
        size = os.fstat(handle.fileno()).st_size
        if limit is not None and size > limit:
            raise ContentError([_too_large(shown, size, limit)])
        data = handle.read() if limit is None else handle.read(limit + 1)
    if limit is not None and len(data) > limit:  # it grew while being read
        raise ContentError([_too_large(shown, len(data), limit)])
    return data


def source_file(path: Path, shown: str) -> SourceFile:
    """A trainer's file (files/…) by reference, checked by the same rules (no size limit:
    videos are large)."""
    with _open(path, shown) as handle:
        return SourceFile.read(path, handle)


def _open(path: Path, shown: str) -> io.BufferedReader:
    problem = node_problem(path, shown)
    if problem is not None:
        raise ContentError([problem])
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # replaced by a link after the check
            raise ContentError([_link(path, shown)]) from None
        message = f"無法讀取檔案：{exc.strerror}"
        raise ContentError([Diagnostic(shown, None, message)]) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced by a FIFO after the check
        os.close(fd)
        raise ContentError([_special(shown)])
    return os.fdopen(fd, "rb")


def node_problem(path: Path, shown: str) -> Diagnostic | None:
    """Why ``path`` is not a file the project may read (a link, a FIFO, a device…), or None
    (also when it does not exist: the reader then says so)."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        return _link(path, shown)
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return _special(shown)
    return None


def is_regular(path: Path) -> bool:
    """A regular file itself, not a link to one (``Path.is_file`` follows links)."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def project_problems(root: Path) -> list[Diagnostic]:
    """Every link, special file and hard link to outside among the files the project reads
    (``READ_FOLDERS``, ``READ_FILES``), each named as the user sees it."""
    found: list[Diagnostic] = []
    linked: dict[tuple[int, int], tuple[str, int]] = {}  # (device, inode) -> (name, links)
    for path, shown in _read_nodes(root):
        try:
            info = path.lstat()
        except OSError:  # not there (or gone meanwhile): nothing to read
            continue
        problem = node_problem(path, shown)
        if problem is not None:
            found.append(problem)
        elif stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
            linked[(info.st_dev, info.st_ino)] = (shown, info.st_nlink)
    if linked:
        inside = _links_inside(root, set(linked))
        found += [
            _hard_link(shown)
            for key, (shown, links) in sorted(linked.items(), key=lambda kv: kv[1][0])
            if inside.get(key, 0) < links
        ]
    return sorted(found, key=lambda d: d.file)


def _read_nodes(root: Path) -> Iterator[tuple[Path, str]]:
    """Every node the project reads, and the folders leading to them, with their names."""
    for name in (*READ_FOLDERS, *READ_FILES):
        parts = Path(name).parts
        for depth in range(1, len(parts)):  # content/ of content/standards/
            yield root.joinpath(*parts[:depth]), "/".join(parts[:depth])
        top = root / name
        yield top, name
        if top.is_dir() and not top.is_symlink():
            for current, folders, files in os.walk(top):  # never follows links to folders
                base = Path(current)
                for entry in sorted(folders + files):
                    path = base / entry
                    yield path, f"{name}/{path.relative_to(top).as_posix()}"


def _links_inside(root: Path, wanted: set[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """How many names each of the ``wanted`` files has inside the project folder."""
    counts: dict[tuple[int, int], int] = {}
    for current, _folders, files in os.walk(root):
        for entry in files:
            try:
                info = os.lstat(os.path.join(current, entry))
            except OSError:
                continue
            key = (info.st_dev, info.st_ino)
            if key in wanted:
                counts[key] = counts.get(key, 0) + 1
    return counts


def _link(path: Path, shown: str) -> Diagnostic:
    try:
        target = f"（指向 {os.readlink(path)}）"
    except OSError:
        target = ""
    return Diagnostic(
        shown,
        None,
        f"這是符號連結{target}，coursegen 不讀連結：建置會把它指向的檔案公開，"
        f"可能是專案以外的檔案。{_COPY_IT}",
    )


def _hard_link(shown: str) -> Diagnostic:
    return Diagnostic(
        shown,
        None,
        "這個檔案是硬連結，同一個檔案在專案資料夾以外還有其他名稱：建置會把專案以外的檔案公開。"
        "請把檔案複製一份到這裡（例如 cp 原檔 這個檔名），取代這個連結。",
    )


def _special(shown: str) -> Diagnostic:
    return Diagnostic(
        shown,
        None,
        "這不是一般檔案（而是具名管道、裝置或 socket），coursegen 不讀：請刪除它，或換成一般檔案。",
    )


def _too_large(shown: str, size: int, limit: int) -> Diagnostic:
    return Diagnostic(
        shown,
        None,
        f"檔案有 {size:,} 位元組，超過文字檔的上限 {limit:,} 位元組："
        "這不像是人寫的內容（可能是放錯的檔案），請檢查。",
    )
