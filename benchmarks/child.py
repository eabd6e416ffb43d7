"""One measured ``coursegen build`` in a fresh process: ``python -m benchmarks.child``.

A process of its own so that ``getrusage`` reports this build's peak memory and CPU time only:
its own (``RUSAGE_SELF``: loading, rendering, composing) and its MkDocs children's
(``RUSAGE_CHILDREN``: the largest one's memory, all of their CPU time).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import sys
from pathlib import Path

from generator.build import build_site, default_workers
from generator.sites import Timings


def main() -> int:
    args = argparse.ArgumentParser()
    args.add_argument("project", type=Path)
    args.add_argument("result", type=Path)
    args.add_argument("--jobs", type=int, default=None)
    given = args.parse_args()
    timings = Timings()
    with contextlib.redirect_stdout(sys.stderr):
        code = build_site(given.project, None, workers=given.jobs, timings=timings)
    own_usage = resource.getrusage(resource.RUSAGE_SELF)
    child_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = own_usage.ru_maxrss / 1024  # KiB on Linux
    child = child_usage.ru_maxrss / 1024
    result = {
        "exit": code,
        "total_s": timings.total_seconds,
        "mkdocs_s": timings.mkdocs_seconds,
        "own_s": timings.own_seconds,
        # CPU seconds: ours, and all MkDocs processes' together (they run --jobs at a time).
        "own_cpu_s": own_usage.ru_utime + own_usage.ru_stime,
        "mkdocs_cpu_s": child_usage.ru_utime + child_usage.ru_stime,
        "rebuilt": sorted({name.split()[0] for name in timings.built}),
        "self_rss_mb": own,
        "child_rss_mb": child,
        "jobs": given.jobs or default_workers(),
    }
    given.result.write_text(json.dumps(result), "utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main())
