"""``coursegen validate`` on a trainer's mistakes: comments in T1.md, YAML typed with an IME."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import STANDARDS

CODE = "KPS5220-005v2"
SETTINGS = f"site_overrides/{CODE}/course.yml"
MODULE = f"site_overrides/{CODE}/T1.md"


@pytest.fixture
def project(in_tmp: Path) -> Path:
    (in_tmp / "content" / "standards").mkdir(parents=True)
    for seed in STANDARDS.glob("*.yaml"):
        (in_tmp / "content" / "standards" / seed.name).write_bytes(seed.read_bytes())
    (in_tmp / "site_overrides" / CODE).mkdir(parents=True)
    return in_tmp


def _validate(project: Path, name: str, text: str, capsys: pytest.CaptureFixture[str]) -> str:
    (project / name).write_text(text, "utf-8")
    capsys.readouterr()
    assert main(["validate"]) == 1
    return capsys.readouterr().err


def test_a_commented_out_section_is_not_checked_or_published(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # T1.9 does not exist: inside a comment, the heading is not a section, so no error.
    text = "## T1.1\n\n案例。\n\n<!--\n## T1.9\n\n舊案例\n-->\n"
    (project / MODULE).write_text(text, "utf-8")
    assert main(["validate"]) == 0


def test_an_unclosed_comment_is_an_error_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "## 導入\n\n歡迎。\n\n<!-- 暫時不用\n\n## T1.1\n\n案例。\n"
    err = _validate(project, MODULE, text, capsys)
    assert f"{MODULE}:5: 錯誤：註解「<!--」沒有結束" in err


# (course.yml, line of the mistake, words the message holds)
YAML_MISTAKES = {
    "full-width colon": (
        "# 課程設定\n\ntitle: 汽車接待實務\nsubtitle: 副標題\ntrainer: 王老師\n"
        "organization：測試職訓中心\n\n# 單元\nmodules: [T1, T2]\n",
        6,
        ("全形冒號「：」", "半形冒號"),
    ),
    "full-width space after the colon": (
        "title:\u3000汽車接待實務\nmodules: [T1]\n",
        1,
        ("全形空格",),
    ),
    "full-width indent": ("quiz:\n\u3000pass_mark: 80\n", 2, ("全形",)),
    "unclosed list": ("title: 課程\nmodules: [T1, T2\nhours: {T1: 3}\n", 2, ("方括號",)),
    "colon inside a value": ("title: 接待實務: 入門\n", 1, ("引號",)),
}


@pytest.mark.parametrize("case", YAML_MISTAKES)
def test_course_yml_syntax_errors_in_chinese_at_the_right_line(
    project: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    text, line, words = YAML_MISTAKES[case]
    err = _validate(project, SETTINGS, text, capsys)
    [message] = [m for m in err.splitlines() if m.startswith(SETTINGS)]
    assert message.startswith(f"{SETTINGS}:{line}: 錯誤：")
    assert all(word in message for word in words), message
    said = re.sub(r"「[^」]*」|YAML", "", message.split("錯誤：", 1)[1])
    assert not re.search(r"[A-Za-z]{4,}", said), "no English from the YAML library"
