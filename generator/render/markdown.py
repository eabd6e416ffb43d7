"""Page data -> Markdown through the Jinja2 templates in ``generator/templates``.

The environment escapes every ``{{ value }}`` for Markdown and HTML (``finalize``), so a
template cannot forget to; only ``Trusted`` values, built here from codes and escaped texts,
pass through as they are.

What the generator makes itself in bulk (the quiz forms, the matrix, the trainers' tables and
lists) is written as HTML, which Python-Markdown passes through (no ``markdown`` attribute):
parsing it as Markdown was most of MkDocs' time on those pages (issue 27,
``python -m benchmarks.markdown_pages``). Markdown stays where it earns its cost: headings (the
table of contents, permalinks), a trainer's own text, and links MkDocs should check. Links
inside the HTML are page addresses (``built_url``); ``tests/site/test_links.py`` checks them.
"""

from __future__ import annotations

import json
from functools import cache
from urllib.parse import urlsplit

import jinja2
from markupsafe import escape

from generator.model import level_range
from generator.readiness import Report
from generator.render.escape import Trusted, finalize, md, slug
from generator.render.pages import (
    CataloguePage,
    CoursePage,
    ItemsPage,
    MatrixPage,
    ModulePage,
    Ref,
)
from generator.render.quiz import CoveragePage, QuizPage


def _yaml_string(*parts: str) -> Trusted:
    """A page title for the front matter: HTML-escaped (Material prints titles as HTML), quoted.

    ``parts`` are joined with spaces. JSON's string syntax is a subset of YAML's double-quoted
    scalars.
    """
    return Trusted(json.dumps(md(" ".join(parts)), ensure_ascii=False))


def _anchor(code: str) -> Trusted:
    return Trusted(slug(code))


def _link(ref: Ref) -> Trusted:
    """``[code name](href)``, or ``code name`` when the thing has no page to link to."""
    text = f"{md(ref.code)} {md(ref.name)}"
    return Trusted(f"[{text}]({ref.href})" if ref.href else text)


def built_url(href: str) -> Trusted:
    """A link of a course's page (``T2.md#T2.1``, ``index.md``, ``files/a.csv``) for raw HTML.

    MkDocs turns ``.md`` targets into page addresses in Markdown links only, so the pages
    written as HTML (quizzes, matrix, the trainers' tables) link to the address itself. With
    ``use_directory_urls`` (mkdocs.yml) ``T2.md`` is served at ``T2/`` and ``index.md`` at its
    folder; these pages are all in the course's folder and none is its home, so every target
    is one folder up. Fragments, web addresses and empty targets stay as they are. The result
    is escaped for an attribute (``&`` of a query).
    """
    if not href or href.startswith("#") or urlsplit(href).scheme:
        return Trusted(escape(href))
    path, hash_mark, fragment = href.partition("#")
    if path.endswith(".md"):
        folder, _, stem = path[: -len(".md")].rpartition("/")
        path = "/".join(part for part in (folder, "" if stem == "index" else stem) if part)
        path += "/" if path else ""
    return Trusted(escape(f"../{path}{hash_mark}{fragment}"))


def _html_link(ref: Ref) -> Trusted:
    """``<a href="…">code name</a>`` (see ``built_url``), or ``code name`` without a page."""
    text = f"{md(ref.code)} {md(ref.name)}"
    return Trusted(f'<a href="{built_url(ref.href)}">{text}</a>' if ref.href else text)


def _level(value: int | tuple[int, ...] | None) -> str:
    """A level, or a task's levels: 「級別 4」, 「級別 3–4」 (rows of two levels), 「未定級別」."""
    levels = value if isinstance(value, tuple) else () if value is None else (value,)
    return f"級別 {level_range(levels)}" if levels else "未定級別"


def _size(count: int) -> str:
    """A file's size as people read it: 812 位元組, 41 KB, 1.2 MB."""
    if count < 1024:
        return f"{count} 位元組"
    if count < 1024 * 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count / 1024 / 1024:.1f} MB"


def _hours(value: float) -> str:
    """3.0 -> "3", 4.5 -> "4.5"."""
    return f"{value:g}"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        # finalize escapes every value, for Markdown and HTML both (Jinja's HTML autoescaping
        # would escape it twice). Page data holds each text ready to print.
        autoescape=False,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        # A block tag that ends a line of text would take that line's break with it:
        # such tags are written ``{% endfor +%}`` in the templates.
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml_string"] = _yaml_string
    env.filters["anchor"] = _anchor
    env.filters["hours"] = _hours
    env.filters["size"] = _size
    env.filters["link"] = _link
    env.filters["html_link"] = _html_link
    env.filters["url"] = built_url
    env.filters["level"] = _level
    return env


def compile_templates() -> None:
    """Compile every template now (a forked worker then starts with them compiled)."""
    env = environment()
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)


def _render(template: str, **data: object) -> str:
    """A page as the template writes it: its whitespace is the template's own, so a trainer's
    Markdown inside it (hard line breaks, code, tables) arrives byte for byte."""
    return environment().get_template(template).render(**data)


def catalogue_markdown(page: CataloguePage) -> str:
    return _render("catalogue.md.j2", page=page)


def course_markdown(page: CoursePage) -> str:
    return _render("course.md.j2", page=page)


def about_markdown(page: CoursePage) -> str:
    return _render("about.md.j2", page=page)


def module_markdown(page: ModulePage) -> str:
    return _render("module.md.j2", page=page)


def items_markdown(page: ItemsPage) -> str:
    return _render("items.md.j2", page=page)


def kit_markdown(template: str, page: object) -> str:
    """A page of the assessment kit: checklists, mapping, answer-key or exports."""
    return _render(f"kit-{template}.md.j2", page=page)


def readiness_markdown(report: Report) -> str:
    return _render("readiness.md.j2", page=report)


def coverage_markdown(page: CoveragePage) -> str:
    return _render("coverage.md.j2", page=page)


def quiz_markdown(page: QuizPage) -> str:
    return _render("quiz.md.j2", page=page)


def matrix_markdown(page: MatrixPage) -> str:
    return _render("matrix.md.j2", page=page)
