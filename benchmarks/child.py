"""One measured ``coursegen build`` in a fresh process: ``python -m benchmarks.child``.

A process of its own so that ``getrusage`` reports this build's peak memory only: its own
(``RUSAGE_SELF``: loading, rendering, composing) and its largest MkDocs child's
(``RUSAGE_CHILDREN``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import sys
from pathlib import Path

from generator.parallel import cores
from generator.publish.build import build_site
from generator.publish.jobs import Timings


def main() -> int:
    args = argparse.ArgumentParser()
    args.add_argument("project", type=Path)
    args.add_argument("result", type=Path)
    args.add_argument("--jobs", type=int, default=None)
    given = args.parse_args()
    timings = Timings()
    with contextlib.redirect_stdout(sys.stderr):
        code = build_site(given.project, None, workers=given.jobs, timings=timings)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result = {
        "exit": code,
        "total_s": timings.total_seconds,
        "mkdocs_s": timings.mkdocs_seconds,
        "own_s": timings.own_seconds,
        "own_cpu_s": timings.own_cpu_seconds,
        "mkdocs_cpu_s": timings.mkdocs_cpu_seconds,
        "rebuilt": sorted({name.split()[0] for name in timings.built}),
        "self_rss_mb": own,
        "child_rss_mb": child,
        "jobs": given.jobs or cores(),
    }
    given.result.write_text(json.dumps(result), "utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main())
