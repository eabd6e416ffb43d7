"""Writing files so that no reader ever sees half of one, and zips that are the same every time.

Every writer of the build (and ``dump``, ``export``) goes through here: a file is written to a
unique temporary name beside it and renamed into place; a folder is built beside its target and
swapped in with two renames. A trainer's file (``SourceFile``) and a file already on disk are
copied, hashed and zipped in chunks, never read whole: memory stays bounded by the largest
generated file, not by a trainer's video.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import secrets
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from generator.source_file import Content, SourceFile, sha256_of

OLD_SUFFIX = ".old"  # a folder being replaced, beside its replacement (replace_tree)
ZipTime = tuple[int, int, int, int, int, int]
ZIP_EPOCH: ZipTime = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_ZIP_EPOCH_SECONDS = 315532800  # the same moment as seconds since 1970, UTC


@contextmanager
def exclusive(path: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if need be); call ``on_wait`` first if
    another process holds it, then wait for it. The system releases the lock when the holder
    ends, however it ends (kill -9 included), so a killed build never blocks the next."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def write_atomically(path: Path, data: bytes | Path) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place; ``data``
    a path: that file's content, copied in chunks (``shutil.copyfile``).

    The file gets the mode a newly created file gets (0666 less the umask), not mkstemp's 0600.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if isinstance(data, Path):
            os.close(fd)
            shutil.copyfile(data, temporary)
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_if_changed(path: Path, data: Content) -> bool:
    """Write ``data`` unless the file already holds exactly it; True when written.

    A ``SourceFile`` is compared by size, then by digest (read in chunks), and copied.
    Unchanged files keep their times, so a watcher (``mkdocs serve``) sees no change.
    """
    try:
        if _holds(path, data):
            return False
    except OSError:
        pass
    write_atomically(path, data.path if isinstance(data, SourceFile) else data)
    return True


def _holds(path: Path, data: Content) -> bool:
    if isinstance(data, SourceFile):
        return path.stat().st_size == data.size and sha256_of(path) == data.sha256
    return path.read_bytes() == data


def sync_tree(folder: Path, files: Mapping[str, Content]) -> list[str]:
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


def new_folder(parent: Path, prefix: str) -> Path:
    """A new empty folder in ``parent`` with a unique name (mode as ``mkdir`` makes it, not
    ``mkdtemp``'s 0700: a published folder must stay readable)."""
    parent.mkdir(parents=True, exist_ok=True)
    while True:
        folder = parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder


def replace_tree(new: Path, target: Path) -> None:
    """Put the folder ``new`` where ``target`` is: two renames, then the old tree is deleted."""
    old = new.with_name(f"{new.name}{OLD_SUFFIX}")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.replace(old)
    new.replace(target)
    shutil.rmtree(old, ignore_errors=True)


def link_tree(source: Path, target: Path) -> None:
    """``target`` holds ``source``'s files as hard links (copies where links are impossible).

    So nothing may ever write into a file of either tree in place: replace it instead.
    """
    shutil.copytree(source, target, copy_function=_link_or_copy)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


_LAST_ZIP_TIME: ZipTime = (2107, 12, 31, 23, 59, 58)  # a zip entry's year is 1980 + 7 bits


def zip_time(epoch: str) -> ZipTime:
    """The time of a zip entry for SOURCE_DATE_EPOCH ``epoch``: UTC, no earlier than 1980."""
    moment = datetime.fromtimestamp(max(int(epoch), _ZIP_EPOCH_SECONDS), UTC)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


ZipContent = bytes | Path  # an entry's content, or the file on disk that holds it
ZipEntry = tuple[str, ZipContent]  # (name in the zip, content)


def write_zip(
    destination: Path | BinaryIO,
    entries: Iterable[ZipEntry],
    stamp: ZipTime,
    stored: Collection[str] = (),
) -> None:
    """A reproducible zip: the entries in the order given, each dated ``stamp``, deflated at
    level 9 (the ``stored`` ones not compressed, as ODF's ``mimetype``), with Unix
    permissions 0644 whatever system writes it.

    An entry given as a path is read in chunks. Either way the entry is written as
    ``ZipFile.writestr`` writes it (size set first, so the zip64 choice is the same), so the
    zip's bytes do not depend on where an entry's content came from.
    """
    stamp = min(stamp, _LAST_ZIP_TIME)  # a standard may be dated 9999-12-31
    with zipfile.ZipFile(destination, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            if name in stored:
                info.compress_type = zipfile.ZIP_STORED
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                _set_level(info, 9)
            info.create_system = 3  # Unix, so the permissions below mean the same everywhere
            info.external_attr = 0o644 << 16
            if isinstance(data, Path):
                with data.open("rb") as source:
                    info.file_size = os.fstat(source.fileno()).st_size
                    with archive.open(info, "w") as entry:
                        shutil.copyfileobj(source, entry, _CHUNK)
            else:
                info.file_size = len(data)
                with archive.open(info, "w") as entry:
                    entry.write(data)


_CHUNK = 1 << 20  # bytes read at a time from a file being zipped


def _set_level(info: zipfile.ZipInfo, level: int) -> None:
    """The entry's compression level (what ``writestr(..., compresslevel=)`` sets)."""
    if sys.version_info >= (3, 13):
        info.compress_level = level
    else:
        info._compresslevel = level  # type: ignore[attr-defined]


class Hash:
    """SHA-256 of labelled parts, each preceded by its length (so no two inputs run together)."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()

    def add(self, label: str, content: bytes) -> None:
        for part in (label.encode(), content):
            self._sha.update(len(part).to_bytes(8, "big"))
            self._sha.update(part)

    def tree(self, label: str, files: Mapping[str, Content]) -> None:
        """Each file by its path under ``label``; a ``SourceFile`` by its size and digest (so
        no file is read), marked so that it never hashes like bytes of the same text."""
        for name in sorted(files):
            content = files[name]
            if isinstance(content, SourceFile):
                self.add(f"{label}/{name}", b"")
                self.add("\0sha256", f"{content.size} {content.sha256}".encode())
            else:
                self.add(f"{label}/{name}", content)

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


def digest(files: Iterable[tuple[str, bytes]]) -> str:
    """The digest of a tree given as (POSIX path, bytes) pairs, in the order of their parts."""
    sha = Hash()
    for name, content in sorted(files, key=lambda item: PurePosixPath(item[0]).parts):
        sha.add(name, content)
    return sha.hexdigest()
