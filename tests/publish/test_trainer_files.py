"""Trainers' files (site_overrides/<code>/files/) travel by reference and in chunks.

A trainer's video may be gigabytes: loading the project, rendering the course, writing its
docs dirs, hashing its inputs and zipping it must not hold the file in memory, and what
arrives must be the file, byte for byte. Memory is measured with ``tracemalloc`` (Python's
own allocations), which does not depend on what else the machine does.
"""

from __future__ import annotations

import hashlib
import io
import os
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from generator.project import load_project
from generator.publish.bundle import write_bundle
from generator.publish.cache import input_hash, source_hash
from generator.publish.files import Hash, write_if_changed, write_zip
from generator.publish.inputs import SHIM_TARGET, prepare, read_assets, read_shim, write_theme
from generator.publish.paths import BUILD_DIR, BUNDLE_FOLDER, DOCS_DIR, OFFLINE_DIR
from generator.publish.targets import course_target
from generator.published_names import FILES_DIR
from generator.render.site import course_site
from generator.source_file import SourceFile, sha256_of
from tests.site.conftest import SEED_CONTENT, make_project

CODE = "KPS5220-005v2"
BIG = 200 * 2**20  # the trainer's "video"
ALLOWED = 24 * 2**20  # peak Python allocations while it goes through: far below its size
CHUNK = 2**20


def write_video(path: Path, size: int, seed: bytes = b"") -> None:
    """A file of ``size`` bytes, mostly a hole (cheap to make), ``seed`` at its start and end."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(seed)
        handle.truncate(size)
        handle.seek(size - len(seed))
        handle.write(seed)


def zip_entry_digest(archive: Path, name: str) -> str:
    sha = hashlib.sha256()
    with zipfile.ZipFile(archive) as opened, opened.open(name) as entry:
        while chunk := entry.read(CHUNK):
            sha.update(chunk)
    return sha.hexdigest()


def project_with(tmp_path: Path, files: dict[str, bytes]) -> Path:
    root = make_project(tmp_path / "project", SEED_CONTENT)
    for name, data in files.items():
        target = root / "site_overrides" / CODE / FILES_DIR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def test_a_large_trainer_file_goes_through_in_chunks_and_arrives_whole(tmp_path: Path) -> None:
    root = project_with(tmp_path, {})
    video = root / "site_overrides" / CODE / FILES_DIR / "video" / "lesson.mp4"
    write_video(video, BIG, seed=os.urandom(4096))
    expected = sha256_of(video)
    tracemalloc.start()
    try:
        project = load_project(root)
        course = next(c for c in project.courses if c.standard.code == CODE)
        theme, theme_files = write_theme(root)
        source_hash(course, "offline", root, theme_files, None)
        target = course_target(root / BUILD_DIR, course, None)
        site = course_site(course, read_assets())
        prepare(target, site, theme, ("online", "offline"), read_shim())
        input_hash(target, site, "offline", root, theme_files)
        write_bundle(target.folder / OFFLINE_DIR / DOCS_DIR, tmp_path / "offline.zip", "0")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < ALLOWED, f"peak {peak / 2**20:.1f} MiB for a {BIG / 2**20:.0f} MiB file"
    assert dict(course.custom.files)["video/lesson.mp4"] == SourceFile(video, BIG, expected)
    for docs in (target.folder / DOCS_DIR, target.folder / OFFLINE_DIR / DOCS_DIR):
        assert sha256_of(docs / FILES_DIR / "video" / "lesson.mp4") == expected
    inside = f"{BUNDLE_FOLDER}/{FILES_DIR}/video/lesson.mp4"
    assert zip_entry_digest(tmp_path / "offline.zip", inside) == expected


def test_the_model_holds_the_digest_not_the_bytes(tmp_path: Path) -> None:
    root = project_with(tmp_path, {"handout.txt": "講義內容".encode() * 1000})
    course = next(c for c in load_project(root).courses if c.standard.code == CODE)
    ((name, source),) = course.custom.files
    assert name == "handout.txt"
    assert source.sha256 in repr(course)
    assert "講義內容".encode() not in repr(course).encode()
    assert str(root) not in repr(course)  # the source hash does not depend on where it sits


def test_editing_a_trainer_file_in_place_changes_the_source_hash(tmp_path: Path) -> None:
    """Same name, same size, other bytes: the course must be rendered and built again."""
    root = project_with(tmp_path, {"handout.pdf": b"A" * 5000})

    def hashed() -> str:
        course = next(c for c in load_project(root).courses if c.standard.code == CODE)
        return source_hash(course, "online", root, {}, None)

    before = hashed()
    assert hashed() == before
    (root / "site_overrides" / CODE / FILES_DIR / "handout.pdf").write_bytes(b"A" * 4999 + b"B")
    assert hashed() != before


def test_an_unchanged_copy_is_left_alone_and_a_changed_one_replaced(tmp_path: Path) -> None:
    source = tmp_path / "source.bin"
    source.write_bytes(b"x" * 3000)
    target = tmp_path / "docs" / "files" / "source.bin"
    assert write_if_changed(target, SourceFile.read(source))
    inode = target.stat().st_ino
    assert not write_if_changed(target, SourceFile.read(source))
    assert target.stat().st_ino == inode  # untouched: a watcher sees no change
    source.write_bytes(b"x" * 2999 + b"y")  # same size, other content
    assert write_if_changed(target, SourceFile.read(source))
    assert target.read_bytes() == source.read_bytes()
    assert target.stat().st_ino != inode  # replaced by a rename, never written in place
    assert list(target.parent.iterdir()) == [target]  # no temporary file left behind


def test_a_reference_hashes_unlike_bytes_of_its_fingerprint(tmp_path: Path) -> None:
    """The inputs' hash covers a reference by its digest; no page can pass for it."""
    source = tmp_path / "a.bin"
    source.write_bytes(b"content")
    reference = SourceFile.read(source)
    fingerprint = f"{reference.size} {reference.sha256}".encode()

    hashes = set()
    for files in ({"a": reference}, {"a": fingerprint}, {"a": b"content"}):
        sha = Hash()
        sha.tree("docs", files)
        hashes.add(sha.hexdigest())
    assert len(hashes) == 3


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK + 1, 3 * CHUNK + 12345])
def test_an_entry_zipped_from_a_file_is_the_entry_zipped_from_its_bytes(
    tmp_path: Path, size: int
) -> None:
    """Same ZipInfo fields, dates, order and compression: the zip is byte-identical."""
    half = size // 2
    data = (os.urandom(half) + b"compressible " * size)[:size]
    path = tmp_path / "entry.bin"
    path.write_bytes(data)
    stamp = (2024, 5, 6, 7, 8, 10)
    from_bytes, from_file = io.BytesIO(), io.BytesIO()
    write_zip(from_bytes, [("a.html", b"<p>page</p>"), ("files/x.bin", data)], stamp)
    write_zip(from_file, [("a.html", b"<p>page</p>"), ("files/x.bin", path)], stamp)
    assert from_file.getvalue() == from_bytes.getvalue()
    legacy = io.BytesIO()  # what write_zip wrote before it could stream
    with zipfile.ZipFile(legacy, "w") as archive:
        for name, content in (("a.html", b"<p>page</p>"), ("files/x.bin", data)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, content, compresslevel=9)
    assert from_file.getvalue() == legacy.getvalue()


def test_the_offline_docs_get_the_shim_beside_the_trainer_file(tmp_path: Path) -> None:
    """Both docs dirs of a course hold the trainer's file; only the offline one the shim."""
    root = project_with(tmp_path, {"a.pdf": b"%PDF-1.4 handout"})
    course = next(c for c in load_project(root).courses if c.standard.code == CODE)
    theme, _ = write_theme(root)
    target = course_target(root / BUILD_DIR, course, None)
    prepare(target, course_site(course, read_assets()), theme, ("online", "offline"), b"shim")
    online, offline = target.folder / DOCS_DIR, target.folder / OFFLINE_DIR / DOCS_DIR
    assert (online / FILES_DIR / "a.pdf").read_bytes() == b"%PDF-1.4 handout"
    assert (offline / FILES_DIR / "a.pdf").read_bytes() == b"%PDF-1.4 handout"
    assert (offline / SHIM_TARGET).read_bytes() == b"shim"
    assert not (online / SHIM_TARGET).exists()
