"""Bad input never yields a broken or partial site, nor a traceback; exit codes 0, 1, 2.

Each case breaks one line of a real seed standard (so the expected file and line come from the
input), runs ``coursegen build`` in the project and checks that the previous ``site/`` is
exactly as it was.
"""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.publish import build as build_module
from generator.publish import jobs
from generator.publish.build import build_site
from generator.publish.jobs import Job
from generator.publish.paths import BUILD_DIR, LOCK_FILE

SEED = "KPS5294-001v3.yaml"
SHOWN = f"content/standards/{SEED}"  # as printed: relative to the project folder
Snapshot = dict[str, tuple[str, int]]


def snapshot(folder: Path) -> Snapshot:
    """Every file under ``folder``: its content hash and modification time."""
    return {
        p.relative_to(folder).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def replace_line(path: Path, needle: str, new: str) -> int:
    """Replace the first line containing ``needle`` with ``new``; return its line number."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if needle in line)
    lines[number] = new + "\n"
    path.write_text("".join(lines), "utf-8")
    return number + 1


def _text_edit(needle: str, new: str) -> Callable[[Path], int | None]:
    return lambda path: replace_line(path, needle, new)


def _whole_file(content: bytes) -> Callable[[Path], int | None]:
    def write(path: Path) -> None:
        path.write_bytes(content)

    return write


def _binary(path: Path) -> int:
    """A PNG's first bytes: its first NUL is on line 3 (after "\\x89PNG\\r\\n" and "\\x1a\\n")."""
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return 3


def _big5(path: Path) -> int:
    """The file re-encoded as Big5 (a common legacy encoding in Taiwan): line 1 is a comment."""
    path.write_bytes(path.read_text("utf-8").encode("big5", errors="replace"))
    return 1


def _duplicate_indicator(path: Path) -> int:
    text = path.read_text("utf-8")
    path.write_text(text.replace("{code: P1.1.2,", "{code: P1.1.1,", 1), "utf-8")
    lines = text.splitlines()
    return next(i for i, line in enumerate(lines) if "{code: P1.1.2," in line) + 1


# case -> (break the file and return the line of the problem (None: the whole file),
#          words the message must hold)
CASES: dict[str, tuple[Callable[[Path], int | None], tuple[str, ...]]] = {
    "malformed YAML": (
        _text_edit("name: 準備顧客聯繫工作", "    name: 準備: 顧客聯繫工作"),
        ("YAML",),
    ),
    "wrong type": (_text_edit("level: 2", "level: 二級"), ("級別", "整數")),
    "unknown key": (_text_edit("description:", "descripton: 透過電話方式"), ("description",)),
    "duplicate code": (_duplicate_indicator, ("P1.1.1", "重複")),
    "missing reference": (
        _text_edit("knowledge: [K01, K02, K03, K04, K05, K06]", "        knowledge: [K01, K99]"),
        ("K99",),
    ),
    "not UTF-8": (_big5, ("UTF-8",)),
    "binary": (_binary, ("二進位",)),
    "empty": (_whole_file(b""), ("空的",)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_content_stops_the_build_and_keeps_the_previous_site(
    project: Path, case: str, capfd: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project / "site")
    breaker, words = CASES[case]
    line = breaker(project / SHOWN)
    assert main(["build", "--offline"]) == 1
    err = capfd.readouterr().err
    where = f"{SHOWN}:{line}: 錯誤：" if line else f"{SHOWN}: 錯誤："
    assert where in err
    for word in words:
        assert word in err
    assert "Traceback" not in err
    assert snapshot(project / "site") == before
    assert not list((project / BUILD_DIR).glob(".staging-*"))


def test_every_problem_is_listed_not_only_the_first(
    project: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = project / SHOWN
    lines = [
        replace_line(path, "knowledge: [K01, K02, K03, K04, K05, K06]", "        knowledge: [K98]"),
        replace_line(path, "knowledge: [K01, K02, K03, K04, K05, K06]", "        knowledge: [K99]"),
    ]
    assert main(["build"]) == 1
    err = capfd.readouterr().err
    for line, code in zip(lines, ("K98", "K99"), strict=True):
        assert f"{SHOWN}:{line}: 錯誤：" in err
        assert code in err


def test_a_failing_mkdocs_build_keeps_the_previous_site(
    project: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project / "site")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("name: material", "name: no-such-theme"))
    assert main(["build", "--offline"]) == 1
    err = capfd.readouterr().err
    assert "網站建置失敗" in err
    assert "site/ 維持原樣" in err
    assert snapshot(project / "site") == before
    assert not list((project / BUILD_DIR).glob(".staging-*"))


def test_mkdocs_warnings_are_explained_in_chinese_naming_the_trainer_s_file(
    project: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """A link to a place that is not on its page passes validate (which checks that pages and
    files exist) and stops MkDocs' strict build: the English warning gets a Chinese line."""
    code = SEED.removesuffix(".yaml")
    addition = project / "site_overrides" / code / "T1.md"
    addition.parent.mkdir(parents=True, exist_ok=True)
    addition.write_text("## 導入\n\n請先讀[這一段](T2.md#no-such-place)。\n", "utf-8")
    before = snapshot(project / "site")
    assert main(["build"]) == 1
    err = capfd.readouterr().err
    assert "does not contain an anchor '#no-such-place'" in err  # MkDocs' own words stay
    sources = f"content/standards/{SEED}、site_overrides/{code}/T1.md"
    assert f"  → 頁面 T1.md（產生自 {sources}）連到「T2.md#no-such-place」" in err
    assert "嚴格模式下有 1 個警告，所以沒有建置" in err
    assert snapshot(project / "site") == before


def test_a_full_disk_is_said_in_chinese_and_keeps_the_site(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project / "site")

    def full(*_: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", str(project / "build"))

    monkeypatch.setattr(build_module, "_build", full)
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert f"無法寫入 {project / 'build'}：磁碟空間不足，請清出空間後再建置" in err
    assert "Traceback" not in err
    assert snapshot(project / "site") == before


def _killed(job: Job) -> None:
    """A worker that dies as one killed by the system (out of memory, say) would."""
    os._exit(137)


def test_a_worker_that_dies_fails_the_build_clearly_and_keeps_the_site(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project / "site")
    monkeypatch.setattr(jobs, "_run", _killed)
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "工作程序意外結束" in err and "--jobs" in err
    assert "Traceback" not in err
    assert snapshot(project / "site") == before


def test_ctrl_c_stops_the_build_quietly_and_keeps_the_site(project: Path) -> None:
    """The terminal sends Ctrl-C to every process of the build: coursegen says it stopped,
    none of its helper processes prints a traceback or outlives it, site/ is as it was."""
    before = snapshot(project / "site")
    replace_line(project / SHOWN, "level: 2", "level: 3")  # a real edit: its course is rebuilt
    build = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build"],
        cwd=project,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )
    assert build.stderr is not None
    said = [build.stderr.readline()]
    while said[-1] and not said[-1].startswith("[1/"):  # one site built, another building
        said.append(build.stderr.readline())
    os.killpg(build.pid, signal.SIGINT)
    said.append(build.stderr.read())
    assert build.wait(timeout=120) == 130
    err = "".join(said)
    assert "已中斷" in err and "site/ 維持原樣" in err
    assert "Traceback" not in err
    assert snapshot(project / "site") == before
    assert not _group_alive(build.pid)


def _group_alive(group: int, seconds: float = 10) -> bool:
    """Whether a process of ``group`` is still running after ``seconds``."""
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.1)
    return True


def test_a_successful_build_replaces_the_whole_site(project: Path) -> None:
    """Files that the new build does not make (here: the offline zip) do not linger."""
    stale = project / "site" / "stale.html"
    stale.write_text("old", "utf-8")
    assert build_site(project, site_url=None) == 0
    assert not stale.exists()
    assert not (project / "site" / "course-offline.zip").exists()
    assert (project / "site" / "index.html").is_file()
    leftovers = [p.name for p in (project / BUILD_DIR).iterdir() if p.name.startswith(".")]
    assert leftovers == [LOCK_FILE]  # the lock stays (flock needs one file); nothing else


@pytest.mark.parametrize(
    "args",
    [
        ["build", "--site-url", "courses.example.org"],
        ["build", "--site-url", "ftp://courses.example.org/"],
        ["build", "--no-such-option"],
    ],
)
def test_wrong_usage_exits_2(project: Path, args: list[str]) -> None:
    before = snapshot(project / "site")
    with pytest.raises(SystemExit) as stopped:
        main(args)
    assert stopped.value.code == 2
    assert snapshot(project / "site") == before


def test_build_outside_a_project_exits_2(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build"]) == 2
    assert "mkdocs.yml" in capsys.readouterr().err
    assert list(in_tmp.iterdir()) == []


def test_the_installed_command_exits_1_on_bad_content_without_a_traceback(project: Path) -> None:
    replace_line(project / SHOWN, "level: 2", "level: 二級")
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build"],
        capture_output=True,
        text=True,
        check=False,
        cwd=project,
    )
    assert done.returncode == 1
    assert f"{SHOWN}:" in done.stderr
    assert "Traceback" not in done.stderr


def test_site_url_comes_from_mkdocs_yml_unless_given(project: Path) -> None:
    config = project / "mkdocs.yml"
    configured, given = "https://config.example.invalid/c/", "https://given.example.invalid/g/"
    config.write_text(f"{config.read_text('utf-8')}\nsite_url: {configured}\n", "utf-8")
    assert main(["build"]) == 0
    assert f"<loc>{configured}</loc>" in (project / "site" / "sitemap.xml").read_text("utf-8")
    assert main(["build", "--site-url", given]) == 0
    sitemap = (project / "site" / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{given}</loc>" in sitemap
    assert configured not in sitemap


@pytest.mark.parametrize("epoch", ["2025-12-15", "-1", "4294967296"])
def test_a_malformed_source_date_epoch_is_wrong_usage(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], epoch: str
) -> None:
    """Not a count of seconds, or one past what a gzip header holds (early 2106)."""
    before = snapshot(project / "site")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert main(["build"]) == 2
    assert "SOURCE_DATE_EPOCH 應為 0 到 4294967295 之間的整數秒數" in capsys.readouterr().err
    assert snapshot(project / "site") == before


def test_a_version_dated_far_in_the_future_builds(
    project: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """9999-12-31 is a valid date: the site is dated as late as its files can be."""
    path = project / SHOWN
    path.write_text(path.read_text("utf-8").replace("date: 2021-12-31", "date: 9999-12-31"))
    assert main(["build"]) == 0, capfd.readouterr().err
    assert (project / "site" / "sitemap.xml.gz").is_file()
