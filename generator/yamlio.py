"""YAML in and out: plain data with the source line of every value, and a canonical dump.

Reading composes PyYAML's node tree and converts it ourselves, so that every value keeps the
line it came from (for messages such as ``X.yaml:42: …``) and duplicate keys are reported
instead of silently dropped. Dates stay strings, exactly as written.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

import yaml

from generator.diagnostics import ContentError, Diagnostic
from generator.yaml_messages import full_width_key, full_width_problems, syntax_problems

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    """Data read from a YAML file plus the 1-based line of every path into it."""

    data: Any
    lines: dict[Path, int]

    def line(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)


_SCALARS = yaml.SafeLoader("")
# libyaml's parser when PyYAML has it (same nodes and marks, ten times faster).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str, file: str) -> Located:
    """Parse ``text``; raise ContentError naming the file and line of any syntax problem."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        raise ContentError(syntax_problems(exc, text, file)) from None
    except yaml.YAMLError as exc:
        raise ContentError([Diagnostic(file, None, f"YAML 語法錯誤：{exc}")]) from None
    if isinstance(node, yaml.ScalarNode) and full_width_problems(text, file):
        # "title：課程" alone is one string, not a key: the colon is the mistake.
        raise ContentError(full_width_problems(text, file))
    lines: dict[Path, int] = {}
    problems: list[Diagnostic] = []
    data = _convert(node, (), lines, problems, file) if node is not None else None
    if problems:
        raise ContentError(problems)
    return Located(data, lines)


def _convert(
    node: yaml.Node, path: Path, lines: dict[Path, int], problems: list[Diagnostic], file: str
) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            if not isinstance(key, str):
                key = str(key)
            mistyped = full_width_key(key, key_node.start_mark.line + 1, file)
            if mistyped:
                problems.append(mistyped)
            if key in result:
                problems.append(
                    Diagnostic(file, key_node.start_mark.line + 1, f"鍵「{key}」重複出現。")
                )
                continue
            result[key] = _convert(value_node, (*path, key), lines, problems, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(child, (*path, i), lines, problems, file) for i, child in enumerate(node.value)
        ]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return None
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value
    return _SCALARS.construct_object(node)


# --- writing -----------------------------------------------------------------------------


class _CanonicalDumper(yaml.SafeDumper):
    """Block style for structure, flow style for leaves: ``- {code: P1.1.1, text: …}``."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as people write YAML by hand.
        super().increase_indent(flow, False)


def _is_leaf(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    flow = all(_is_leaf(v) for v in data.values())
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    # Short lists of codes stay on one line; long texts (notes) get a line each.
    flow = all(_is_leaf(v) for v in data) and len(", ".join(map(str, data))) <= 80
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_CanonicalDumper.add_representer(dict, _represent_dict)
_CanonicalDumper.add_representer(list, _represent_list)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def dump_yaml(data: Any, header: str = "") -> str:
    """Deterministic YAML text: keys in the given order, Chinese unescaped, no line wrapping."""
    body = yaml.dump(
        _with_dates(data),
        Dumper=_CanonicalDumper,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        indent=2,
    )
    return header + body


def _with_dates(data: Any) -> Any:
    """Write ISO date strings as YAML dates (unquoted); reading gives back the same string."""
    if isinstance(data, dict):
        return {
            k: datetime.date.fromisoformat(v)
            if k == "date" and isinstance(v, str) and _ISO_DATE.fullmatch(v)
            else _with_dates(v)
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_with_dates(v) for v in data]
    return data
