"""A trainer's file (site_overrides/<code>/files/…) as the model holds it: where it is, its
size and its SHA-256, never its bytes.

Trainers put videos and handouts there, some of them gigabytes: the frozen model, the rendered
``Site`` and the cache's hashes carry this reference, and only the writers (``publish.files``)
open the file, in chunks. The digest is computed once, streaming, when the project is loaded,
so the model's ``repr`` (which the build's source hash covers) changes with any edit of the
file, even one that keeps its size.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SourceFile:
    # Left out of repr: the source hash covers the content, not where the project sits.
    path: Path = field(repr=False)
    size: int
    sha256: str  # hex digest of the content

    @classmethod
    def read(cls, path: Path, handle: io.BufferedReader | None = None) -> SourceFile:
        """The reference to ``path`` as it is now (read once, in chunks); ``handle``: the file
        already open (``project_files`` opens it by its rules)."""
        if handle is None:
            with path.open("rb") as opened:
                return cls.read(path, opened)
        sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
        return cls(path, handle.tell(), sha256)


# A file of a generated tree (docs dir, theme): bytes made in memory, or a file copied as it is.
Content = bytes | SourceFile


def sha256_of(path: Path) -> str:
    """The hex SHA-256 of the file at ``path``, read in chunks."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
