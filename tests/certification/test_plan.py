"""plan.yml as a trainer writes it: every mistake named at its file and line, in Chinese, with
the closest right word; the skeleton of ``coursegen new``; the report never half-written."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from generator.cli import main
from generator.load import load_standard
from generator.project import load_project
from generator.scaffold import skeleton_files
from tests.certification.project import CODE, PLAN, SETTINGS, example_project
from tests.conftest import STANDARDS

UNIT = """\
units:
  - module: T1
    name: 前置準備
    methods: [講述, 演練]
"""


def _validate(root: Path, plan: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    (root / PLAN).write_text(plan, "utf-8")
    capsys.readouterr()
    code = main(["validate"])
    return code, capsys.readouterr().err


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = example_project(tmp_path)
    monkeypatch.chdir(folder)
    return folder


# (what is wrong, plan.yml, the line, words the message must hold)
MISTAKES = [
    ("unknown key", "sumary: 課程簡介\n", 1, ["sumary", "summary"]),
    ("unknown module", "units:\n  - module: T9\n", 2, ["T9", "T1"]),
    (
        "task of another duty",
        "units:\n  - module: T1\n    tasks: [T1.1, T3.1]\n",
        3,
        ["T3.1", "不屬於主要職責 T1"],
    ),
    (
        "indicator of another task",
        "units:\n  - module: T2\n    tasks: [T2.1]\n    indicators: [P2.2.1]\n",
        4,
        ["P2.2.1", "P2.1.1"],
    ),
    (
        "unknown code in covers",
        UNIT + "    outline:\n      - {minutes: 60, activity: 講述, covers: [K01, K99]}\n",
        6,
        ["K99", "知識或技能"],
    ),
    (
        "not a method",
        UNIT.replace("演練]", "演練,\n      角色扮演]"),
        5,
        ["角色扮演", "其他：說明"],
    ),
    ("a bare 其他", UNIT.replace("演練]", "演練,\n      其他]"), 5, ["「其他：角色扮演」"]),
    (
        "minutes as words",
        UNIT + "    outline:\n      - {minutes: 一小時, activity: 講述}\n",
        6,
        ["分鐘", "整數", "一小時"],
    ),
    ("bad YAML", "units:\n  - module: T1\n   name: x\n", 3, []),
]


@pytest.mark.parametrize(("what", "plan", "line", "words"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_mistake_is_named_at_its_line(
    root: Path,
    capsys: pytest.CaptureFixture[str],
    what: str,
    plan: str,
    line: int,
    words: list[str],
) -> None:
    code, err = _validate(root, plan, capsys)
    assert code == 1, what
    [message] = [m for m in err.splitlines() if m.startswith(f"{PLAN}:")]
    assert message.startswith(f"{PLAN}:{line}: 錯誤：")
    assert all(word in message for word in words), message


def test_a_misspelt_method_gets_the_template_s_label(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _validate(root, UNIT.replace("演練]", "演練, 示範教]"), capsys)
    assert code == 1
    assert f"{PLAN}:4: 錯誤：「示範教」不是範本列出的教學方法" in err
    assert "示範" in err.split("不是範本列出的教學方法", 1)[1]


def test_short_names_and_other_are_the_template_s_choices(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = UNIT.replace("[講述, 演練]", "[講述, 演練教學, '其他: 角色扮演']")
    code, err = _validate(root, plan, capsys)
    assert code == 0, err
    [course] = load_project(root, only=[CODE]).courses
    assert course.custom.plan.units[0].methods == ("講述教學", "演練教學", "其他：角色扮演")


def test_a_text_over_the_upload_limit_is_a_warning(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _validate(root, f"purpose: {'完訓學員能' * 201}\n", capsys)
    assert code == 0  # the report is still written; iCAP's form will refuse the text
    assert f"{PLAN}:1: 警告：課程目的有 1,005 字，超過 iCAP 的上傳字數上限 1000 字。" in err


def test_a_unit_of_a_module_the_course_leaves_out_is_a_warning(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = (
        (root / SETTINGS)
        .read_text("utf-8")
        .replace(
            "hours: {T1: 4, T2: 6, T3: 4, T4: 4}",
            "hours: {T1: 4, T2: 6, T3: 4}\nmodules: [T1, T2, T3]",
        )
    )
    (root / SETTINGS).write_text(settings, "utf-8")
    code, err = _validate(root, "units:\n  - module: T4\n    name: 休息室\n", capsys)
    assert code == 0
    assert f"{PLAN}:2: 警告：主要職責 T4不在課程中" in err


def test_the_report_is_not_written_while_the_plan_has_errors(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / PLAN).write_text("units:\n  - module: T9\n", "utf-8")
    assert main(["export", CODE, "--format", "icap-report"]) == 1
    assert f"{PLAN}:2: 錯誤：" in capsys.readouterr().err
    assert not (root / "build" / "exports").exists() or not any(
        (root / "build" / "exports").iterdir()
    )


def test_the_report_file_is_an_odt_and_the_same_every_time(root: Path) -> None:
    target = root / "build" / "exports" / f"{CODE}.icap-report.odt"
    assert main(["export", CODE, "--format", "icap-report"]) == 0
    first = target.read_bytes()
    assert main(["export", CODE, "--format", "icap-report"]) == 0
    assert target.read_bytes() == first
    with zipfile.ZipFile(target) as odt:
        # ODF: an uncompressed mimetype first, so that a reader knows the file by its start
        entry = odt.infolist()[0]
        assert (entry.filename, entry.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert {"content.xml", "styles.xml", "META-INF/manifest.xml"} <= set(odt.namelist())


@pytest.mark.parametrize("code", ["KPS5220-005v2", "KPS5294-001v3"])
def test_the_plan_skeleton_is_valid_as_it_is_and_once_uncommented(
    tmp_path: Path, code: str
) -> None:
    standard, _ = load_standard(STANDARDS / f"{code}.yaml")
    skeleton = skeleton_files(standard)[f"site_overrides/{code}/plan.yml"]
    # Lines of YAML start with "# " and a key, a space or a dash; the prose stays a comment.
    uncommented = re.sub(r"^# (?=[a-z_]+:| |-)", "", skeleton, flags=re.MULTILINE)
    assert {"units:", "completion:", "training_need: |"} <= set(uncommented.splitlines())
    for text in (skeleton, uncommented):
        folder = tmp_path / str(text is skeleton)
        (folder / "content" / "standards").mkdir(parents=True)
        (folder / "content" / "standards" / f"{code}.yaml").write_bytes(
            (STANDARDS / f"{code}.yaml").read_bytes()
        )
        (folder / "site_overrides" / code).mkdir(parents=True)
        (folder / "site_overrides" / code / "plan.yml").write_text(text, "utf-8")
        project = load_project(folder)
        assert project.diagnostics == (), project.diagnostics
    [course] = project.courses
    assert course.custom.plan.units and course.custom.plan.completion is not None
