"""``coursegen build``: content/ -> build/ -> site/, in the order ``build_site`` runs it.

1. With the build's lock held (``build/.lock``: one build of a project at a time),
   ``load_project`` runs every check and reports every problem; any error stops the build
   before anything is written.
2. ``plan``: the targets (``targets``) and what every job shares; build/theme/ is written.
3. ``run_jobs`` (``jobs``): ``--jobs`` processes render each site, write its inputs
   (``inputs``), reuse its output when unchanged (``cache``), else build it with a warm MkDocs
   worker (``worker``).
4. ``publish``: compose the outputs in staging (``compose``), zip the offline variant
   (``bundle``), then replace ``site/`` in one rename.

For catalogues that outgrow one machine, ``--course CODE`` builds some courses into ``build/``
only (a CI shard) and ``--catalogue-only`` builds the catalogue and composes ``site/`` from
courses built before (the assembling job); see docs/benchmarks.md.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from generator.course import Course
from generator.diagnostics import Diagnostic, errors, suggest
from generator.export import scorm
from generator.parallel import children_cpu, cores
from generator.project import load_project
from generator.publish import BuildFailed
from generator.publish.bundle import write_bundle
from generator.publish.cache import remove_stale_courses
from generator.publish.compose import compose, recover, staging
from generator.publish.files import exclusive, replace_tree
from generator.publish.inputs import read_assets, read_guide, read_shim, write_theme
from generator.publish.jobs import CATALOGUE_JOB, Job, Outcome, Plan, Timings, run_jobs
from generator.publish.paths import (
    BUILD_DIR,
    BUNDLE_FOLDER,
    CATALOGUE,
    LOCK_FILE,
    OFFLINE_DIR,
    OFFLINE_ZIP,
    SITE_DIR,
)
from generator.publish.targets import (
    MAX_EPOCH,
    Built,
    Target,
    catalogue_target,
    configured_site_url,
    variants_of,
)
from generator.render.site import Site, catalogue_site
from generator.search import CATALOGUE_FOLDER
from generator.validate import standard_files

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
# The reasons a build cannot write that a user can act on, in their words.
_OS_REASONS = {
    errno.ENOSPC: "磁碟空間不足，請清出空間後再建置",
    errno.EDQUOT: "已超過磁碟配額，請清出空間後再建置",
    errno.EACCES: "沒有寫入權限",
    errno.EROFS: "這個位置是唯讀的",
}
EXIT_SKIPPED = 3  # --skip-invalid: the sound courses published, others left out


def build_site(
    root: Path,
    site_url: str | None,
    offline: bool = False,
    *,
    only: tuple[str, ...] | None = None,
    catalogue_only: bool = False,
    workers: int | None = None,
    timings: Timings | None = None,
    skip_invalid: bool = False,
) -> int:
    """Check the project, then build ``site/`` strictly (and the offline zip); 0 ok, 1 not.

    ``only``: build just these courses into build/ (``site/`` is not touched). ``catalogue_only``:
    build the catalogue and compose ``site/`` from courses built before. On any failure
    ``site/`` is left exactly as it was.
    """
    started, cpu = time.perf_counter(), time.process_time()
    # MkDocs reads a relative site_dir from its config's folder, not from ours: every path the
    # build hands on must be absolute (`coursegen export` passes the project as "content/..").
    root = root.resolve()
    timings = timings if timings is not None else Timings()
    given = os.environ.get("SOURCE_DATE_EPOCH", "")
    if given and not (given.isdigit() and int(given) <= MAX_EPOCH):
        message = (
            f"coursegen: 環境變數 SOURCE_DATE_EPOCH 應為 0 到 {MAX_EPOCH} 之間的整數秒數"
            f"（收到：{given!r}）"
        )
        print(message, file=sys.stderr)
        return EXIT_USAGE
    unknown = unknown_courses(root, only or ())
    if unknown:
        print("\n".join(unknown), file=sys.stderr)
        return EXIT_USAGE
    try:
        # The project is read once the lock is held: a build that waited for another one
        # publishes the project as it is when its turn comes, not as it was when it started.
        with exclusive(root / BUILD_DIR / LOCK_FILE, _say_waiting):
            reading = children_cpu()
            courses = load_courses(root, only, skip_invalid, workers)
            timings.own_cpu_seconds += children_cpu() - reading  # the processes reading it
            if courses is None:
                print(
                    "內容有錯誤，未建置網站；site/ 維持原樣。請依上面的訊息修正。", file=sys.stderr
                )
                return EXIT_CONTENT
            left_out = skipped(root, courses) if skip_invalid else []
            recover(root)
            code = _build(root, courses, site_url, offline, only, catalogue_only, workers, timings)
    except BuildFailed as exc:
        return _failed(str(exc))
    except KeyboardInterrupt:
        print("\n建置已中斷；site/ 維持原樣。", file=sys.stderr)
        raise
    except OSError as exc:
        reason = _OS_REASONS.get(exc.errno or 0, exc.strerror or str(exc))
        return _failed(f"無法寫入 {exc.filename or root}：{reason}")
    finally:
        timings.total_seconds = time.perf_counter() - started
        timings.own_cpu_seconds += time.process_time() - cpu
    return _say_skipped(left_out) if code == EXIT_OK and left_out else code


def _build(
    root: Path,
    courses: tuple[Course, ...],
    site_url: str | None,
    offline: bool,
    only: tuple[str, ...] | None,
    catalogue_only: bool,
    workers: int | None,
    timings: Timings,
) -> int:
    planned = plan(root, courses, site_url, offline, catalogue=only is None)
    count = workers or cores()
    if only is not None:
        chosen = [i for i, c in enumerate(planned.courses) if c.standard.code in only]
        outcomes = run_jobs(planned, [Job(i) for i in chosen], count, timings, _progress)
        _say_courses_built(root, [b for o in outcomes for b in o.built])
        return EXIT_OK
    remove_stale_courses(planned.build, planned.courses)
    indexes = range(len(planned.courses))
    jobs = [Job(CATALOGUE_JOB), *(Job(i, run_mkdocs=not catalogue_only) for i in indexes)]
    outcomes = run_jobs(planned, jobs, count, timings, _progress)
    missing = sorted(o.name for o in outcomes if o.missing)
    if missing:
        return _missing(missing)
    built = [b for o in outcomes for b in o.built]  # the catalogue first
    had_bundle = (root / SITE_DIR / OFFLINE_ZIP).is_file()
    _publish(root, built, offline, planned)
    rebuilt = len({name.split()[0] for name in timings.built} - {CATALOGUE})
    print(f"已建置 {len(courses)} 門課程到 {root / SITE_DIR}（重新建置 {rebuilt} 門）。")
    if offline:
        print(f"離線版：{root / SITE_DIR / OFFLINE_ZIP}（解壓縮後開啟 {BUNDLE_FOLDER}/index.html）")
    elif had_bundle:
        # site/ is exactly this build: an old bundle would no longer match the pages.
        print(
            f"注意：這次建置沒有 --offline，先前的離線版 {OFFLINE_ZIP} 已不在 site/ 中；"
            "需要離線版請加上 --offline 重新建置。"
        )
    return EXIT_OK


def load_courses(
    root: Path,
    only: Iterable[str] | None = None,
    skip_invalid: bool = False,
    workers: int | None = None,
) -> tuple[Course, ...] | None:
    """The courses to build (``only`` these), or None after printing the errors that stop a
    build. ``skip_invalid``: only errors outside every course stop it; courses with errors of
    their own are left out (``skipped`` lists them). ``workers``: processes reading it."""
    project = load_project(root, None if only is None else tuple(only), workers)
    _report(project.diagnostics)
    if skip_invalid and not project.project_errors() and project.sound_courses():
        return project.sound_courses()
    if errors(project.diagnostics):
        return None
    return project.courses


def skipped(root: Path, courses: tuple[Course, ...]) -> list[str]:
    """The codes of the project's standards that ``courses`` leaves out."""
    built = {c.standard.code for c in courses}
    return [p.stem for p in standard_files(root / "content") if p.stem not in built]


def _say_skipped(codes: list[str]) -> int:
    print(
        f"已略過 {len(codes)} 門有錯誤的課程（錯誤如上）：{'、'.join(codes)}。"
        "其他課程已發布；修正後再建置即可加入。",
        file=sys.stderr,
    )
    return EXIT_SKIPPED


def _report(diagnostics: tuple[Diagnostic, ...]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def unknown_courses(root: Path, wanted: Iterable[str]) -> list[str]:
    """Codes asked for that no file of content/standards/ has (so no course can have)."""
    codes = [p.stem for p in standard_files(root / "content")]
    listed = f"（現有：{'、'.join(codes) or '無'}）"
    return [
        f"coursegen: content/standards/ 中沒有職能基準 {code}{suggest(code, codes) or listed}"
        for code in wanted
        if code not in codes
    ]


def plan(
    root: Path,
    courses: tuple[Course, ...],
    site_url: str | None,
    offline: bool = False,
    catalogue: bool = True,
) -> Plan:
    """Everything the jobs of a build share; writes build/theme/ (every site uses it)."""
    url = site_url or configured_site_url(root)
    assets = read_assets()
    ordered = tuple(sorted(courses, key=lambda c: c.standard.code))
    build = root / BUILD_DIR
    theme, files = write_theme(root)
    top: tuple[Target, Site] | None = None
    index: dict[str, bytes] = {}
    if catalogue:
        pages, index = _without_index(catalogue_site(ordered, assets, read_guide()))
        top = (catalogue_target(build, ordered, url), pages)
    variants = variants_of(offline)
    return Plan(root, build, theme, files, read_shim(), variants, assets, url, ordered, top, index)


def _without_index(site: Site) -> tuple[Site, dict[str, bytes]]:
    """The catalogue's pages for MkDocs, and apart from them its index of every course's text.

    MkDocs would only copy the index's scripts; as its input they made any edit of any course
    (an indicator's wording) rebuild the catalogue, whose pages list every course. Composing
    adds them to the output instead, so the catalogue's MkDocs build runs only when its pages
    change (a course added, a title or description edited)."""
    index = {
        name: content
        for name, content in site.files.items()
        if name.startswith(f"{CATALOGUE_FOLDER}/") and isinstance(content, bytes)
    }
    pages = {name: content for name, content in site.files.items() if name not in index}
    return replace(site, files=pages), index


def _publish(root: Path, built: list[Built], offline: bool, planned: Plan) -> None:
    """Compose site/ (and the offline zip, and each course's SCORM package) in staging, then
    replace site/."""
    by_variant = {
        variant: [b for b in built if b.variant == variant] for variant in variants_of(offline)
    }
    epoch, index = built[0].target.epoch, planned.catalogue_index
    with staging(root) as stage:
        online = by_variant["online"]
        compose(online[0], online[1:], stage / SITE_DIR, epoch, index)
        if offline:
            bundle = by_variant["offline"]
            compose(bundle[0], bundle[1:], stage / OFFLINE_DIR, epoch, index)
            write_bundle(stage / OFFLINE_DIR, stage / SITE_DIR / OFFLINE_ZIP, epoch)
            scorm.write_packages(stage / OFFLINE_DIR, stage / SITE_DIR, planned.courses)
        replace_tree(stage / SITE_DIR, root / SITE_DIR)


def _say_waiting() -> None:
    print(
        "這個專案已有另一個 coursegen build 正在執行；等它結束後再開始建置……",
        file=sys.stderr,
        flush=True,
    )


def _progress(outcome: Outcome, done: int, total: int) -> None:
    """One line per site as it is done (on stderr: stdout holds the result)."""
    name = "課程目錄" if outcome.name == CATALOGUE else outcome.name
    if outcome.failures:
        state = "建置失敗"
    elif outcome.missing:
        state = "尚未建置"
    elif any(b.rebuilt for b in outcome.built):
        state = "已建置"
    else:
        state = "未變更，沿用"
    print(f"[{done}/{total}] {name}：{state}", file=sys.stderr, flush=True)


def _say_courses_built(root: Path, built: list[Built]) -> None:
    for item in built:
        state = "已建置" if item.rebuilt else "未變更，沿用"
        print(f"{state} {item.target.name}（{item.variant}）：{item.out.relative_to(root)}")
    print("site/ 未更新：全部課程建置後，執行 coursegen build --catalogue-only 組成網站。")


def _missing(codes: list[str]) -> int:
    print(
        "網站建置失敗：這些課程還沒建置，或內容在建置後改過："
        f"{'、'.join(codes)}。請先執行 coursegen build --course <代碼>（或不加參數的 "
        "coursegen build）。site/ 維持原樣。",
        file=sys.stderr,
    )
    return EXIT_CONTENT


def _failed(reason: str) -> int:
    print(f"網站建置失敗：{reason}\nsite/ 維持原樣。", file=sys.stderr)
    return EXIT_CONTENT
