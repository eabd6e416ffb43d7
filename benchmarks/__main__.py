"""``python -m benchmarks --sizes 1,10,50,100 --json FILE``: build synthetic catalogues.

For each N: make N synthetic standards (benchmarks.synthetic), run ``coursegen build`` in a
fresh process, measure the site, edit one course and build again. Prints a Markdown table and
writes one JSON object per N.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from benchmarks.measure import markdown_table, measure


def sizes_argument(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"sizes are whole numbers, e.g. 1,10,50 ({text!r})"
        ) from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"sizes are at least 1 ({text!r})")
    return sizes


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    top.add_argument("--sizes", type=sizes_argument, default=[1, 10, 50, 100])
    top.add_argument("--json", type=Path, default=None, help="write the results here")
    top.add_argument("--jobs", type=int, default=None, help="parallel MkDocs builds")
    top.add_argument("--workdir", type=Path, default=None, help="where to build (default: temp)")
    top.add_argument("--keep", action="store_true", help="keep the built catalogues")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="coursegen-bench-") as temporary:
        workdir = args.workdir or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            rows.append(measure(n, workdir, args.jobs, args.keep))
            print(f"N={n}: {json.dumps(rows[-1], ensure_ascii=False)}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(markdown_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
