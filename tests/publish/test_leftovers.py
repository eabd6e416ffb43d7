"""Nothing lost, nothing leaked (issue 17): concurrent builds, killed builds, symbolic links.

Each test runs ``coursegen build`` as a user or a pipeline does, in a copy of a built project.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from generator.publish.paths import BUILD_DIR, LOCK_FILE
from tests.publish.test_safe_build import snapshot
from tests.site.conftest import SEED_CONTENT, make_project

CODE = "KPS5294-001v3"
COMMAND = [sys.executable, "-m", "generator.cli", "build"]


def _line_within(stream: object, seconds: float) -> str:
    """The next line of a child's stderr, or "" if none comes in time."""
    assert hasattr(stream, "fileno") and hasattr(stream, "readline")
    ready, _, _ = select.select([stream], [], [], seconds)
    return str(stream.readline()) if ready else ""


def test_a_second_build_waits_for_the_one_running_then_builds(project: Path) -> None:
    before = snapshot(project / "site")
    lock = project / BUILD_DIR / LOCK_FILE
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running build holds it
        second = subprocess.Popen(COMMAND, cwd=project, stderr=subprocess.PIPE, text=True)
        try:
            said = _line_within(second.stderr, 60)
            assert "另一個 coursegen build 正在執行" in said
            time.sleep(2)
            assert second.poll() is None  # still waiting: nothing written meanwhile
            assert snapshot(project / "site") == before
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)
    assert second.wait(timeout=600) == 0
    assert (project / "site" / CODE / "index.html").is_file()


# Rounds of two builds started together; CONCURRENT_ROUNDS=20 for the full run.
ROUNDS = int(os.environ.get("CONCURRENT_ROUNDS", "2"))


def _complete(site: Path) -> bool:
    """What a published site always holds: the theme's assets, 404.html, each course's home."""
    return all(
        (site / part).exists()
        for part in ("assets/javascripts", "assets/coursegen/course.js", "404.html", "index.html")
    ) and all((site / code / "index.html").is_file() for code in (CODE, "KPS5220-005v2"))


def test_two_builds_started_together_each_publish_a_complete_site(project: Path) -> None:
    """A pipeline retry or a double click: both finish (the second after the first), each
    publishes a whole site, and the build after them succeeds."""
    standard = project / "content" / "standards" / f"{CODE}.yaml"
    for round_number in range(ROUNDS):
        text = standard.read_text("utf-8")  # a real change, so that both really build
        standard.write_text(text.replace("description: ", f"description: 第{round_number}輪", 1))
        builds = [
            subprocess.Popen(COMMAND, cwd=project, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        errors = [b.communicate(timeout=600)[1] for b in builds]
        assert [b.returncode for b in builds] == [0, 0], errors
        assert _complete(project / "site"), round_number
        assert (
            f"第{round_number}輪" in (project / "site" / CODE / "about" / "index.html").read_text()
        )
    assert main(["build"]) == 0
    assert _complete(project / "site")
    assert not list((project / BUILD_DIR).glob(".staging-*"))


def test_a_build_clears_what_a_killed_build_left_in_build(project: Path) -> None:
    build = project / BUILD_DIR
    stale = [
        build / ".staging-k1ll3d" / "site" / "index.html",
        build / "courses" / CODE / "out" / ".new-online-k1ll3d" / "index.html",
        build / "catalogue" / "out" / ".new-online-k1ll3d.old" / "index.html",
    ]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half", "utf-8")
    assert main(["build"]) == 0
    assert not [path for path in stale if path.parent.exists()]
    assert not list(build.glob(".staging-*"))


def test_a_site_moved_aside_by_a_killed_build_comes_back_even_if_the_next_build_fails(
    project: Path,
) -> None:
    """Killed between the two renames that swap site/ in: site/ is in the staging folder."""
    before = snapshot(project / "site")
    aside = project / BUILD_DIR / ".staging-k1ll3d" / "site.old"
    aside.parent.mkdir(parents=True)
    (project / "site").replace(aside)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("name: material", "name: no-such-theme"))
    assert main(["build"]) == 1
    assert snapshot(project / "site") == before


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _descendants(pid: int) -> list[int]:
    found = _children(pid)
    return found + [d for child in found for d in _descendants(child)]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.fixture
def fresh_project(tmp_path: Path) -> Iterator[Path]:
    yield make_project(tmp_path / "fresh", SEED_CONTENT)


def test_a_killed_build_leaves_no_process_behind(fresh_project: Path) -> None:
    build = subprocess.Popen(COMMAND, cwd=fresh_project, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    started: list[int] = []
    while time.monotonic() < deadline and build.poll() is None:
        started = _descendants(build.pid)
        if any("generator.publish.warm" in _command(pid) for pid in started):
            break
        time.sleep(0.05)
    assert any("generator.publish.warm" in _command(pid) for pid in started), "no MkDocs worker"
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(pid) for pid in started):
        time.sleep(0.1)
    left = [f"{pid}: {_command(pid)}" for pid in started if _alive(pid)]
    for pid in started:  # do not leave them to the next test, whatever happened
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
    assert not left


SECRET = "coursegen-secret-4f1d"


@pytest.mark.parametrize(
    "link",
    [
        f"site_overrides/{CODE}/files/passwd.txt",
        f"site_overrides/{CODE}/pages/evil.md",
        "site_overrides/stylesheets/extra.css",
        f"site_overrides/{CODE}/files/shared",  # a link to a whole folder
    ],
)
def test_a_symbolic_link_in_trainer_folders_is_an_error_naming_it(
    project: Path, tmp_path: Path, link: str, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, "utf-8")
    target = outside if link.endswith("shared") else outside / "secret.txt"
    before = snapshot(project / "site")
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    (project / link).symlink_to(target)
    assert main(["build", "--offline"]) == 1
    err = capsys.readouterr().err
    assert f"{link}: 錯誤：這是符號連結" in err
    assert snapshot(project / "site") == before
    assert main(["validate"]) == 1
    assert f"{link}: 錯誤：這是符號連結" in capsys.readouterr().err
