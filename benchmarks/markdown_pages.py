"""``python -m benchmarks.markdown_pages [--course CODE | --docs DIR]``: Markdown ms per page.

Renders one course of this project (its standard, site_overrides/ and quizzes/) with the
generator, then converts each of its pages with Python-Markdown alone, with the extensions and
settings of mkdocs.yml, and prints the milliseconds of each page (the best of ``--repeat``
conversions) in a Markdown table, largest first. ``--docs DIR`` times a docs folder written
before instead (``build/courses/<code>/docs`` of another tree), for a before/after comparison.

This is the part of MkDocs' work per page that the generated Markdown decides (issue 27); the
rest (theme templates, search index) is timed by ``python -m benchmarks``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import markdown
import yaml

from generator.project import load_project
from generator.render.site import course_files

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_COURSE = "KPS5220-005v2"


def extensions(config: Path) -> tuple[list[str], dict[str, Any]]:
    """mkdocs.yml's ``markdown_extensions``: names, and the settings of those that have any."""
    listed = yaml.safe_load(config.read_text("utf-8"))["markdown_extensions"]
    names: list[str] = []
    settings: dict[str, Any] = {}
    for entry in listed:
        if isinstance(entry, dict):
            ((name, options),) = entry.items()
            names.append(name)
            settings[name] = options or {}
        else:
            names.append(entry)
    return names, settings


def body(page: str) -> str:
    """A page without its YAML front matter (MkDocs reads that apart)."""
    if page.startswith("---\n"):
        end = page.find("\n---\n", 4)
        if end >= 0:
            return page[end + 5 :]
    return page


def rendered_pages(code: str) -> dict[str, str]:
    project = load_project(ROOT, only=[code])
    (course,) = (c for c in project.courses if c.standard.code == code)
    files = course_files(course)
    return {
        path: content.decode("utf-8")
        for path, content in files.items()
        if path.endswith(".md") and isinstance(content, bytes)
    }


def folder_pages(docs: Path) -> dict[str, str]:
    return {
        path.relative_to(docs).as_posix(): path.read_text("utf-8")
        for path in sorted(docs.rglob("*.md"))
        if "assets" not in path.relative_to(docs).parts
    }


def time_pages(pages: dict[str, str], repeat: int) -> dict[str, float]:
    """Milliseconds of each page's conversion: the best of ``repeat``, on a fresh converter."""
    names, settings = extensions(ROOT / "mkdocs.yml")
    converter = markdown.Markdown(extensions=names, extension_configs=settings)
    converter.convert("warm up")  # the extensions' first use compiles their patterns
    best: dict[str, float] = {}
    for path, page in sorted(pages.items()):
        text = body(page)
        times = []
        for _ in range(repeat):
            converter.reset()
            start = time.perf_counter()
            converter.convert(text)
            times.append(time.perf_counter() - start)
        best[path] = min(times) * 1000
    return best


def table(times: dict[str, float]) -> Iterable[str]:
    yield "| page | ms |"
    yield "|---|---:|"
    for path, ms in sorted(times.items(), key=lambda item: -item[1]):
        yield f"| {path} | {ms:.1f} |"
    yield f"| **all {len(times)} pages** | **{sum(times.values()):.1f}** |"


def main(argv: list[str] | None = None) -> int:
    top = argparse.ArgumentParser(prog="python -m benchmarks.markdown_pages", description=__doc__)
    top.add_argument("--course", default=DEFAULT_COURSE, help="a standard's code in content/")
    top.add_argument("--docs", type=Path, default=None, help="time this docs folder instead")
    top.add_argument("--repeat", type=int, default=5, help="conversions per page (best kept)")
    args = top.parse_args(argv)
    pages = folder_pages(args.docs) if args.docs else rendered_pages(args.course)
    for line in table(time_pages(pages, max(1, args.repeat))):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
