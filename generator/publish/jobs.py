"""Each site of a build is one job in a process of a pool: render it, write its inputs, build it.

Why one job does both: rendering a course (our code) and building it (MkDocs) then alternate
within each worker, so while one worker renders, the other worker's MkDocs runs; MkDocs never
waits for every course to be rendered first. ``--jobs`` workers run at most that many MkDocs
processes at a time.

A course whose source did not change (``cache.source_hash``: the course as loaded, the package
and the settings) is not even rendered: its outputs are taken as they are.

The workers are forked once the project is loaded: they inherit the courses instead of
receiving them through a pipe, and each job is sent an index only. A rendered course never
leaves its worker (a job returns where its output is, not its pages), so memory holds the
loaded project and one course per worker.

Each process of the pool hands its MkDocs builds to a warm worker of its own (``worker``,
``warm``): MkDocs is imported once per process, not once per site.

Each job measures what it cost, for ``Timings``: the CPU seconds of our code in the process and
of its MkDocs builds (the warm worker's start-up counted with its first build), and when MkDocs
ran (``time.monotonic`` is the same clock in every process).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from multiprocessing.util import Finalize
from pathlib import Path

from generator.course import Course
from generator.parallel import leave_interrupts_to_parent
from generator.publish import BuildFailed
from generator.publish.cache import (
    cached,
    input_hash,
    record_source,
    reusable,
    source_hash,
    warm_up,
)
from generator.publish.inputs import prepare
from generator.publish.lifetime import die_with_parent
from generator.publish.targets import (
    Built,
    Target,
    Variant,
    course_target,
)
from generator.publish.worker import MkDocsRun, Worker, WorkerFailed, build_target
from generator.render.markdown import compile_templates
from generator.render.site import Site, course_site

SHOWN_FAILURES = 3  # failed builds reported in full; the rest are counted


@dataclass
class Timings:
    """Where a build spent its time (filled in by ``build_site``)."""

    total_seconds: float = 0.0  # wall time of the whole build
    mkdocs_seconds: float = 0.0  # wall time from the first MkDocs start to the last one's end
    own_cpu_seconds: float = 0.0  # CPU time of our code, in this process and the workers
    mkdocs_cpu_seconds: float = 0.0  # CPU time of every MkDocs process
    built: list[str] = field(default_factory=list)  # "<name> <variant>" rebuilt
    reused: list[str] = field(default_factory=list)  # … taken from the cache
    rendered: list[str] = field(default_factory=list)  # names of the sites rendered

    @property
    def own_seconds(self) -> float:
        """Wall time the build spent outside the MkDocs phase (waiting on our code alone)."""
        return self.total_seconds - self.mkdocs_seconds


@dataclass(frozen=True)
class Plan:
    """What a build makes and what every job needs besides its own index (inherited by the job
    processes when they fork)."""

    root: Path
    build: Path
    theme: Path
    theme_files: Mapping[str, bytes]
    shim: bytes
    variants: tuple[Variant, ...]
    assets: dict[str, bytes]
    site_url: str | None
    courses: tuple[Course, ...]
    catalogue: tuple[Target, Site] | None  # with its pages, rendered in the parent
    # the catalogue's index of every course's text: added when composing, not built by MkDocs
    catalogue_index: Mapping[str, bytes] = field(default_factory=dict)


CATALOGUE_JOB = -1  # the index that means the catalogue, not a course


@dataclass(frozen=True)
class Job:
    index: int  # into Plan.courses, or CATALOGUE_JOB
    run_mkdocs: bool = True  # False: only look in the cache (assembling a sharded build)


@dataclass(frozen=True)
class Outcome:
    """One job's result: per variant, its output (built or reused), its failure, or nothing."""

    name: str
    built: tuple[Built, ...]
    failures: tuple[str, ...]
    missing: tuple[Variant, ...]
    own_cpu: float = 0.0
    mkdocs_cpu: float = 0.0
    mkdocs_spans: tuple[tuple[float, float], ...] = ()
    rendered: bool = False  # False: reused as it was, its source unchanged


_plan: Plan | None = None  # this process's Plan, inherited from the parent at fork
_worker: Worker | None = None  # this process's warm MkDocs worker


def _remember(plan: Plan, parent: int) -> None:
    global _plan, _worker
    die_with_parent(parent)
    leave_interrupts_to_parent()
    _plan = plan
    _worker = Worker(plan.build)
    # When the pool ends this process, end its warm worker and wait for it (its CPU time then
    # counts among this process's children, and it is not left to the system to reap).
    Finalize(_worker, _worker.close, exitpriority=1)


def _rendered(plan: Plan, index: int) -> tuple[Target, Site]:
    """A site's target and its pages (the catalogue's were rendered before the pool started)."""
    if index == CATALOGUE_JOB:
        assert plan.catalogue is not None
        return plan.catalogue
    course = plan.courses[index]
    target = course_target(plan.build, course, plan.site_url)
    return target, course_site(course, plan.assets)


def _sources(plan: Plan, index: int) -> list[str]:
    """Each variant's source hash for a course; none for the catalogue (always rendered: it
    lists every course, and is quick to render)."""
    if index == CATALOGUE_JOB:
        return ["" for _ in plan.variants]
    course = plan.courses[index]
    return [
        source_hash(course, v, plan.root, plan.theme_files, plan.site_url) for v in plan.variants
    ]


def _run(job: Job) -> Outcome:
    """One site's job: its outputs as they are if its source is unchanged; else render it,
    write its inputs and build each variant unless its output is cached."""
    plan = _plan
    assert plan is not None, "jobs run in processes started by run_jobs"
    started = time.process_time()
    sources = _sources(plan, job.index)
    outcome = _unchanged(plan, job.index, sources) or _render_and_build(plan, job, sources)
    return replace(outcome, own_cpu=time.process_time() - started)


def _unchanged(plan: Plan, index: int, sources: list[str]) -> Outcome | None:
    if index == CATALOGUE_JOB:
        return None
    place = course_target(plan.build, plan.courses[index], plan.site_url)
    stored = [reusable(place, v, s) for v, s in zip(plan.variants, sources, strict=True)]
    kept = tuple(b for b in stored if b is not None)
    return Outcome(place.name, kept, (), ()) if len(kept) == len(stored) else None


def _render_and_build(plan: Plan, job: Job, sources: list[str]) -> Outcome:
    target, site = _rendered(plan, job.index)
    prepare(target, site, plan.theme, plan.variants, plan.shim)
    theme_files = plan.theme_files
    hashes = [input_hash(target, site, v, plan.root, theme_files) for v in plan.variants]
    del site  # written: the pages are not needed any more
    built: list[Built] = []
    failures: list[str] = []
    missing: list[Variant] = []
    runs: list[MkDocsRun] = []
    for variant, inputs, source in zip(plan.variants, hashes, sources, strict=True):
        reused = cached(target, variant, inputs)
        if reused is not None:
            record_source(target, variant, source)
            built.append(reused)
        elif not job.run_mkdocs:
            missing.append(variant)
        else:
            assert _worker is not None, "jobs run in processes started by run_jobs"
            try:
                result, run = build_target(_worker, target, variant, inputs, source)
                built.append(result)
            except WorkerFailed as exc:
                failures.append(str(exc))
                run = exc.run
            runs.append(run)
    return Outcome(
        target.name,
        tuple(built),
        tuple(failures),
        tuple(missing),
        mkdocs_cpu=sum(r.cpu_seconds for r in runs),
        mkdocs_spans=tuple((r.started, r.ended) for r in runs),
        rendered=True,
    )


Progress = Callable[[Outcome, int, int], None]  # an outcome, how many are done, of how many


def run_jobs(
    plan: Plan,
    jobs: list[Job],
    workers: int,
    timings: Timings,
    progress: Progress | None = None,
) -> list[Outcome]:
    """Run every job in ``workers`` forked processes; their outcomes in the order of ``jobs``.

    ``progress`` hears of each outcome as its job ends. Every job runs even when one fails (so
    a retry has less to do); raises ``BuildFailed`` with all failures afterwards. Adds the
    jobs' costs to ``timings``.
    """
    _warm_up()
    # Out of the collector's sight until the workers have forked: their collections then
    # neither walk the loaded project again and again nor copy its pages.
    gc.collect()
    gc.freeze()
    pool = ProcessPoolExecutor(
        max(1, min(workers, len(jobs))),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_remember,
        initargs=(plan, os.getpid()),
    )
    try:
        futures = [pool.submit(_run, job) for job in jobs]
        for done, future in enumerate(as_completed(futures), start=1):
            if progress is not None:
                progress(future.result(), done, len(jobs))
        outcomes = [future.result() for future in futures]
    except BrokenProcessPool as exc:
        raise BuildFailed(
            "建置課程的工作程序意外結束（可能是記憶體不足，或被系統終止）。"
            "請再執行一次；若一再發生，請以較小的 --jobs 執行。"
        ) from exc
    finally:
        pool.shutdown(cancel_futures=True)
        gc.unfreeze()  # the workers have forked: this process may collect as usual again
    _account(outcomes, timings)
    failures = [message for o in outcomes for message in o.failures]
    if failures:
        shown = failures[:SHOWN_FAILURES]
        if len(failures) > len(shown):
            shown.append(f"（另有 {len(failures) - len(shown)} 個網站也建置失敗，原因多半相同。）")
        raise BuildFailed("\n".join(shown))
    return outcomes


def _warm_up() -> None:
    """Do here, once, what every worker would otherwise do for itself."""
    compile_templates()
    warm_up()


def _account(outcomes: list[Outcome], timings: Timings) -> None:
    spans = [span for o in outcomes for span in o.mkdocs_spans]
    if spans:
        timings.mkdocs_seconds += max(end for _, end in spans) - min(start for start, _ in spans)
    timings.own_cpu_seconds += sum(o.own_cpu for o in outcomes)
    timings.mkdocs_cpu_seconds += sum(o.mkdocs_cpu for o in outcomes)
    timings.rendered += [o.name for o in outcomes if o.rendered]
    for outcome in outcomes:
        for item in outcome.built:
            names = timings.built if item.rebuilt else timings.reused
            names.append(f"{item.target.name} {item.variant}")
