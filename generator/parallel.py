"""Independent pieces of work spread over the machine's cores.

Reading a project is one standard after another (~0.1 CPU s each: YAML, schema, checks, the
question bank), while every other core waits for the build to begin; at a hundred standards
that was a tenth of a build. ``fork_map`` reads them in forked processes, which inherit the
code already imported, and sends back only the results.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items per process, forking and sending results back costs more than it saves.
MIN_PER_PROCESS = 4


def cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def fork_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int | None = None,
    *,
    per_process: int = MIN_PER_PROCESS,
) -> list[Result]:
    """``[function(item) for item in items]``, in up to ``workers`` forked processes (default:
    one per core), each given at least ``per_process`` items, in the order of ``items``.
    ``function`` and its results must pickle; an exception it raises is raised here."""
    count = min(workers or cores(), len(items) // per_process)
    if count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    chunk = max(1, len(items) // (count * 4))  # a few chunks each, so no process idles long
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(count, mp_context=context, initializer=leave_interrupts_to_parent)
    try:
        return list(pool.map(function, items, chunksize=chunk))
    finally:
        pool.shutdown(cancel_futures=True)  # on Ctrl-C, no piece is started any more


def children_cpu() -> float:
    """CPU seconds of this process's children that have ended (``fork_map``'s among them)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def leave_interrupts_to_parent() -> None:
    """Ignore Ctrl-C in a helper process: the terminal sends it to every process of the
    command, and only the one the user started should answer it (stop, say so); its helpers
    end with it (the pools here wait for a piece under way, then stop), instead of each
    printing a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
