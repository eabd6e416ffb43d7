"""``python -m benchmarks.markdown_pages [--course CODE | --docs DIR]``: Markdown ms per page.

Renders one course of this project (its standard, site_overrides/ and quizzes/) with the
generator, then converts each of its pages with Python-Markdown alone, with the extensions and
settings of mkdocs.yml, and prints the milliseconds of each page (the best of ``--repeat``
conversions, in CPU time) in a Markdown table, largest first. ``--docs DIR`` times a docs
folder written before instead (``build/courses/<code>/docs`` of another tree); ``--before DIR``
times that folder and this tree's pages side by side, each page's two versions in turn, so
that a busy machine slows both alike.

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


def converter() -> markdown.Markdown:
    names, settings = extensions(ROOT / "mkdocs.yml")
    made = markdown.Markdown(extensions=names, extension_configs=settings)
    made.convert("warm up")  # the extensions' first use compiles their patterns
    return made


def best_ms(converter: markdown.Markdown, page: str, repeat: int) -> float:
    """CPU milliseconds of converting ``page`` (without front matter): the best of ``repeat``."""
    text = body(page)
    times = []
    for _ in range(repeat):
        converter.reset()
        start = time.process_time()
        converter.convert(text)
        times.append(time.process_time() - start)
    return min(times) * 1000


def time_pages(pages: dict[str, str], repeat: int) -> dict[str, float]:
    made = converter()
    return {path: best_ms(made, page, repeat) for path, page in sorted(pages.items())}


def compare_pages(
    before: dict[str, str], after: dict[str, str], repeat: int
) -> dict[str, tuple[float, float]]:
    """Each page of both (before, after) ms, timed in turn; a page only one has counts 0."""
    made = converter()
    found: dict[str, tuple[float, float]] = {}
    for path in sorted(before.keys() | after.keys()):
        old = best_ms(made, before[path], repeat) if path in before else 0.0
        new = best_ms(made, after[path], repeat) if path in after else 0.0
        found[path] = (old, new)
    return found


def comparison_table(times: dict[str, tuple[float, float]]) -> Iterable[str]:
    yield "| page | before ms | after ms | change |"
    yield "|---|---:|---:|---:|"
    rows = sorted(times.items(), key=lambda item: -item[1][0])
    total = (sum(t[0] for _, t in rows), sum(t[1] for _, t in rows))
    for path, (old, new) in [*rows, (f"**all {len(rows)} pages**", total)]:
        change = f"{(new - old) / old * 100:+.0f} %" if old else "new"
        yield f"| {path} | {old:.1f} | {new:.1f} | {change} |"


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
    top.add_argument("--before", type=Path, default=None, help="compare with this docs folder")
    top.add_argument("--repeat", type=int, default=5, help="conversions per page (best kept)")
    args = top.parse_args(argv)
    repeat = max(1, args.repeat)
    pages = folder_pages(args.docs) if args.docs else rendered_pages(args.course)
    if args.before:
        lines = comparison_table(compare_pages(folder_pages(args.before), pages, repeat))
    else:
        lines = table(time_pages(pages, repeat))
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
