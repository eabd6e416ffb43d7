"""The trainer's commands end to end: new, validate, diff, quiz show and re-import."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.conftest import SEEDS, STANDARDS
from tests.test_diff import _revised_text

CODE = "KPS5220-005v2"


@pytest.fixture
def project(in_tmp: Path) -> Path:
    (in_tmp / "content" / "standards").mkdir(parents=True)
    for seed in STANDARDS.glob("*.yaml"):
        (in_tmp / "content" / "standards" / seed.name).write_bytes(seed.read_bytes())
    return in_tmp


def test_new_creates_skeletons_once_and_never_overwrites(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", CODE]) == 0
    created = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    standard = yaml.safe_load((STANDARDS / f"{CODE}.yaml").read_text("utf-8"))
    modules = [f"site_overrides/{CODE}/{d['code']}.md" for d in standard["duties"]]
    assert set(created) >= {f"site_overrides/{CODE}/course.yml", f"quizzes/{CODE}.yaml", *modules}
    mine = project / "site_overrides" / CODE / "T1.md"
    mine.write_text("## 導入\n\n我寫的內容。\n", "utf-8")
    capsys.readouterr()
    assert main(["new", CODE]) == 0
    assert mine.read_text("utf-8") == "## 導入\n\n我寫的內容。\n"
    assert f"已存在，保留不動：site_overrides/{CODE}/T1.md" in capsys.readouterr().out
    assert main(["validate"]) == 0


def test_reimport_with_force_leaves_trainer_files_byte_identical(project: Path) -> None:
    assert main(["new", CODE]) == 0
    (project / "site_overrides" / CODE / "T2.md").write_text("## T2.1\n\n案例。\n", "utf-8")
    trainer = {
        p: p.read_bytes()
        for folder in ("site_overrides", "quizzes")
        for p in (project / folder).rglob("*")
        if p.is_file()
    }
    assert main(["import", *map(str, sorted(SEEDS.glob("*.txt"))), "--force"]) == 0
    assert {p: p.read_bytes() for p in trainer} == trainer
    after = {
        p for f in ("site_overrides", "quizzes") for p in (project / f).rglob("*") if p.is_file()
    }
    assert after == set(trainer)  # nothing added either


def test_quiz_show_includes_the_trainer_s_edits(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "quizzes").mkdir()
    (project / "quizzes" / f"{CODE}.yaml").write_text(
        f"disable: [{CODE}/T2.1/knowledge-1]\n", "utf-8"
    )
    assert main(["quiz", "show", CODE]) == 0
    ids = [q["id"] for q in yaml.safe_load(capsys.readouterr().out)["questions"]]
    assert f"{CODE}/T2.1/knowledge-1" not in ids and f"{CODE}/T2.1/skills-1" in ids


def test_validate_reports_customisation_problems(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "site_overrides" / CODE).mkdir(parents=True)
    (project / "site_overrides" / CODE / "course.yml").write_text("hidden_tasks: [T9.9]\n", "utf-8")
    assert main(["validate"]) == 1
    assert (
        f"site_overrides/{CODE}/course.yml:1: 錯誤：{CODE} 沒有工作任務 T9.9"
        in capsys.readouterr().err
    )


def test_diff_of_a_revision_names_the_affected_addition(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = project / "old.yaml"
    old.write_bytes((STANDARDS / f"{CODE}.yaml").read_bytes())
    (project / "content" / "standards" / f"{CODE}.yaml").write_text(_revised_text(), "utf-8")
    overrides = project / "site_overrides" / CODE
    overrides.mkdir(parents=True)
    (overrides / "T4.md").write_text("## T4.2\n\n設備表範例。\n", "utf-8")

    assert main(["diff", str(old), CODE]) == 0
    out = capsys.readouterr().out
    assert "【工作任務】" in out and "- 刪除 T4.2：環境設備維護" in out
    assert (
        f"site_overrides/{CODE}/T4.md:1: 工作任務後的補充內容（T4.2）：工作任務 T4.2 已刪除" in out
    )

    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    assert f"site_overrides/{CODE}/T4.md:1: 錯誤：" in err and "T4.2" in err


def test_diff_of_a_missing_file_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", "nowhere.yaml", CODE]) == 2
    assert "找不到 nowhere.yaml" in capsys.readouterr().err
