"""Build a synthetic catalogue of N standards and measure the build and the site it makes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.synthetic import make_project

KEYS = (
    "n",
    "generate_s",
    "build_s",
    "pages",
    "site_bytes",
    "max_page_bytes",
    "max_search_index_bytes",
    "catalogue_index_bytes",
    "peak_rss_mb",
)
COURSE_FOLDER = re.compile(r"^[A-Z]{2,4}[0-9]{4}-[0-9]{3}(v[0-9]+)?$")
CATALOGUE_PAGES = ("index.html", "categories")  # the home and the category pages
CATALOGUE_INDEX = "search/catalogue"  # the catalogue's index of every course (shards)


def _build(project: Path, jobs: int | None) -> dict[str, Any]:
    """One ``coursegen build`` of ``project`` in a fresh process (see benchmarks.child)."""
    result = project / "build-result.json"
    command = [sys.executable, "-m", "benchmarks.child", str(project), str(result)]
    if jobs:
        command += ["--jobs", str(jobs)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"build of {project} failed:\n{done.stderr}")
    data: dict[str, Any] = json.loads(result.read_text("utf-8"))
    result.unlink()
    return data


def site_numbers(site: Path) -> dict[str, int]:
    """Pages, bytes, the largest page and the largest search index of a built site.

    Course pages are those in a course's folder; catalogue pages are the home and the pages
    of the categories (the pages that list courses). The catalogue's index of every course is
    measured whole and by its largest shard (what one request loads).
    """
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    indexes = [p for p in files if p.name in ("search_index.json", "search_index.js")]
    shards = [p.stat().st_size for p in (site / CATALOGUE_INDEX).glob("*.js")]
    courses = [p for p in pages if COURSE_FOLDER.match(p.relative_to(site).parts[0])]
    catalogue = [p for p in pages if p.relative_to(site).parts[0] in CATALOGUE_PAGES]
    return {
        "pages": len(pages),
        "site_bytes": sum(p.stat().st_size for p in files),
        "max_page_bytes": max(p.stat().st_size for p in pages),
        "max_course_page_bytes": max((p.stat().st_size for p in courses), default=0),
        "catalogue_page_bytes": max(p.stat().st_size for p in catalogue),
        "max_search_index_bytes": max(p.stat().st_size for p in indexes),
        "catalogue_home_bytes": (site / "index.html").stat().st_size,
        "catalogue_index_bytes": sum(shards),
        "max_catalogue_shard_bytes": max(shards, default=0),
    }


def _edit_one_course(project: Path) -> None:
    """A trainer's edit: one indicator of the first standard gets a word more."""
    path = sorted((project / "content" / "standards").glob("*.yaml"))[0]
    text = path.read_text("utf-8")
    path.write_text(text.replace("text: ", "text: 另外，", 1), "utf-8")


def measure(n: int, workdir: Path, jobs: int | None = None, keep: bool = False) -> dict[str, Any]:
    """Every number of one row of the table, for a catalogue of ``n`` standards."""
    project = workdir / f"catalogue-{n}"
    shutil.rmtree(project, ignore_errors=True)
    started = time.perf_counter()
    make_project(project, n)
    synth_s = time.perf_counter() - started
    first = _build(project, jobs)
    numbers = site_numbers(project / "site")
    _edit_one_course(project)
    again = _build(project, jobs)
    row: dict[str, Any] = {
        "n": n,
        "generate_s": round(first["own_cpu_s"], 2),
        "build_s": round(first["mkdocs_cpu_s"], 2),
        **numbers,
        "peak_rss_mb": round(max(first["self_rss_mb"], first["child_rss_mb"]), 1),
        "total_s": round(first["total_s"], 2),
        "own_share": _share(first["own_cpu_s"], first["mkdocs_cpu_s"]),
        "mkdocs_wall_s": round(first["mkdocs_s"], 2),
        "wait_s": round(first["own_s"], 2),
        "wait_share": _share(first["own_s"], first["mkdocs_s"]),
        "jobs": first["jobs"],
        "self_rss_mb": round(first["self_rss_mb"], 1),
        "child_rss_mb": round(first["child_rss_mb"], 1),
        "rebuild_after_edit_s": round(again["total_s"], 2),
        "rebuilt_after_edit": again["rebuilt"],
        "synthesis_s": round(synth_s, 2),
    }
    if not keep:
        shutil.rmtree(project, ignore_errors=True)
    return row


def _share(part: float, whole: float) -> float:
    return round(part / whole, 3) if whole else 0.0


def markdown_table(rows: list[dict[str, Any]]) -> str:
    """The rows as the Markdown table of docs/benchmarks.md."""
    header = (
        "| N | pages | generator CPU s | MkDocs CPU s | generator/MkDocs (CPU) "
        "| total s | waiting on the generator alone s (share of the MkDocs phase) | site MB "
        "| largest page KB (course / catalogue) | largest search index KB "
        "| catalogue's index of courses KB (all / largest shard) | peak RSS MB "
        "(own / largest MkDocs) | rebuild after one edit s |"
    )
    lines = [header, "|" + "---|" * 13]
    for r in rows:
        lines.append(
            f"| {r['n']} | {r['pages']} | {r['generate_s']:.2f} | {r['build_s']:.2f} "
            f"| {100 * r['own_share']:.1f} % | {r['total_s']:.2f} "
            f"| {r['wait_s']:.2f} ({100 * r['wait_share']:.1f} %) "
            f"| {r['site_bytes'] / 1e6:.1f} "
            f"| {r['max_course_page_bytes'] / 1024:.0f} / {r['catalogue_page_bytes'] / 1024:.0f} "
            f"| {r['max_search_index_bytes'] / 1024:.0f} "
            f"| {r['catalogue_index_bytes'] / 1024:.0f} / "
            f"{r['max_catalogue_shard_bytes'] / 1024:.0f} "
            f"| {r['self_rss_mb']:.0f} / {r['child_rss_mb']:.0f} "
            f"| {r['rebuild_after_edit_s']:.2f} |"
        )
    return "\n".join(lines)
