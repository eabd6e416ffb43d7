"""What a build makes: one MkDocs site (a target) per course, plus the catalogue's.

Why: a single MkDocs site of every course carries the whole navigation on every page and one
search index for everything, so its build time and its pages grow faster than the catalogue.
Here each course is a site of its own (its pages, its nav, its search index), published under
``site/<code>/``; the catalogue home and the trainer's guide are one more small site at the top.

A target's folder (``build/courses/<code>/`` or ``build/catalogue/``)::

    docs/ search_terms.txt mkdocs.yml         online build input
    offline/docs/ offline/mkdocs.yml          input of the file:// variant (--offline)
    out/online/  out/online.json              last output; the hashes of its inputs and source
    out/offline/ out/offline.json
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import yaml

from generator.course import Course
from generator.model import Standard
from generator.publish.paths import CATALOGUE, CONFIG_FILE, COURSES, OFFLINE_DIR, OUT
from generator.render.escape import slug

Variant = Literal["online", "offline"]


@dataclass(frozen=True)
class Target:
    """One MkDocs site to build: a course or the catalogue; where its input and output go.

    Its pages (a ``render.site.Site``) are rendered and written separately: a job holds them
    only until they are written, and reusing an unchanged course needs no pages at all.
    """

    name: str  # the course's code, or CATALOGUE
    folder: Path  # build/courses/<code>/ or build/catalogue/
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
        base = self.folder if variant == "online" else self.folder / OFFLINE_DIR
        return base / CONFIG_FILE


@dataclass(frozen=True)
class Built:
    """A target's output of one variant, built now or reused."""

    target: Target
    variant: Variant
    out: Path
    assets: str  # digest of the theme files this output was built with
    rebuilt: bool


def variants_of(offline: bool) -> tuple[Variant, ...]:
    return ("online", "offline") if offline else ("online",)


# The latest time a sitemap's gzip header (32 bits) and a zip entry can hold: early 2106.
MAX_EPOCH = 2**32 - 1


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
    return str(min(int(newest.timestamp()), MAX_EPOCH))  # a version dated 9999-12-31 is valid


def course_url(site_url: str | None, code: str) -> str | None:
    if not site_url:
        return None
    return f"{site_url.rstrip('/')}/{slug(code)}/"


def course_target(build: Path, course: Course, url: str | None) -> Target:
    code = course.standard.code
    return Target(
        name=code,
        folder=build / COURSES / slug(code),
        place=f"{slug(code)}/",
        epoch=source_date_epoch((course.standard,)),
        site_url=course_url(url, code),
        homepage={"online": "../", "offline": "../index.html"},
    )


def catalogue_target(build: Path, courses: tuple[Course, ...], url: str | None) -> Target:
    return Target(
        name=CATALOGUE,
        folder=build / CATALOGUE,
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
