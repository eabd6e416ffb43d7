"""``coursegen export``: the file written where it says, exit codes as the design says."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from generator.cli import main
from generator.export.gift import gift
from generator.quiz.generate import build_bank
from tests.conftest import STANDARDS
from tests.export.conftest import load

CONTENT = STANDARDS.parent
SUFFIXES = {
    "gift": ".gift.txt",
    "moodle-xml": ".moodle.xml",
    "qti21": ".qti21.zip",
    "moodle-competency-csv": ".competencies.csv",
    "case-json": ".case.json",
}


@pytest.mark.parametrize("name", list(SUFFIXES))
def test_default_path_under_build_exports(
    name: str, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = "KPS5294-001v3"
    assert main(["export", code, "--format", name, "--content", str(CONTENT)]) == 0
    target = Path("build") / "exports" / f"{code}{SUFFIXES[name]}"
    assert (in_tmp / target).stat().st_size > 0
    assert str(target) in capsys.readouterr().out
    assert [p.name for p in (in_tmp / target).parent.iterdir()] == [target.name]  # no leftovers


def test_output_option_writes_the_bank(in_tmp: Path) -> None:
    target = in_tmp / "out" / "bank.txt"
    code = "KPS5294-001v3"
    assert (
        main(["export", code, "--format", "gift", "-o", str(target), "--content", str(CONTENT)])
        == 0
    )
    standard = load(code)
    assert target.read_text("utf-8") == gift(standard, build_bank(standard))


def test_unknown_format_is_wrong_usage(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", "KPS5220-005v2", "--format", "gfit", "--content", str(CONTENT)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "gfit" in err and "您是不是要寫 gift" in err
    assert not (in_tmp / "build").exists()


def test_missing_format_is_wrong_usage(in_tmp: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", "KPS5220-005v2", "--content", str(CONTENT)])
    assert exit_.value.code == 2


def test_unknown_code_suggests_the_closest(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "KPS5220-005v3", "--format", "gift", "--content", str(CONTENT)]) == 2
    assert "您是不是要寫 KPS5220-005v2" in capsys.readouterr().err
    assert not (in_tmp / "build").exists()


def test_broken_standard_is_a_content_problem(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    standards = in_tmp / "content" / "standards"
    standards.mkdir(parents=True)
    source = STANDARDS / "KPS5220-005v2.yaml"
    shutil.copy(source, standards / source.name)
    text = (standards / source.name).read_text("utf-8").replace("\nname: ", "\nnmae: ", 1)
    (standards / source.name).write_text(text, "utf-8")
    assert main(["export", "KPS5220-005v2", "--format", "case-json"]) == 1
    assert "KPS5220-005v2.yaml" in capsys.readouterr().err
    assert not (in_tmp / "build").exists()


def test_exported_file_has_the_usual_mode(in_tmp: Path) -> None:
    """0666 less the umask, as any new file, not the 0600 of a private temporary file."""
    previous = os.umask(0o022)
    try:
        assert main(["export", "KPS5220-005v2", "--format", "gift", "--content", str(CONTENT)]) == 0
    finally:
        os.umask(previous)
    target = in_tmp / "build" / "exports" / "KPS5220-005v2.gift.txt"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_output_folder_gets_the_default_name(in_tmp: Path) -> None:
    folder = in_tmp / "lms"
    folder.mkdir()
    code = "KPS5220-005v2"
    argv = ["export", code, "--format", "moodle-xml", "-o", str(folder), "--content", str(CONTENT)]
    assert main(argv) == 0
    assert [p.name for p in folder.iterdir()] == [f"{code}.moodle.xml"]


def test_case_uris_under_the_site_url(in_tmp: Path) -> None:
    code = "KPS5294-001v3"
    argv = ["export", code, "--format", "case-json", "--content", str(CONTENT)]
    assert main([*argv, "--site-url", "https://training.example.org/courses/"]) == 0
    data = json.loads((in_tmp / "build" / "exports" / f"{code}.case.json").read_text("utf-8"))
    uris = [data["CFDocument"]["uri"], *(i["uri"] for i in data["CFItems"])]
    assert all(u.startswith(f"https://training.example.org/courses/{code}/") for u in uris)
