"""A field far longer than any standard's (a whole document pasted into one cell) is refused at
its line, at once: MkDocs' Markdown takes time in the length times the number of escaped
characters of one paragraph, so a 1 MB description took minutes to build (issue 17, part 8).
Up to the limit, the build stays fast (docs/benchmarks.md, "One very long text")."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import STANDARDS

SEED = "KPS5220-005v2"
DESCRIPTION = "負責小型汽車客戶接待服務，聯繫回廠維修及維護休息室相關作業。"
LONG = ("負責接待*服務*與|聯繫|" * 80_000)[:1_000_000]


def test_a_one_megabyte_description_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    standards = tmp_path / "content" / "standards"
    standards.mkdir(parents=True)
    text = (STANDARDS / f"{SEED}.yaml").read_text("utf-8")
    assert text.count(DESCRIPTION) == 1
    (standards / f"{SEED}.yaml").write_text(text.replace(DESCRIPTION, LONG), "utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if DESCRIPTION in row)
    assert main(["validate", "--content", str(tmp_path / "content")]) == 1
    err = capsys.readouterr().err
    expected = f"content/standards/{SEED}.yaml:{line}: 錯誤：工作描述：有 1,000,000 個字元"
    assert expected in err and "超過上限 50,000 個字元" in err


def test_importing_one_is_refused_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = Path(__file__).parent / "fixtures" / "seeds" / f"{SEED}.txt"
    source = tmp_path / "long.txt"
    source.write_text(seed.read_text("utf-8").replace(DESCRIPTION, LONG, 1), "utf-8")
    out = tmp_path / "out"
    assert main(["import", str(source), "--output-dir", str(out)]) == 1
    assert "超過上限 50,000 個字元" in capsys.readouterr().err
    assert not out.exists() or list(out.iterdir()) == []
