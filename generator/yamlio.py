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

# Limits a trainer's file never comes near, so that a hostile one ends in a message instead of
# a traceback, a MemoryError or a crash: text size, nesting depth and values after aliases.
MAX_CHARS = 20_000_000
MAX_DEPTH = 50
MAX_VALUES = 500_000
# The only tags the formats use: YAML's core types, written or implied.
_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)


def read_yaml(text: str, file: str) -> Located:
    """Parse ``text``; raise ContentError naming the file and line of any syntax problem, of a
    tag the formats do not use, or of a file too large, too deep or expanding too much."""
    if len(text) > MAX_CHARS:
        raise ContentError([Diagnostic(file, None, f"檔案太大（超過 {MAX_CHARS:,} 字元）。")])
    try:
        _check_events(text, file)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        raise ContentError(syntax_problems(exc, text, file)) from None
    except yaml.YAMLError:
        raise ContentError(
            [Diagnostic(file, None, "YAML 語法錯誤：無法解析。請檢查縮排、冒號與引號。")]
        ) from None
    if isinstance(node, yaml.ScalarNode) and full_width_problems(text, file):
        # "title：課程" alone is one string, not a key: the colon is the mistake.
        raise ContentError(full_width_problems(text, file))
    lines: dict[Path, int] = {}
    problems: list[Diagnostic] = []
    budget = [MAX_VALUES]
    data = _convert(node, (), lines, problems, file, budget) if node is not None else None
    if problems:
        raise ContentError(problems)
    return Located(data, lines)


def _check_events(text: str, file: str) -> None:
    """Depth and tags, checked on the parser's events before any tree is built (a tree 100,000
    levels deep would crash the composer)."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        line = event.start_mark.line + 1 if event.start_mark else None
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and _full_tag(tag) not in ALLOWED_TAGS:
            raise ContentError(
                [
                    Diagnostic(
                        file,
                        line,
                        f"不支援的 YAML 標記「{_short_tag(tag)}」：這裡只能寫文字、數字、日期、"
                        "清單與欄位，請刪除這個標記（若是文字的一部分，請用引號括起來）。",
                    )
                ]
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise ContentError(
                    [Diagnostic(file, line, f"YAML 巢狀層數超過 {MAX_DEPTH} 層，不像是課程檔案。")]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _full_tag(tag: str) -> str:
    return _CORE + tag[2:] if tag.startswith("!!") else tag


def _short_tag(tag: str) -> str:
    """As the trainer wrote it: 「!!binary」, not 「tag:yaml.org,2002:binary」."""
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


def _convert(
    node: yaml.Node,
    path: Path,
    lines: dict[Path, int],
    problems: list[Diagnostic],
    file: str,
    budget: list[int],
) -> Any:
    budget[0] -= 1
    if budget[0] < 0:  # aliases (*name) repeating a large value: an "alias bomb"
        raise ContentError(
            [
                Diagnostic(
                    file,
                    node.start_mark.line + 1,
                    f"YAML 別名（&名稱、*名稱）展開後超過 {MAX_VALUES:,} 個值，不像是課程檔案。",
                )
            ]
        )
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, problems, file)
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
            result[key] = _convert(value_node, (*path, key), lines, problems, file, budget)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(child, (*path, i), lines, problems, file, budget)
            for i, child in enumerate(node.value)
        ]
    return _scalar(node, problems, file)


def _scalar(node: yaml.Node, problems: list[Diagnostic], file: str) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return None
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value
    try:
        return _SCALARS.construct_object(node)
    except (yaml.YAMLError, ValueError, TypeError):  # e.g. !!int on a word
        tag = node.tag.removeprefix(_CORE)
        problems.append(
            Diagnostic(file, node.start_mark.line + 1, f"「{node.value}」不能當作 {tag} 讀取。")
        )
        return None


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
