"""``python -m benchmarks.same_output [--base COMMIT]``: does this tree build what COMMIT built?

Builds the same projects (this project's own content: the seeds; and a synthetic catalogue of
``--size`` standards) twice, once with the generator of ``COMMIT`` (``git archive`` into a
temporary folder, put first on ``PYTHONPATH``) and once with this working tree's, both with
``--offline``, and compares the two ``site/`` trees file by file (the offline zip included).
Exit 0 when they are byte-identical; otherwise it lists the files that differ.

A refactoring of the publishing side (issue 16) must keep the output byte for byte; this is its
proof, run by hand (it takes minutes). The default base is the commit before
``generator/publish/`` was added: the same generator with the old publishing code.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from benchmarks.synthetic import make_project

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("content", "site_overrides", "quizzes", "mkdocs.yml")


def before_publish_package() -> str:
    """The commit before the one that added generator/publish/ (the old publishing code)."""
    command = ["git", "-C", str(ROOT), "log", "--diff-filter=A", "--format=%H", "--"]
    added = subprocess.run(
        [*command, "generator/publish/__init__.py"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return f"{added[-1]}^"


def export_commit(commit: str, into: Path) -> Path:
    """The files of ``commit`` in ``into`` (no .git: only for importing its ``generator``)."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def copy_seeds(into: Path) -> Path:
    """This project's own inputs (the committed seeds and their customisation)."""
    into.mkdir(parents=True)
    for name in PROJECT_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, into / name)
        elif source.is_file():
            shutil.copy2(source, into / name)
    return into


def build(project: Path, generator_root: Path) -> Path:
    """``coursegen build --offline`` of ``project`` with the generator found in
    ``generator_root``; its site/."""
    env = {**os.environ, "PYTHONPATH": str(generator_root)}
    env.pop("SOURCE_DATE_EPOCH", None)
    command = "import sys; from generator.cli import main; sys.exit(main())"
    done = subprocess.run(
        [sys.executable, "-c", command, "build", "--offline"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"build of {project} with {generator_root} failed:\n{done.stderr}")
    return project / "site"


def timed_build(project: Path, generator_root: Path, label: str) -> Path:
    """``build``, printing its wall time and the CPU time of it and all its processes (the
    two sides run one after the other on the same machine: a paired comparison)."""
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    site = build(project, generator_root)
    after, wall = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter() - started
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(f"{label}: {wall:.2f} s wall, {cpu:.2f} CPU s", file=sys.stderr)
    return site


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def differences(before: Path, after: Path) -> list[str]:
    """The files only in one tree or with other bytes, as lines to print (sorted)."""
    old, new = tree(before), tree(after)
    lines = [f"only before: {name}" for name in sorted(old.keys() - new.keys())]
    lines += [f"only after: {name}" for name in sorted(new.keys() - old.keys())]
    lines += [
        f"differs: {name}" for name in sorted(old.keys() & new.keys()) if old[name] != new[name]
    ]
    return lines


def synthetic(into: Path, n: int) -> Path:
    return make_project(into, n)


def compare(base: str, sizes: list[int], workdir: Path) -> list[str]:
    """Every difference between ``base``'s and this tree's builds of each project."""
    base_root = export_commit(base, workdir / "base-generator")
    projects: dict[str, Callable[[Path], Path]] = {"seeds": copy_seeds}
    found: list[str] = []
    for size in sizes:
        projects[f"synthetic-{size}"] = partial(synthetic, n=size)
    for name, make in projects.items():
        before = workdir / "before" / name
        if not (before / "site").is_dir():  # kept from an earlier run with --workdir
            shutil.rmtree(before, ignore_errors=True)
            timed_build(make(before), base_root, f"{name} before")
        after = workdir / "after" / name
        shutil.rmtree(after, ignore_errors=True)
        sites = [before / "site", timed_build(make(after), ROOT, f"{name} after")]
        found += [f"{name}: {line}" for line in differences(*sites)]
    return found


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(prog="python -m benchmarks.same_output", description=__doc__)
    args.add_argument("--base", default=None, help="the commit to compare with")
    args.add_argument("--sizes", default="10", help="synthetic catalogues, e.g. 10,50 ('' none)")
    args.add_argument("--workdir", type=Path, default=None, help="keep the builds here")
    given = args.parse_args(argv)
    sizes = [int(part) for part in given.sizes.split(",") if part]
    base = given.base or before_publish_package()
    with tempfile.TemporaryDirectory(prefix="coursegen-same-") as temporary:
        workdir = given.workdir or Path(temporary)
        found = compare(base, sizes, workdir)
    print("\n".join(found) if found else f"byte-identical to {base}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
