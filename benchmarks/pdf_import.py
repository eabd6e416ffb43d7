"""``python -m benchmarks.pdf_import``: how long ``coursegen import`` takes on a PDF.

Prints the seed KPS5220-005v2 and longer standards made from it (its duties repeated with
new codes) with Chromium and reportlab (the producers of tests/pdf_render.py), then times
reading each back in one process (median of three, after one warm-up read). The table goes to
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pdfplumber

from generator.importers import read_source
from tests.pdf_render import Chromium, Document, document, reportlab_pdf

SEED = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "seeds" / "KPS5220-005v2.txt"
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


def _seconds(path: Path) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of one read (CPU time: fair on a busy machine)."""
    read_source(path)  # warm-up: imports and caches
    wall, cpu = [], []
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        read_source(path)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--times", default="1,2,7", help="copies of the seed's table, e.g. 1,2,10")
    args = parser.parse_args()
    seed = document(SEED)
    chromium = Chromium()
    print("| producer | pages | duties | import, wall (s) | import, CPU (s) |")
    print("|---|---:|---:|---:|---:|")
    try:
        with tempfile.TemporaryDirectory() as folder:
            for times in (int(t) for t in args.times.split(",")):
                doc = repeated(seed, times)
                for producer in ("chromium", "reportlab"):
                    path = Path(folder) / f"{producer}-{times}.pdf"
                    if producer == "chromium":
                        chromium.pdf(doc, path)
                    else:
                        reportlab_pdf(doc, path)
                    with pdfplumber.open(path) as pdf:
                        pages = len(pdf.pages)
                    duties = len(read_source(path).standard.duties)
                    wall, cpu = _seconds(path)
                    print(f"| {producer} | {pages} | {duties} | {wall:.2f} | {cpu:.2f} |")
    finally:
        chromium.close()


if __name__ == "__main__":
    main()
