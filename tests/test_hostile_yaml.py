"""Hostile or careless YAML in any file a trainer writes: always a message with file and line in
Traditional Chinese, never a traceback, a MemoryError or a crash (issue 17: 5 and 6)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.diagnostics import ContentError
from generator.load import load_standard
from generator.project import load_project
from generator.validate import check_standard
from tests.conftest import STANDARDS

CODE = "KPS5220-005v2"
SEED_TEXT = (STANDARDS / f"{CODE}.yaml").read_text("utf-8")
FILES = (
    f"content/standards/{CODE}.yaml",
    f"site_overrides/{CODE}/course.yml",
    f"quizzes/{CODE}.yaml",
)

_LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else 'x'}]\n"
    for prev, name in zip(["", "a", "b", "c", "d", "e", "f"], "abcdefg", strict=True)
)
HOSTILE = {
    "unknown-tag": ("title: !foo 課程\n", "不支援的 YAML 標記「!foo」"),
    "python-tag": (
        "title: !!python/name:os.system x\n",
        "不支援的 YAML 標記「!!python/name:os.system」",
    ),
    "binary": ("title: !!binary aGVsbG8=\n", "不支援的 YAML 標記「!!binary」"),
    "alias-bomb": (_LAUGHS, "別名"),
    "deep": ("title: " + "[" * 10_000 + "]" * 10_000 + "\n", "巢狀層數超過"),
    "tab": ("title:\n\tname: 課程\n", "不能用 Tab 縮排"),
    "colon": ("title: 課程: 第一版\n", "請用引號括起來"),
    "quote": ('title: "課程\n', "引號沒有成對"),
    "bad-int": ("title: !!int 課程\n", "不能當作 int 讀取"),
}


def _project(root: Path, file: str, text: str) -> Path:
    (root / "content" / "standards").mkdir(parents=True)
    shutil.copy(STANDARDS / f"{CODE}.yaml", root / "content" / "standards")
    (root / file).parent.mkdir(parents=True, exist_ok=True)
    (root / file).write_text(text, "utf-8")
    return root


@pytest.mark.parametrize("file", FILES)
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_yaml_is_a_message(in_tmp: Path, file: str, case: str) -> None:
    text, words = HOSTILE[case]
    project = load_project(_project(in_tmp, file, text))
    found = [d for d in project.diagnostics if words in d.message]
    assert found, [str(d) for d in project.diagnostics]
    assert all(d.file == file and d.line for d in found)
    assert not any(word in d.message for d in found for word in ("found", "expected", "while"))


def test_a_hundred_thousand_levels_do_not_crash_validate(tmp_path: Path) -> None:
    root = _project(tmp_path, FILES[2], "add: " + "[" * 100_000 + "\n")
    run = subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert f"{FILES[2]}:1: 錯誤：YAML 巢狀層數超過" in run.stderr
    assert "Traceback" not in run.stderr


def test_an_impossible_version_date_is_an_error(tmp_path: Path) -> None:
    text = SEED_TEXT.replace("date: 2025-12-15", "date: 2025-02-30")
    project = load_project(_project(tmp_path, FILES[0], text))
    [error] = [d for d in project.diagnostics if "2025-02-30" in d.message]
    assert "發展更新日期 2025-02-30 不是真的日期" in error.message and error.line
    assert not project.courses  # so the build never reaches it


def test_a_code_ending_in_a_newline_breaks_its_pattern(tmp_path: Path) -> None:
    old = "- {code: K12, name: 個人資料保護法}"
    assert old in SEED_TEXT
    text = SEED_TEXT.replace(old, '- {code: "K12\\n", name: 個人資料保護法}')
    project = load_project(_project(tmp_path, FILES[0], text))
    assert any("格式不正確" in d.message for d in project.diagnostics)
    assert not project.courses


_YAML_PIECES = st.sampled_from(
    [
        *SEED_TEXT.splitlines(keepends=True)[:60],
        "- ",
        ": ",
        "&a ",
        "*a ",
        "!!binary ",
        "!foo ",
        "[",
        "]",
        "{",
        "}",
        "\t",
        '"',
        "'",
        "\n",
        "  ",
        "? ",
        "|\n",
        "%YAML 1.1\n",
        "---\n",
        "code: K01\n",
        "2025-02-30",
        "\ufeff",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(_YAML_PIECES, max_size=80))
def test_random_and_hostile_yaml_never_raises_anything_else(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[str]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"{CODE}.yaml"
    path.write_text("".join(pieces), "utf-8")
    try:
        standard, located = load_standard(path, "x.yaml")
        check_standard(standard, located, "x.yaml")
    except ContentError as exc:
        assert exc.diagnostics and all(d.file == "x.yaml" for d in exc.diagnostics)
