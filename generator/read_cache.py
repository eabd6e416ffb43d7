"""What reading a standard found, kept under ``build/read/`` by the hash of what it was read from.

Reading one standard (YAML, schema, checks, its trainer's customisation and quiz edits, the
question bank) costs ~0.1 CPU s, and every build used to do it for every standard before it
knew what had changed: at a hundred standards that was most of a one-course rebuild. Reading
depends only on the standard's own files, so its result (the checked file, the course and
every problem found, warnings included) is stored per standard and taken back when none of
these changed:

- ``content/standards/<name>.yaml``, ``site_overrides/<name>/**`` (every file's name and bytes,
  ``files/`` by their SHA-256, read in chunks) and ``quizzes/<name>.yaml``;
- where the project is (a trainer's file is referred to by its path);
- the code that reads: every file of the package, the versions of Python and the libraries.

Each file is read by the project's rules (``project_files``): a link or a FIFO is never
opened, and a standard with such a file is simply read again (its problems say why).

A stored entry is our own file in ``build/`` (written atomically; the key is its first line,
so an entry of other inputs is never unpickled). An entry that is unreadable, truncated or not
what a read returns is ignored and replaced: the cache can make a build faster, never
different. Problems of an unchanged standard come back with it, so ``build`` and ``validate``
report exactly what they report without the cache.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from generator.code_version import package_files, versions
from generator.diagnostics import ContentError
from generator.project_files import is_regular, read_bytes, source_file
from generator.publish.files import Hash, write_atomically
from generator.publish.paths import BUILD_DIR

READ_DIR = "read"  # build/read/<name>.pickle
CACHE_FORMAT = b"coursegen-read-cache/1"
_SUFFIX = ".pickle"

Entry = TypeVar("Entry")


def code_key() -> str:
    """The hash of the code that reads a standard and of the libraries it uses."""
    sha = Hash()
    sha.add("format", CACHE_FORMAT)
    sha.add("versions", "\n".join(versions()).encode())
    sha.tree("package", package_files())
    return sha.hexdigest()


def input_key(root: Path, path: Path, folders: tuple[str, str, str], code: str) -> str | None:
    """The key of the standard file ``path``: its bytes, its trainer folder and quiz edits
    (``folders``: the project's content, overrides and quizzes folders), where the project is
    and ``code`` (``code_key``). None when a file cannot be read by the project's rules: such
    a standard is read again, and its reading reports why."""
    content, overrides, quizzes = folders
    name = path.stem
    sha = Hash()
    sha.add("code", code.encode())
    sha.add("root", str(root).encode())
    try:
        sha.add(f"{content}/standards/{path.name}", read_bytes(path, path.name, None))
        quiz = root / quizzes / f"{name}.yaml"
        if os.path.lexists(quiz):
            sha.add(f"{quizzes}/{quiz.name}", read_bytes(quiz, quiz.name, None))
        folder = root / overrides / name
        if os.path.lexists(folder):
            _add_folder(sha, folder, f"{overrides}/{name}")
    except (ContentError, OSError):
        return None
    return sha.hexdigest()


def _add_folder(sha: Hash, folder: Path, shown: str) -> None:
    """Every node under ``folder`` by its name; each file by its size and SHA-256."""
    if folder.is_symlink() or not folder.is_dir():
        raise ContentError([])
    for current, dirs, files in os.walk(folder):  # never follows a link to a folder
        dirs.sort()
        base = Path(current)
        for entry in sorted(dirs + files):
            path = base / entry
            label = f"{shown}/{path.relative_to(folder).as_posix()}"
            if entry in files:
                if not is_regular(path):
                    raise ContentError([])
                found = source_file(path, label)
                sha.add(label, f"{found.size} {found.sha256}".encode())
            else:
                sha.add(label, b"/")


def entry_path(root: Path, path: Path) -> Path:
    return root / BUILD_DIR / READ_DIR / f"{path.stem}{_SUFFIX}"


def load_entry(
    place: Path, key: str, kind: type[Entry], valid: Callable[[Entry], bool]
) -> Entry | None:
    """The entry stored at ``place`` under ``key``, or None (none, another key, unreadable)."""
    if not is_regular(place):
        return None
    try:
        data = read_bytes(place, place.name, None)
    except ContentError:
        return None
    header, _, body = data.partition(b"\n")
    if header != CACHE_FORMAT + b" " + key.encode():
        return None
    try:
        entry = pickle.loads(body)
    except Exception:
        return None
    return entry if isinstance(entry, kind) and valid(entry) else None


def store_entry(place: Path, key: str, entry: object) -> None:
    """Store ``entry`` under ``key`` (atomically); a cache that cannot be written is skipped."""
    try:
        body = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomically(place, CACHE_FORMAT + b" " + key.encode() + b"\n" + body)
    except (OSError, pickle.PicklingError):
        pass
