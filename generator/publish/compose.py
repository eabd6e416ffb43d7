"""Composing ``site/``: the catalogue's output with each course's in its folder, swapped in whole.

``site/`` is composed of hard links to the cached outputs (a copy where links are impossible):
cheap even for hundreds of courses. So nothing may write into a composed file in place; what
composing changes (the top sitemap) is replaced, not rewritten. Composing happens in a staging
folder under ``build/`` (the same file system as ``site/``), and ``site/`` is replaced by it only
after every step succeeded, so a failed build leaves the previous ``site/`` exactly as it was.
"""

from __future__ import annotations

import gzip
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from generator.publish import BuildFailed
from generator.publish.files import link_tree, write_atomically
from generator.publish.paths import (
    BUILD_DIR,
    CATALOGUE,
    COURSES,
    NEW_PREFIX,
    OLD_SUFFIX,
    OUT,
    SITE_DIR,
    SITEMAP,
    STAGING_PREFIX,
)
from generator.publish.targets import Built


@contextmanager
def staging(root: Path) -> Iterator[Path]:
    """A fresh folder under build/ (same file system as site/), removed whatever happens."""
    parent = root / BUILD_DIR
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def recover(root: Path) -> None:
    """Clear what a killed build left in build/ (call it holding the build lock: no other build
    runs): staging folders, and outputs it had not finished. A build killed between the two
    renames that swap site/ in had moved the previous site/ into its staging folder: it goes
    back first."""
    build, site = root / BUILD_DIR, root / SITE_DIR
    for stage in sorted(build.glob(f"{STAGING_PREFIX}*")):
        previous = stage / f"{SITE_DIR}{OLD_SUFFIX}"
        if not site.exists() and previous.is_dir():
            previous.replace(site)
        shutil.rmtree(stage, ignore_errors=True)
    for pattern in (f"{CATALOGUE}/{OUT}/{NEW_PREFIX}*", f"{COURSES}/*/{OUT}/{NEW_PREFIX}*"):
        for unfinished in sorted(build.glob(pattern)):
            shutil.rmtree(unfinished, ignore_errors=True)


def compose(
    catalogue: Built,
    courses: list[Built],
    into: Path,
    epoch: str,
    extra: Mapping[str, bytes] | None = None,
) -> None:
    """``into`` = the catalogue's output with each course's output in its folder, and the
    ``extra`` files (the catalogue's index of the courses) at their paths."""
    for course in courses:
        if course.assets != catalogue.assets:
            raise BuildFailed(
                f"課程 {course.target.name} 的主題檔與課程目錄不一致"
                "（可能是在不同的設定或版本下建置的）：請重新建置這門課程。"
            )
    link_tree(catalogue.out, into)
    for course in courses:
        link_tree(course.out, into / course.target.place)
    for name, content in sorted((extra or {}).items()):
        write_atomically(into / name, content)
    if catalogue.variant == "online":
        merge_sitemaps(into, [c.target.place for c in courses], epoch)


_URL_ENTRY = re.compile(r"\s*<url>.*?</url>", re.DOTALL)


def merge_sitemaps(site: Path, places: list[str], epoch: str) -> None:
    """The top sitemap.xml (and .gz) lists the pages of the catalogue and of every course."""
    top = site / SITEMAP
    if not top.is_file():
        return
    text = top.read_text("utf-8")
    entries = "".join(
        match.group(0)
        for place in places
        if (site / place / SITEMAP).is_file()
        for match in _URL_ENTRY.finditer((site / place / SITEMAP).read_text("utf-8"))
    )
    end = text.rindex("</urlset>")
    merged = f"{text[:end].rstrip()}{entries}\n{text[end:]}"
    # Both files may be hard links to the cached catalogue: replace them, never write into them.
    top.unlink()
    (site / f"{SITEMAP}.gz").unlink(missing_ok=True)
    top.write_text(merged, "utf-8")
    with (
        (site / f"{SITEMAP}.gz").open("wb") as raw,
        gzip.GzipFile(fileobj=raw, filename=f"{SITEMAP}.gz", mode="wb", mtime=int(epoch)) as packed,
    ):
        packed.write(merged.encode("utf-8"))
