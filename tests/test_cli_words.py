"""The command line speaks Traditional Chinese, argparse's own words included."""

from __future__ import annotations

import re

import pytest

from generator.cli import main

ENGLISH = ("usage:", "options", "positional arguments", "show this help", "error:", "required")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    printed = capsys.readouterr()
    return int(exit_info.value.code or 0), printed.out + printed.err


def test_help_is_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, printed = run(["build", "--help"], capsys)
    assert code == 0
    assert printed.startswith("用法：coursegen build")
    assert "選項:" in printed
    assert re.search(r"-h, --help +顯示這段說明後結束", printed)
    assert not [word for word in ENGLISH if word in printed]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["export", "KPS5220-005v2"], "coursegen export：錯誤：缺少必要的參數：--format"),
        (["bild"], "coursegen：錯誤：參數 指令：無效的選擇：'bild'"),
        (["validate", "--strict"], "coursegen：錯誤：無法辨識的參數：--strict"),
        (["build", "--jobs"], "coursegen build：錯誤：參數 --jobs：需要一個值"),
    ],
)
def test_usage_errors_are_in_chinese(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, printed = run(argv, capsys)
    assert code == 2
    assert expected in printed
    assert printed.startswith("用法：")
    assert not [word for word in ENGLISH if word in printed]
