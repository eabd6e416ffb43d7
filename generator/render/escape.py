"""Text from a standard is data, not markup: escape it for Markdown and HTML alike.

Every character that Markdown, its extensions or HTML could read as syntax becomes a numeric
character reference (``*`` -> ``&#42;``). References mean the same in Markdown text, in a table
cell, in a raw HTML block and in an attribute value, so one function serves all of them, and the
browser shows the original character. Letters, digits, CJK text and harmless punctuation pass
through, so the generated Markdown stays readable.
"""

from __future__ import annotations

import re

from markupsafe import Markup

# Markdown inline syntax (* _ ` [ ] \ ! for images), attr_list ({ }), tables (|), headings (#),
# HTML (< > & " '), and the pymdown extensions that use ~ ^ = + : $ should any be enabled later.
_SYNTAX = "\\`*_{}[]<>&|#~^=+:$!\"'"
_REFERENCES = {ord(c): f"&#{ord(c)};" for c in _SYNTAX}
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")
# Most texts need neither change; finding that out by one scan is ten times faster than both.
_ANY_CHANGE = re.compile(f"[{re.escape(_SYNTAX)}\r\n\u2028\u2029]")


def md(text: str) -> str:
    """``text`` as inline Markdown (also valid inside HTML and attribute values) showing as is.

    Line breaks become single spaces: a page reflows text anyway, and a newline inside a table
    cell or list item would end it.
    """
    if _ANY_CHANGE.search(text) is None:
        return text
    return _LINE_BREAKS.sub(" ", text).translate(_REFERENCES)


def slug(code: str) -> str:
    """A code as a URL path segment or HTML id: codes are ASCII letters, digits, ``.`` and ``-``.

    Anything else (which validation does not allow in codes) is replaced, never passed through.
    """
    return re.sub(r"[^A-Za-z0-9.-]", "-", code)


_NOT_IN_SEGMENT = re.compile(r"[^\w.-]+")


def url_segment(name: str) -> str:
    """A trainer's or a standard's name as one URL path segment, readable in any script.

    Letters and digits of every script (個案 stays 個案), ``.``, ``-`` and ``_`` are kept; any
    other run (spaces, ``#``, ``?``, ``/``…) becomes one ``-``; leading dots go, so that no name
    means "this folder" or "the one above". Two names can still meet (``a b`` and ``a-b``):
    callers check for that and name both files.
    """
    return _NOT_IN_SEGMENT.sub("-", name).lstrip(".") or "-"


class Trusted(Markup):
    """Markup built by the generator itself (links made from codes): written out unescaped."""

    __slots__ = ()


def finalize(value: object) -> str:
    """Jinja ``finalize``: every ``{{ value }}`` a template writes is escaped with ``md``.

    ``Trusted`` values (links and attributes built from codes) pass through as they are.
    """
    if isinstance(value, Markup):
        return value
    return md("" if value is None else str(value))
