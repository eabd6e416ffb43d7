"""Reusing outputs: a target is rebuilt only when the hash of what goes into it changed.

Two hashes, both stored in ``out/<variant>.json`` beside the output they describe:

- ``input_hash``: everything that goes into one MkDocs build (its docs files, configs, search
  dictionary, the base ``mkdocs.yml``, theme files, date, the versions of MkDocs, Material,
  jieba and this package, and the publishing code that runs MkDocs and post-processes its
  output). Computed once the inputs are written.
- ``source_hash``: what a course's inputs are made from, before anything is rendered (the
  course as loaded, the package that renders it and the same settings). A course whose source
  is the one its output was recorded with is not even rendered.

So editing one course rebuilds one course (and the catalogue only when its pages change: a
title, a description, a course added), and CI shards can
build courses on other machines (``coursegen build --course``) for one job to assemble
(``--catalogue-only``).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from generator.code_version import package_files, versions
from generator.course import Course
from generator.publish.files import Hash, write_atomically
from generator.publish.paths import CONFIG_FILE, COURSES
from generator.publish.targets import Built, Target, Variant, course_url, source_date_epoch
from generator.render.escape import slug
from generator.render.site import Site, dictionary_text

CACHE_FORMAT = "coursegen-site-cache/2"  # 2: trainers' files hashed by their digest


@cache
def _own_code() -> tuple[bytes, ...]:
    """The code that decides what a build makes of its inputs: this package's modules."""
    here = Path(__file__).resolve().parent
    return tuple(path.read_bytes() for path in sorted(here.glob("*.py")))


def warm_up() -> None:
    """Read the versions and code that every hash includes (before forking workers)."""
    versions()
    _own_code()
    package_files()


def _common(
    sha: Hash, variant: Variant, epoch: str, root: Path, theme: Mapping[str, bytes]
) -> None:
    """What both hashes cover besides the course: versions, variant, date, base config, theme."""
    sha.add("format", CACHE_FORMAT.encode())
    sha.add("versions", "\n".join(versions()).encode())
    sha.add("variant", variant.encode())
    sha.add("epoch", epoch.encode())
    sha.add("base", (root / CONFIG_FILE).read_bytes())
    sha.tree("theme", theme)


def input_hash(
    target: Target, site: Site, variant: Variant, root: Path, theme_files: Mapping[str, bytes]
) -> str:
    """The hash of everything that goes into one build of ``target`` with the pages ``site``
    (once ``prepare`` has written its configs)."""
    sha = Hash()
    _common(sha, variant, target.epoch, root, theme_files)
    for index, code in enumerate(_own_code()):
        sha.add(f"code{index}", code)
    prefix = str(root.resolve())
    for config in {target.config("online"), target.config(variant)}:
        text = config.read_text("utf-8").replace(prefix, "<root>")
        sha.add(config.relative_to(target.folder).as_posix(), text.encode())
    sha.tree("docs", site.files)
    sha.add("dictionary", dictionary_text(site.search_terms).encode())
    return sha.hexdigest()


def source_hash(
    course: Course,
    variant: Variant,
    root: Path,
    theme_files: Mapping[str, bytes],
    site_url: str | None,
) -> str:
    """The hash of what a course's build is made from, before anything is rendered.

    The course as loaded (standard, customisation, question bank: its ``repr``, as the model is
    frozen dataclasses of plain values), the package and library versions that render it, and
    what ``input_hash`` covers besides the rendered files. The same source renders the same
    inputs, so an output recorded with it is reused without rendering the course again.
    """
    sha = Hash()
    _common(sha, variant, source_date_epoch((course.standard,)), root, theme_files)
    sha.tree("package", package_files())
    sha.add("url", (course_url(site_url, course.standard.code) or "").encode())
    # The trainer's files (images, videos) are in the repr by their size and digest, taken
    # when the project was loaded: an edit that keeps the size still changes the hash.
    sha.add("course", repr(course).encode())
    return sha.hexdigest()


def _read_record(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_record(target: Target, variant: Variant, record: Mapping[str, str]) -> None:
    write_atomically(target.record(variant), (json.dumps(record, indent=1) + "\n").encode())


def cached(target: Target, variant: Variant, inputs: str) -> Built | None:
    """The stored output of ``target`` if it was built from exactly these inputs."""
    return _stored(target, variant, "inputs", inputs)


def reusable(target: Target, variant: Variant, source: str) -> Built | None:
    """The stored output of ``target`` if it was made from this source (see ``source_hash``)."""
    return _stored(target, variant, "source", source)


def _stored(target: Target, variant: Variant, key: str, value: str) -> Built | None:
    record = _read_record(target.record(variant))
    if not value or record.get(key) != value or not target.out(variant).is_dir():
        return None
    return Built(target, variant, target.out(variant), record.get("assets", ""), rebuilt=False)


def record_source(target: Target, variant: Variant, source: str) -> None:
    """Note that the stored output of ``target`` is also what ``source`` makes (its inputs
    matched), so that the next build reuses it without rendering."""
    record = _read_record(target.record(variant))
    if source and record and record.get("source") != source:
        write_record(target, variant, {**record, "source": source})


def remove_stale_courses(build: Path, courses: Iterable[Course]) -> None:
    """Delete build/courses/<code>/ of courses no longer in content/."""
    folder = build / COURSES
    names = {slug(c.standard.code) for c in courses}
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.is_dir() and path.name not in names:
                shutil.rmtree(path)
