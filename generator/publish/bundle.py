"""The offline bundle: the composed ``file://`` site zipped into ``site/course-offline.zip``.

Every site is also built with Material's ``offline`` plugin (and a vendored copy of its
iframe-worker shim instead of unpkg.com); composed like the online site, the result is zipped
with sorted entries, fixed times and permissions, so the zip is reproducible and works
unzipped from ``file://``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from generator.publish.files import ZipEntry, write_zip, zip_time
from generator.publish.paths import BUNDLE_FOLDER, SERVER_ONLY


def write_bundle(folder: Path, target: Path, epoch: str) -> None:
    """Zip ``folder`` under BUNDLE_FOLDER/ (without the pages only a server shows)."""
    for name in SERVER_ONLY:
        (folder / name).unlink(missing_ok=True)
    write_zip(target, _entries(folder), zip_time(epoch))


def _entries(folder: Path) -> Iterator[ZipEntry]:
    """Every file of ``folder`` by its path on disk: ``write_zip`` reads each in chunks."""
    files = sorted(
        (path.relative_to(folder).as_posix(), path) for path in folder.rglob("*") if path.is_file()
    )
    for name, path in files:
        yield f"{BUNDLE_FOLDER}/{name}", path
