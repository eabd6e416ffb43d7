"""``benchmarks.same_output`` (the proof that the publishing rewrite kept the output byte for
byte) reports every difference between two site trees, and none between equal ones."""

from __future__ import annotations

from pathlib import Path

from benchmarks.same_output import before_publish_package, differences


def _tree(folder: Path, files: dict[str, bytes]) -> Path:
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    return folder


def test_differences_name_added_missing_and_changed_files(tmp_path: Path) -> None:
    before = _tree(tmp_path / "a", {"index.html": b"a", "T1/index.html": b"x", "gone.txt": b""})
    after = _tree(tmp_path / "b", {"index.html": b"a", "T1/index.html": b"y", "new.txt": b""})
    assert differences(before, after) == [
        "only before: gone.txt",
        "only after: new.txt",
        "differs: T1/index.html",
    ]
    assert differences(before, before) == []


def test_the_default_base_is_the_commit_before_the_publish_package() -> None:
    base = before_publish_package()
    assert base.endswith("^") and len(base) == 41
