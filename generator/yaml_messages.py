"""YAML mistakes told in Traditional Chinese, at the line where the trainer made them.

Trainers type YAML with a Chinese input method, so the commonest mistake is a full-width colon
(「：」) or space (U+3000) where YAML needs ASCII ones. The parser then complains lines later
(「did not find expected <document start>」 at the next key); the line it was scanning when the
trouble began is the one to name, and a full-width character there is named as the likely cause.
"""

from __future__ import annotations

import re

import yaml

from generator.diagnostics import Diagnostic

_KEY = r"^[ \t\u3000]*(?:-[ \t]+)?[A-Za-z_][\w.\-/]*"
_FULL_WIDTH = (
    (
        re.compile(_KEY + r"[ \t\u3000]*："),
        "欄位名稱後面是全形冒號「：」，YAML 要用半形冒號加空格「: 」。",
    ),
    (re.compile(_KEY + r":\u3000"), "冒號後面是全形空格，YAML 要用半形空格「: 」。"),
    (re.compile(r"^[ \t]*\u3000"), "縮排用了全形空格，YAML 只能用半形空格縮排。"),
)

_FIX = "請改用半形字元後再試。"

# PyYAML's problems, as a trainer would understand them.
_PROBLEMS = (
    ("could not find expected ':'", "這一行應寫成「欄位: 值」，但找不到半形冒號「:」"),
    (
        "mapping values are not allowed",
        "這裡不能出現「: 」（冒號加空格）：值裡有冒號時請用引號括起來，或檢查縮排",
    ),
    ("did not find expected <document start>", "這一行不屬於任何欄位：可能是縮排不對或少了冒號"),
    ("did not find expected key", "縮排不一致：同一層的欄位要對齊"),
    ("did not find expected '-' indicator", "清單的每一項都要以「- 」開頭並對齊"),
    (
        "did not find expected ',' or ']'",
        "方括號清單沒有正確結束：項目之間用半形逗號「,」分隔，最後加上「]」",
    ),
    (
        "did not find expected ',' or '}'",
        "大括號沒有正確結束：項目之間用半形逗號「,」分隔，最後加上「}」",
    ),
    ("expected ',' or ']'", "方括號清單沒有正確結束：項目之間用半形逗號「,」分隔，最後加上「]」"),
    ("expected ',' or '}'", "大括號沒有正確結束：項目之間用半形逗號「,」分隔，最後加上「}」"),
    ("found unexpected end of stream", "引號沒有成對：字串少了結尾的引號"),
    ("found character '\\t' that cannot start any token", "不能用 Tab 縮排，請改用空格"),
    ("found a tab character", "不能用 Tab 縮排，請改用空格"),
    ("found unknown escape character", "雙引號字串裡的反斜線「\\」要寫成「\\\\」，或改用單引號"),
    ("found undefined alias", "「*」開頭的值在 YAML 有特別意思，請用引號括起來"),
    ("found character that cannot start any token", "這個字元不能放在值的開頭，請用引號括起來"),
    ("expected <block end>", "縮排不一致：同一層的欄位要對齊"),
    ("found duplicate anchor", "錨點（&名稱）重複定義"),
)


_BEGINNINGS = ("simple key", "flow", "quoted scalar")


def full_width_problems(text: str, file: str) -> list[Diagnostic]:
    """Every line where a full-width colon or space stands where YAML needs an ASCII one."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        said = next((message for pattern, message in _FULL_WIDTH if pattern.match(line)), None)
        if said:
            found.append(Diagnostic(file, number, f"{said}{_FIX}"))
    return found


def syntax_problems(exc: yaml.MarkedYAMLError, text: str, file: str) -> list[Diagnostic]:
    """A YAML syntax error in Chinese: full-width characters first, else PyYAML's, translated."""
    # The context ("while scanning a simple key", "… a flow sequence", "… a quoted scalar")
    # marks where the unfinished thing began: the line to fix, not where the parser gave up.
    began = exc.context and any(w in exc.context for w in _BEGINNINGS)
    mark = (exc.context_mark if began else None) or exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    # A mistake comes before the place where the parser stumbles over it.
    stumbled = exc.problem_mark.line + 1 if exc.problem_mark else line
    found = [
        d for d in full_width_problems(text, file) if not stumbled or (d.line or 0) <= stumbled
    ]
    if found:
        return found
    problem = exc.problem or exc.context or ""
    if "cannot start any token" in problem and _char_at(text, exc.problem_mark) == "\t":
        problem = "found a tab character"  # libyaml does not name the character, PyYAML does
    said = next((chinese for english, chinese in _PROBLEMS if english in problem), None)
    if said:
        return [Diagnostic(file, line, f"YAML 語法錯誤：{said}。")]
    return [Diagnostic(file, line, "YAML 語法錯誤：無法解析這一段。請檢查縮排、冒號與引號。")]


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    """The character a parser's mark points at ("" past the end or without a mark)."""
    if mark is None:
        return ""
    lines = text.splitlines()
    if mark.line >= len(lines):
        return ""
    line = lines[mark.line]
    return line[mark.column] if mark.column < len(line) else ""


def full_width_key(key: str, line: int, file: str) -> Diagnostic | None:
    """A key holding a full-width colon or space: most likely a mistyped separator."""
    if "：" not in key and "\u3000" not in key:
        return None
    return Diagnostic(
        file,
        line,
        f"欄位「{key.strip()}」含有全形的冒號或空格，"
        f"YAML 要用半形冒號加空格「: 」，縮排也只能用半形空格。{_FIX}",
    )
