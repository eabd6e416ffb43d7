"""Input the importer cannot make sense of: a clear message, exit 1, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import SEEDS

SEED = SEEDS / "KPS5220-005v2.txt"


def _run_import(
    tmp: Path, source: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, str]:
    code = main(["import", str(source), "--output-dir", str(tmp / "out"), *extra])
    return code, capsys.readouterr().err


def _written(tmp: Path) -> list[Path]:
    out = tmp / "out"
    return sorted(out.iterdir()) if out.exists() else []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "檔案是空的"),
        (b"   \n\n  \n", "檔案是空的"),
        ("今天天氣很好。\n我們去公園散步。\n".encode(), "不像是 iCAP 職能基準"),
        ("職能基準代碼\t\tX\n工作描述\t\t說明\n基準級別\t\t2\n".encode(), "找不到職能內涵表格"),
        (
            "主要職責\t工作任務\t工作產出\t行為指標\t職能級別\t知識\t技能\n\t\t\t\t\t\t\n\t\t\t\t\t\t\n".encode(),
            "沒有任何主要職責",
        ),
        ("小型汽車職能基準\n主要職責\t工作任務\n".encode("big5"), "檔案是 Big5 編碼"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二進位檔"),
    ],
    ids=["empty", "blank", "prose", "no-table", "no-duties", "big5", "binary"],
)
def test_refused_with_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    code, err = _run_import(tmp_path, source, capsys)
    assert code == 1
    assert err.startswith(f"{source}")
    assert message in err
    assert "Traceback" not in err
    assert _written(tmp_path) == []


def test_task_without_duty_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SEED.read_text("utf-8").replace("T1 小型汽車售後服務接待助理前置準備作業", "")
    source = tmp_path / "no-duty.txt"
    source.write_text(text, "utf-8")
    code, err = _run_import(tmp_path, source, capsys)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "T1.1應用服務流程" in row)
    assert code == 1
    assert f"{source}:{line}: 錯誤：這一列的工作任務前面沒有任何主要職責" in err
    assert _written(tmp_path) == []


def test_existing_yaml_is_kept_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "KPS5220-005v2.yaml"
    target.parent.mkdir()
    target.write_text("# 講師自己改過的檔案\n", "utf-8")
    code, err = _run_import(tmp_path, SEED, capsys)
    assert code == 1
    assert "已存在" in err and "--force" in err
    assert target.read_text("utf-8") == "# 講師自己改過的檔案\n"

    code, _ = _run_import(tmp_path, SEED, capsys, "--force")
    assert code == 0
    assert target.read_text("utf-8").startswith("# KPS5220-005v2")
    assert _written(tmp_path) == [target]  # no temporary file left behind


def test_one_bad_file_does_not_stop_the_good_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", "utf-8")
    code = main(["import", str(bad), str(SEED), "--output-dir", str(tmp_path / "out")])
    assert code == 1
    assert [p.name for p in _written(tmp_path)] == ["KPS5220-005v2.yaml"]


def test_two_files_of_one_standard_overwrite_neither(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import a b --force` with the same code in both: which one was meant is unknown."""
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_bytes(SEED.read_bytes())
    second.write_bytes(SEED.read_bytes().replace("接待".encode(), "服務".encode(), 1))
    target = tmp_path / "out" / "KPS5220-005v2.yaml"
    target.parent.mkdir()
    target.write_text("# 講師自己改過的檔案\n", "utf-8")
    code = main(["import", str(first), str(second), "--force", "--output-dir", str(target.parent)])
    err = capsys.readouterr().err
    assert code == 1
    for source in (first, second):
        assert f"{source}: 錯誤：這次匯入的 {first}、{second} 都是職能基準 KPS5220-005v2" in err
    assert target.read_text("utf-8") == "# 講師自己改過的檔案\n"
    assert _written(tmp_path) == [target]


def test_missing_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run_import(tmp_path, tmp_path / "nowhere.txt", capsys)
    assert code == 1
    assert "無法讀取檔案" in err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["import"])
    assert exit_info.value.code == 2


def test_an_unwritable_output_folder_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be", "utf-8")
    code, err = _run_import(tmp_path, SEED, capsys)
    assert code == 1
    assert f"{SEED}: 錯誤：無法寫入 {blocker}/KPS5220-005v2.yaml" in err
    assert "Traceback" not in err
    assert blocker.read_text("utf-8") == "a file where the folder should be"
