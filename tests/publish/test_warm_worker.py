"""MkDocs in a warm worker: each site built in a child forked from a process that has already
imported MkDocs and loaded jieba. Isolation, failures and strictness are those of one
``mkdocs build --strict`` process per site.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.project import load_project
from generator.publish.build import plan
from generator.publish.jobs import Job, Timings, run_jobs
from generator.publish.paths import BUILD_DIR, JIEBA_CACHE_DIR
from tests.publish.test_safe_build import snapshot
from tests.site.conftest import SEED_CONTENT, make_project


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _build_courses_in_order(root: Path, order: list[int]) -> dict[str, dict[str, bytes]]:
    """Build the project's courses one after another in one worker, in ``order``; each
    course's output tree."""
    courses = load_project(root).courses
    planned = plan(root, courses, None, catalogue=False)
    run_jobs(planned, [Job(i) for i in order], 1, Timings())
    return {
        c.standard.code: tree(root / BUILD_DIR / "courses" / c.standard.code / "out" / "online")
        for c in planned.courses
    }


def test_a_course_s_output_does_not_depend_on_the_courses_built_before_it(
    tmp_path: Path,
) -> None:
    """jieba keeps every user dictionary it loads: one MkDocs process building course after
    course would segment a course's search index with the words of those built before it."""
    forward = _build_courses_in_order(make_project(tmp_path / "a", SEED_CONTENT), [0, 1])
    backward = _build_courses_in_order(make_project(tmp_path / "b", SEED_CONTENT), [1, 0])
    assert forward.keys() == backward.keys() and len(forward) == 2
    for code in forward:
        assert forward[code] == backward[code], code
        assert "search/search_index.json" in forward[code]


def _with_hook(root: Path, body: str) -> None:
    """A MkDocs hook (a trainer may add ``hooks:`` to mkdocs.yml) running ``body`` at start."""
    hook = root / "hook.py"
    hook.write_text(f"import os, signal\n\n\ndef on_config(config):\n    {body}\n", "utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + f"\nhooks:\n  - {hook}\n", "utf-8")


@pytest.mark.parametrize(
    ("hook", "words"),
    [
        # MkDocs' child is killed (as by the system when memory runs out): that site fails.
        ("os.kill(os.getpid(), signal.SIGKILL)", ("MkDocs 建置失敗", "被訊號 9 終止")),
        # The warm worker itself is killed: the build fails.
        ("os.kill(os.getppid(), signal.SIGKILL)\n    os._exit(1)", ("工作程序意外結束",)),
    ],
    ids=["child", "worker"],
)
def test_a_killed_mkdocs_process_fails_the_build_clearly_and_keeps_the_site(
    project: Path, capfd: pytest.CaptureFixture[str], hook: str, words: tuple[str, ...]
) -> None:
    before = snapshot(project / "site")
    _with_hook(project, hook)
    assert main(["build"]) == 1
    err = capfd.readouterr().err
    assert all(word in err for word in words)
    assert "site/ 維持原樣" in err and "Traceback" not in err
    assert snapshot(project / "site") == before


def test_strict_mode_still_fails_a_broken_link(
    project: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project / "site")
    addition = project / "site_overrides" / "KPS5294-001v3" / "T1.md"
    addition.parent.mkdir(parents=True, exist_ok=True)
    # A page that exists (validate checks that) with a place it does not have (MkDocs does).
    addition.write_text("## 導入\n\n請先讀[課前說明](T2.md#no-such-place)。\n", "utf-8")
    assert main(["build"]) == 1
    err = capfd.readouterr().err
    assert "課程 KPS5294-001v3的 MkDocs 建置失敗" in err and "strict mode" in err
    assert snapshot(project / "site") == before


def test_jieba_keeps_its_cache_in_build_not_in_the_temporary_folder(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    assert main(["build"]) == 0
    assert not list(temporary.rglob("jieba*"))
    # the Traditional dictionary's cache (jieba names it after the dictionary's path)
    assert list((project / BUILD_DIR / JIEBA_CACHE_DIR).glob("jieba.u*.cache"))
