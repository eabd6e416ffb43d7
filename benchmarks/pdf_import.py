"""``python -m benchmarks.pdf_import``: how long ``coursegen import`` takes on a PDF.

Prints the seed KPS5220-005v2 and longer standards made from it (its duties repeated with
new codes) with Chromium and reportlab (the producers of tests/pdf_render.py), each at least
as many pages as asked, then times the command ``coursegen import`` on each, as a trainer runs
it: a new process (Python starting included), writing the YAML. Median of three runs, wall
clock and CPU seconds (the command's processes together). ``--code`` times another checkout's
generator on the same PDFs, for a before/after pair. The table goes to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pdfplumber

from tests.pdf_render import Chromium, Document, document, reportlab_pdf

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seeds" / "KPS5220-005v2.txt"
_DUTY_CODE = re.compile(r"(?<![A-Za-z0-9.])([TOP])(\d+)(?=[.\s\u4e00-\u9fff])")


def _duty_numbers(doc: Document) -> int:
    duty_cells = [row[0][0] for row in doc.rows if row[0]]
    return max(int(m.group(2)) for cell in duty_cells for m in _DUTY_CODE.finditer(cell))


def repeated(doc: Document, times: int) -> Document:
    """The competency table ``times`` over, each copy's duty numbers moved past the last."""
    duties = _duty_numbers(doc)
    rows = []
    for copy in range(times):

        def renumber(text: str, shift: int = copy * duties) -> str:
            return _DUTY_CODE.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + shift}", text)

        rows += [[[renumber(p) for p in cell] for cell in row] for row in doc.rows]
    return replace(doc, rows=rows)


def _pages(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def _at_least(pages: int, print_pdf: Callable[[Document, Path], object], path: Path) -> int:
    """Print the fewest copies of the seed's table that fill ``pages``; how many copies."""
    seed = document(SEED)
    times = 1
    while True:
        print_pdf(repeated(seed, times), path)
        if _pages(path) >= pages:
            return times
        times += 1


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _seconds(command: list[str], code: Path) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of the command (its own processes only), run with
    the generator of the checkout ``code``."""
    env = {**os.environ, "PYTHONPATH": str(code)}

    def run() -> None:  # in ``code``: ``python -c`` looks there first
        subprocess.run(command, env=env, cwd=code, check=True, capture_output=True)

    run()  # warm-up: disk caches
    wall, cpu = [], []
    for _ in range(3):
        start, start_cpu = time.perf_counter(), _children_cpu()
        run()
        wall.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", default="6,30", help="least pages of each PDF, e.g. 4,6,30")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose generator runs")
    args = parser.parse_args()
    chromium = Chromium()
    producers: dict[str, Callable[[Document, Path], object]] = {
        "chromium": chromium.pdf,
        "reportlab": reportlab_pdf,
    }
    print(f"load average {os.getloadavg()[0]:.1f}; generator of {args.code}")
    print("| producer | pages | duties | `coursegen import`, wall (s) | CPU (s) |")
    print("|---|---:|---:|---:|---:|")
    try:
        with tempfile.TemporaryDirectory() as folder:
            for pages in (int(p) for p in args.pages.split(",")):
                for producer, print_pdf in producers.items():
                    path = Path(folder) / f"{producer}-{pages}.pdf"
                    times = _at_least(pages, print_pdf, path)
                    out = Path(folder) / "out"
                    command = [sys.executable, "-c", "from generator.cli import main; main()"]
                    command += ["import", "--force", "--output-dir", str(out), str(path)]
                    wall, cpu = _seconds(command, args.code.resolve())
                    duties = times * _duty_numbers(document(SEED))
                    print(f"| {producer} | {_pages(path)} | {duties} | {wall:.2f} | {cpu:.2f} |")
    finally:
        chromium.close()
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
