"""One MkDocs build per course plus one for the catalogue: targets, inputs, cache, run, compose.

Why: a single MkDocs site of every course carries the whole navigation on every page and one
search index for everything, so its build time and its pages grow faster than the catalogue.
Here each course is a site of its own (its pages, its nav, its search index), published under
``site/<code>/``; the catalogue home and the trainer's guide are one more small site at the top.

Layout under ``build/`` (a target is a course or the catalogue)::

    theme/                          site_overrides/ without the courses' folders (custom_dir)
    catalogue/                      the catalogue target
    courses/<code>/                 one course target
      docs/ search_terms.txt mkdocs.yml         online build input
      offline/docs/ offline/mkdocs.yml          input of the file:// variant (--offline)
      out/online/  out/online.json              last output; the hashes of its inputs and source
      out/offline/ out/offline.json

A target is rebuilt only when the hash of everything that goes into it changed: its docs files,
configs, search dictionary, base ``mkdocs.yml``, theme files, date, the versions of MkDocs,
Material, jieba and this package, and the code that post-processes the output. A course is not
even rendered when its *source* (the course as loaded, the package that renders it and the
rest; ``source_hash``) is the one its output was recorded with. So editing one
course rebuilds one course (and the catalogue, which is cheap), and CI shards can build courses
on other machines (``coursegen build --course``) for one job to assemble (``--catalogue-only``).

Every site's theme files (``assets/``: Material's, ours, the trainer's theme folder) are the
same, so a course's output keeps none of them: its pages point one folder up, to the
catalogue's copy (``../assets/…`` becomes ``../../assets/…``), and the assets' digest is stored
and checked against the catalogue's when composing. Its ``404.html`` (absolute links) is dropped:
only the top one is served. The top ``sitemap.xml`` lists the pages of every site.

``site/`` is composed of hard links to the cached outputs (a copy where links are impossible):
cheap even for hundreds of courses. So nothing may write into a composed file in place; what
composing changes (the top sitemap) is replaced, not rewritten.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

import yaml

from generator.course import Course
from generator.model import Standard
from generator.render.escape import slug
from generator.render.site import (
    Site,
    catalogue_site,
    course_site,
    dictionary_text,
    mkdocs_config,
)

Variant = Literal["online", "offline"]
CACHE_FORMAT = "coursegen-site-cache/1"
CATALOGUE = "catalogue"
COURSES = "courses"
OUT = "out"
ASSETS = "assets"
SITEMAP = "sitemap.xml"
CONFIG_FILE = "mkdocs.yml"
DICTIONARY_FILE = "search_terms.txt"
DOCS_DIR = "docs"
SHIM_TARGET = "assets/coursegen/offline/iframe-worker.js"
# What builds a site (MkDocs, Material, jieba) and what renders its pages (this package and the
# libraries it renders with).
_VERSIONED = ("mkdocs", "mkdocs-material", "jieba", "coursegen", "jinja2", "markupsafe", "pyyaml")
# What jieba prints on every start, left out of the report of a failed build.
_JIEBA_CHATTER = ("Building prefix dict", "Loading model", "Prefix dict", "Dumping model")
_MKDOCS_ENV = {"PYTHONHASHSEED": "0", "NO_MKDOCS_2_WARNING": "1"}


class BuildFailed(Exception):
    """A build step failed; the message, in Traditional Chinese, says which and why."""

    def __init__(self, message: str, run: MkDocsRun | None = None) -> None:
        super().__init__(message)
        self.run = run if run is not None else MkDocsRun(0.0, 0.0, 0.0)


@dataclass(frozen=True)
class MkDocsRun:
    """When one MkDocs process ran (``time.monotonic``) and the CPU seconds it used."""

    started: float
    ended: float
    cpu_seconds: float


@dataclass(frozen=True)
class Target:
    """One MkDocs build: a course or the catalogue."""

    name: str  # the course's code, or CATALOGUE
    folder: Path  # build/courses/<code>/ or build/catalogue/
    site: Site
    place: str  # where its output goes in site/: "" (catalogue) or "<code>/"
    epoch: str  # SOURCE_DATE_EPOCH of this build
    site_url: str | None
    homepage: dict[str, str] = field(default_factory=dict)  # variant -> the logo's link

    @property
    def is_course(self) -> bool:
        return bool(self.place)

    def out(self, variant: Variant) -> Path:
        return self.folder / OUT / variant

    def record(self, variant: Variant) -> Path:
        return self.folder / OUT / f"{variant}.json"

    def config(self, variant: Variant) -> Path:
        base = self.folder if variant == "online" else self.folder / "offline"
        return base / CONFIG_FILE


@dataclass(frozen=True)
class Built:
    target: Target
    variant: Variant
    out: Path
    assets: str  # digest of the theme files this output was built with
    rebuilt: bool


# --- planning -------------------------------------------------------------------------------


def source_date_epoch(standards: Iterable[Standard]) -> str:
    """SOURCE_DATE_EPOCH: the environment's, else the newest version date of the standards.

    A date from the content, not the clock, keeps two builds of the same input byte-identical.
    Each course has its own (its standard's date), so a new standard does not change the others.
    """
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given:
        return given
    dates = [v.date for s in standards for v in s.versions if v.date]
    if not dates:
        return "0"
    newest = datetime.strptime(max(dates), "%Y-%m-%d").replace(tzinfo=UTC)
    return str(int(newest.timestamp()))


def course_url(site_url: str | None, code: str) -> str | None:
    if not site_url:
        return None
    return f"{site_url.rstrip('/')}/{slug(code)}/"


def course_place(build: Path, course: Course, url: str | None) -> Target:
    """A course's target without its pages: enough to find, reuse and compose its output."""
    code = course.standard.code
    return Target(
        name=code,
        folder=build / COURSES / slug(code),
        site=Site({}, [], ()),
        place=f"{slug(code)}/",
        epoch=source_date_epoch((course.standard,)),
        site_url=course_url(url, code),
        homepage={"online": "../", "offline": "../index.html"},
    )


def course_target(
    build: Path, course: Course, assets: Mapping[str, bytes], url: str | None
) -> Target:
    """A course's target with its pages rendered."""
    return replace(course_place(build, course, url), site=course_site(course, assets))


def catalogue_target(
    build: Path,
    courses: tuple[Course, ...],
    assets: Mapping[str, bytes],
    guide: str,
    url: str | None,
) -> Target:
    return Target(
        name=CATALOGUE,
        folder=build / CATALOGUE,
        site=catalogue_site(courses, assets, guide),
        place="",
        epoch=source_date_epoch(c.standard for c in courses),
        site_url=url,
    )


class _TagBlindLoader(yaml.SafeLoader):
    """Safe YAML that reads any tag (``!!python/name:…``, ``!ENV``) as null."""


_TagBlindLoader.add_multi_constructor("", lambda _loader, _suffix, _node: None)


def configured_site_url(root: Path) -> str | None:
    """``site_url`` of the base mkdocs.yml (tags such as ``!!python/name`` are ignored)."""
    try:
        data = yaml.load((root / CONFIG_FILE).read_text("utf-8"), Loader=_TagBlindLoader)
    except (OSError, yaml.YAMLError):
        return None
    url = data.get("site_url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url else None


# --- writing a target's input -----------------------------------------------------------------


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` unless the file already holds exactly it; True when written."""
    try:
        if path.read_bytes() == content:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(content)
    temporary.replace(path)
    return True


def sync_tree(folder: Path, files: Mapping[str, bytes]) -> list[str]:
    """Make ``folder`` hold exactly ``files``: write what changed, delete the rest.

    Returns the paths written or deleted, sorted.
    """
    changed = [name for name, content in files.items() if write_if_changed(folder / name, content)]
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and name not in files:
                path.unlink()
                changed.append(name)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return sorted(changed)


def online_config(target: Target, theme: Path, root_base: str) -> str:
    dictionary = target.folder / DICTIONARY_FILE if target.site.search_terms else None
    return mkdocs_config(
        target.site.nav,
        target.site_url,
        str(dictionary.resolve()) if dictionary else None,
        base=root_base,
        custom_dir=str(theme.resolve()),
        excluded=target.site.excluded,
        not_in_nav=target.site.not_in_nav,
        homepage=target.homepage.get("online"),
        site_name=target.site.site_name,
    )


def offline_config(target: Target) -> str:
    """offline/mkdocs.yml: the online config plus what a file:// bundle needs.

    Material's ``offline`` plugin turns off directory URLs and inlines the search index; it
    would load its Worker shim from unpkg.com unless ``extra.polyfills`` already names one, so
    name our vendored copy. Plugins and extra are mappings, so INHERIT merges them.
    """
    extra: dict[str, Any] = {"polyfills": [SHIM_TARGET]}
    if "offline" in target.homepage:
        extra["homepage"] = target.homepage["offline"]
    config = {
        "INHERIT": f"../{CONFIG_FILE}",
        "docs_dir": DOCS_DIR,
        "plugins": {"offline": {}},
        "extra": extra,
    }
    header = "# Generated by `coursegen build --offline`: do not edit. See generator/sites.py.\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def prepare(target: Target, theme: Path, variants: Iterable[Variant], shim: bytes) -> None:
    """Write the target's docs, dictionary and configs (only the files whose bytes changed)."""
    folder = target.folder
    depth = len(folder.relative_to(theme.parent).parts) + 1
    base = "../" * depth + CONFIG_FILE
    sync_tree(folder / DOCS_DIR, target.site.files)
    if target.site.search_terms:
        write_if_changed(
            folder / DICTIONARY_FILE, dictionary_text(target.site.search_terms).encode()
        )
    write_if_changed(folder / CONFIG_FILE, online_config(target, theme, base).encode())
    if "offline" in variants:
        sync_tree(folder / "offline" / DOCS_DIR, {**target.site.files, SHIM_TARGET: shim})
        write_if_changed(target.config("offline"), offline_config(target).encode())


# --- the cache ------------------------------------------------------------------------------


@cache
def _versions() -> tuple[str, ...]:
    found = []
    for name in _VERSIONED:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}==?")
    return (*found, f"python=={sys.version}")


@cache
def _own_code() -> tuple[bytes, ...]:
    """The code that decides what a build makes of its inputs (here and in build.py)."""
    here = Path(__file__).resolve().parent
    return tuple((here / name).read_bytes() for name in ("sites.py", "build.py"))


@cache
def _package_files() -> dict[str, bytes]:
    """Every file of this package (code, templates, CSS and JS): what renders a course."""
    here = Path(__file__).resolve().parent
    return {
        path.relative_to(here).as_posix(): path.read_bytes()
        for path in sorted(here.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def warm_up() -> None:
    """Read the versions and code that every hash includes (before forking workers)."""
    _versions()
    _own_code()
    _package_files()


class _Hash:
    def __init__(self) -> None:
        self._sha = hashlib.sha256()

    def add(self, label: str, content: bytes) -> None:
        for part in (label.encode(), content):
            self._sha.update(len(part).to_bytes(8, "big"))
            self._sha.update(part)

    def tree(self, label: str, files: Mapping[str, bytes]) -> None:
        for name in sorted(files):
            self.add(f"{label}/{name}", files[name])

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


def _settings(
    sha: _Hash, variant: Variant, epoch: str, root: Path, theme: Mapping[str, bytes]
) -> None:
    """What both hashes cover besides the course: versions, variant, date, base config, theme."""
    sha.add("format", CACHE_FORMAT.encode())
    sha.add("versions", "\n".join(_versions()).encode())
    sha.add("variant", variant.encode())
    sha.add("epoch", epoch.encode())
    sha.add("base", (root / CONFIG_FILE).read_bytes())
    sha.tree("theme", theme)


def input_hash(
    target: Target, variant: Variant, root: Path, theme_files: Mapping[str, bytes]
) -> str:
    """The hash of everything that goes into one build of ``target`` (written by ``prepare``)."""
    sha = _Hash()
    _settings(sha, variant, target.epoch, root, theme_files)
    for index, code in enumerate(_own_code()):
        sha.add(f"code{index}", code)
    prefix = str(root.resolve())
    for config in {target.config("online"), target.config(variant)}:
        text = config.read_text("utf-8").replace(prefix, "<root>")
        sha.add(config.relative_to(target.folder).as_posix(), text.encode())
    sha.tree("docs", target.site.files)
    sha.add("dictionary", dictionary_text(target.site.search_terms).encode())
    return sha.hexdigest()


def source_hash(
    course: Course,
    variant: Variant,
    root: Path,
    theme_files: Mapping[str, bytes],
    site_url: str | None,
) -> str:
    """The hash of what a course's build is made from, before anything is rendered.

    The course as loaded (standard, customisation, question bank: its ``repr``, as the model is
    frozen dataclasses of plain values), the package and library versions that render it, and
    what ``input_hash`` covers besides the rendered files. The same source renders the same
    inputs, so an output recorded with it is reused without rendering the course again.
    """
    sha = _Hash()
    _settings(sha, variant, source_date_epoch((course.standard,)), root, theme_files)
    sha.tree("package", _package_files())
    sha.add("url", (course_url(site_url, course.standard.code) or "").encode())
    # The trainer's files (images, handouts) by their bytes; repr would spell them out.
    sha.tree("files", dict(course.custom.files))
    lighter = replace(course, custom=replace(course.custom, files=()))
    sha.add("course", repr(lighter).encode())
    return sha.hexdigest()


def _read_record(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def cached(target: Target, variant: Variant, inputs: str) -> Built | None:
    """The stored output of ``target`` if it was built from exactly these inputs."""
    return _stored(target, variant, "inputs", inputs)


def reusable(target: Target, variant: Variant, source: str) -> Built | None:
    """The stored output of ``target`` if it was made from this source (see ``source_hash``)."""
    return _stored(target, variant, "source", source)


def _stored(target: Target, variant: Variant, key: str, value: str) -> Built | None:
    record = _read_record(target.record(variant))
    if not value or record.get(key) != value or not target.out(variant).is_dir():
        return None
    return Built(target, variant, target.out(variant), record.get("assets", ""), rebuilt=False)


def record_source(target: Target, variant: Variant, source: str) -> None:
    """Note that the stored output of ``target`` is also what ``source`` makes (its inputs
    matched), so that the next build reuses it without rendering."""
    path = target.record(variant)
    record = _read_record(path)
    if source and record and record.get("source") != source:
        path.write_text(json.dumps({**record, "source": source}, indent=1) + "\n", "utf-8")


def tree_digest(folder: Path) -> str:
    sha = _Hash()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            sha.add(path.relative_to(folder).as_posix(), path.read_bytes())
    return sha.hexdigest()


# --- running MkDocs -------------------------------------------------------------------------


def mkdocs_command(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args]


def mkdocs_env(epoch: str) -> dict[str, str]:
    """MkDocs' environment: the build's date; Material's end-of-life banner silenced."""
    return {**os.environ, **_MKDOCS_ENV, "SOURCE_DATE_EPOCH": epoch}


def _run_mkdocs(config: Path, into: Path, epoch: str) -> tuple[bool, str, MkDocsRun]:
    """``mkdocs build --strict``; (succeeded, what it printed, when and at what cost).

    Its CPU time is what this process's finished children used meanwhile: the caller runs one
    MkDocs at a time.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(
        mkdocs_command(["build", "--strict", "-f", str(config), "-d", str(into.resolve())]),
        env=mkdocs_env(epoch),
        capture_output=True,
        text=True,
        check=False,
    )
    ended = time.monotonic()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return done.returncode == 0, done.stdout + done.stderr, MkDocsRun(started, ended, cpu)


def build_target(
    target: Target, variant: Variant, inputs: str, source: str = ""
) -> tuple[Built, MkDocsRun]:
    """Build one target into its cache folder (replaced only on success)."""
    out = target.out(variant)
    fresh = out.with_name(f".{variant}-new")
    shutil.rmtree(fresh, ignore_errors=True)
    ok, printed, run = _run_mkdocs(target.config(variant), fresh, target.epoch)
    if not ok:
        shutil.rmtree(fresh, ignore_errors=True)
        raise BuildFailed(_failure(target, variant, printed), run)
    assets = tree_digest(fresh / ASSETS)
    if target.is_course:
        detach_assets(fresh)
    target.record(variant).unlink(missing_ok=True)
    _replace(fresh, out)
    record = {"inputs": inputs, "assets": assets, **({"source": source} if source else {})}
    target.record(variant).write_text(json.dumps(record, indent=1) + "\n", "utf-8")
    return Built(target, variant, out, assets, rebuilt=True), run


def _failure(target: Target, variant: Variant, printed: str) -> str:
    what = "課程目錄" if not target.is_course else f"課程 {target.name}"
    kind = "（離線版）" if variant == "offline" else ""
    lines = [
        line
        for line in printed.splitlines()
        if not line.startswith(("Building prefix", "Load", "Prefix dict", "Dumping model"))
    ]
    return f"{what}{kind}的 MkDocs 建置失敗：\n" + "\n".join(lines)


def _replace(new: Path, target: Path) -> None:
    old = new.with_name(f"{new.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.replace(old)
    new.replace(target)
    shutil.rmtree(old, ignore_errors=True)


# Relative references to the site's theme files, in attributes and in Material's config JSON.
# The pattern starts at the literal ="/: " and looks behind for the name: several times faster
# over a page than starting with the alternatives.
_ASSET_REFERENCE = re.compile(
    r'(="|: ")(?:(?<=src=")|(?<=href=")|(?<="search": "))((?:\.\./)*)assets/'
)


def detach_assets(folder: Path) -> None:
    """Make a course's output use the catalogue's theme files: one folder up, same names."""
    shutil.rmtree(folder / ASSETS)
    (folder / "404.html").unlink(missing_ok=True)
    for page in sorted(folder.rglob("*.html")):
        html = page.read_text("utf-8")
        page.write_text(_ASSET_REFERENCE.sub(r"\1../\2assets/", html), "utf-8")


# --- composing site/ ------------------------------------------------------------------------


def compose(catalogue: Built, courses: list[Built], into: Path, epoch: str) -> None:
    """``into`` = the catalogue's output with each course's output in its folder."""
    for course in courses:
        if course.assets != catalogue.assets:
            raise BuildFailed(
                f"課程 {course.target.name} 的主題檔與課程目錄不一致"
                "（可能是在不同的設定或版本下建置的）：請重新建置這門課程。"
            )
    shutil.copytree(catalogue.out, into, copy_function=_link_or_copy)
    for course in courses:
        shutil.copytree(course.out, into / course.target.place, copy_function=_link_or_copy)
    if catalogue.variant == "online":
        merge_sitemaps(into, [c.target.place for c in courses], epoch)


def _link_or_copy(source: str, target: str) -> None:
    """A hard link to the cached file (outputs are never changed in place), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


_URL_ENTRY = re.compile(r"\s*<url>.*?</url>", re.DOTALL)


def merge_sitemaps(site: Path, places: list[str], epoch: str) -> None:
    """The top sitemap.xml (and .gz) lists the pages of the catalogue and of every course."""
    top = site / SITEMAP
    if not top.is_file():
        return
    text = top.read_text("utf-8")
    entries = "".join(
        match.group(0)
        for place in places
        if (site / place / SITEMAP).is_file()
        for match in _URL_ENTRY.finditer((site / place / SITEMAP).read_text("utf-8"))
    )
    end = text.rindex("</urlset>")
    merged = f"{text[:end].rstrip()}{entries}\n{text[end:]}"
    # Both files may be hard links to the cached catalogue: replace them, never write into them.
    top.unlink()
    (site / f"{SITEMAP}.gz").unlink(missing_ok=True)
    top.write_text(merged, "utf-8")
    with (
        (site / f"{SITEMAP}.gz").open("wb") as raw,
        gzip.GzipFile(fileobj=raw, filename=f"{SITEMAP}.gz", mode="wb", mtime=int(epoch)) as packed,
    ):
        packed.write(merged.encode("utf-8"))


# --- housekeeping --------------------------------------------------------------------------


def without_pages(target: Target) -> Target:
    """``target`` without its rendered files: all a build needs once its inputs are written."""
    return replace(target, site=replace(target.site, files={}, search_terms=()))


def remove_stale_courses(build: Path, courses: Iterable[Course]) -> None:
    """Delete build/courses/<code>/ of courses no longer in content/."""
    folder = build / COURSES
    names = {slug(c.standard.code) for c in courses}
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.is_dir() and path.name not in names:
                shutil.rmtree(path)


def popen_mkdocs(args: list[str], epoch: str) -> subprocess.Popen[bytes]:
    """A long-running MkDocs command (``serve``), its output going to ours."""
    return subprocess.Popen(mkdocs_command(args), env=mkdocs_env(epoch))
