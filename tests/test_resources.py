"""Learning resources (site_overrides/<code>/resources.yml), practice scenarios and the readiness
report, read from a trainer's files and checked against the standard as loaded from its YAML.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.load import load_standard
from generator.project import load_project
from generator.readiness import readiness
from generator.resources import law_names, law_search_url
from generator.scaffold import skeleton_files
from tests.conftest import STANDARDS
from tests.test_customisation import _line, _messages, _project

CODE = "KPS5220-005v2"
RESOURCES = f"site_overrides/{CODE}/resources.yml"
GOOD = """\
resources:
  - title: 消費者保護法條文導讀
    kind: 法規
    url: https://example.org/consumer-law
    serves: [K11]
  - title: 預約表範本
    kind: 範例
    file: 預約表範本.pdf
    serves: [S03, T1.2]
  - title: 接待流程影片
    kind: 影片
    url: https://example.org/video
    serves: [K04, S01]
    note: 示範一次完整的接待
"""


def test_resources_are_read_with_what_they_serve(tmp_path: Path) -> None:
    files = {RESOURCES: GOOD, f"site_overrides/{CODE}/files/預約表範本.pdf": "%PDF-1.4"}
    project = load_project(_project(tmp_path, files))
    assert project.diagnostics == ()
    course = next(c for c in project.courses if c.standard.code == CODE)
    resources = course.custom.resources
    assert [(r.title, r.kind, r.serves) for r in resources] == [
        ("消費者保護法條文導讀", "法規", ("K11",)),
        ("預約表範本", "範例", ("S03", "T1.2")),
        ("接待流程影片", "影片", ("K04", "S01")),
    ]
    assert resources[1].file == "預約表範本.pdf" and resources[1].url is None
    assert resources[2].note == "示範一次完整的接待"


def test_an_unknown_code_is_named_with_its_line_and_the_closest_code(tmp_path: Path) -> None:
    text = GOOD.replace("serves: [K11]", "serves: [K111]").replace("[K04, S01]", "[K04, S99]")
    text = text.replace("file: 預約表範本.pdf", "url: https://example.org/form")
    messages = _messages(tmp_path, {RESOURCES: text})
    assert messages == [
        f"{RESOURCES}:{_line(text, 'K111')}: 錯誤：{CODE} 沒有 K111（您是不是要寫 K11？）",
        f"{RESOURCES}:{_line(text, 'S99')}: 錯誤：{CODE} 沒有 S99（您是不是要寫 S09？）",
    ]


def test_a_missing_file_is_named_with_its_line(tmp_path: Path) -> None:
    messages = _messages(tmp_path, {RESOURCES: GOOD})
    line = _line(GOOD, "預約表範本.pdf")
    where = f"site_overrides/{CODE}/files/預約表範本.pdf"
    assert messages == [f"{RESOURCES}:{line}: 錯誤：找不到檔案 {where}"]


@pytest.mark.parametrize(
    ("change", "needle", "message"),
    [
        ("kind: 影片", "kind: 電影", "「電影」不是可用的值；可用：閱讀、影片、法規、範例、練習。"),
        ("url: https://example.org/video", "url: example.org", "「example.org」的格式不正確。"),
        ("    serves: [K04, S01]\n", "note:", "缺少必填欄位 「serves」（serves）。"),
    ],
)
def test_schema_problems_name_file_and_line(
    tmp_path: Path, change: str, needle: str, message: str
) -> None:
    replacement = {"kind: 影片": "kind: 電影", "url: https://example.org/video": "url: example.org"}
    text = GOOD.replace(change, replacement.get(change, ""))
    files = {RESOURCES: text, f"site_overrides/{CODE}/files/預約表範本.pdf": "x"}
    messages = _messages(tmp_path, files)
    assert len(messages) == 1
    assert messages[0].startswith(f"{RESOURCES}:")
    assert message in messages[0]
    line = int(messages[0].split(":")[1])
    assert line in range(_line(text, "接待流程影片"), _line(text, needle) + 1)


def test_a_resource_needs_exactly_one_of_url_and_file(tmp_path: Path) -> None:
    text = GOOD.replace("    file: 預約表範本.pdf\n", "")
    messages = _messages(tmp_path, {RESOURCES: text})
    assert messages == [
        f"{RESOURCES}:{_line(text, '預約表範本')}: 錯誤："
        "每項資源要寫「url」（網址）或「file」（檔案）其中一個。"
    ]


def test_validate_rejects_a_bad_resources_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _project(tmp_path, {RESOURCES: GOOD.replace("[K11]", "[K13]")})
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    assert f"{RESOURCES}:{_line(GOOD, '[K11]')}: 錯誤：{CODE} 沒有 K13" in err
    assert f"{RESOURCES}:{_line(GOOD, '預約表範本.pdf')}: 錯誤：找不到檔案" in err


@pytest.mark.parametrize(
    ("name", "laws"),
    [
        ("消費者保護法", ("消費者保護法",)),
        ("個人資料保護法", ("個人資料保護法",)),
        ("勞動基準法及職業安全衛生法", ("勞動基準法", "職業安全衛生法")),
        ("公平交易法、消費者保護法施行細則", ("公平交易法", "消費者保護法施行細則")),
        ("道路交通管理處罰條例", ("道路交通管理處罰條例",)),
        ("個人資料保護法施行細則", ("個人資料保護法施行細則",)),
        ("電子簽章法（相關規定）", ("電子簽章法",)),
        ("客訴處理方法", ()),
        ("電話行銷活動相關法規", ()),
        ("產業規範與法規要求", ()),
        ("職業安全衛生相關規範", ()),
        ("行銷原則與實務", ()),
    ],
)
def test_laws_named_by_a_knowledge_item(name: str, laws: tuple[str, ...]) -> None:
    assert law_names(name) == laws


def test_law_links_search_the_national_law_database_by_name() -> None:
    # The address pattern of 全國法規資料庫's own search box (law.moj.gov.tw), name percent-encoded.
    assert law_search_url("消費者保護法") == (
        "https://law.moj.gov.tw/Law/LawSearchResult.aspx?ty=ONEBAR&kw="
        "%E6%B6%88%E8%B2%BB%E8%80%85%E4%BF%9D%E8%AD%B7%E6%B3%95"
    )


def test_practice_scenarios_are_read_from_the_module_file(tmp_path: Path) -> None:
    text = "## T1.2 練習\n\n客戶打電話預約週六上午保養。\n\n## T1.2\n\n補充。\n"
    project = load_project(_project(tmp_path, {f"site_overrides/{CODE}/T1.md": text}))
    assert project.diagnostics == ()
    additions = next(c for c in project.courses if c.standard.code == CODE).custom.additions("T1")
    assert additions.scenario("T1.2") == "客戶打電話預約週六上午保養。"
    assert additions.scenario("T1.1") == ""
    assert additions.after("T1.2") == "補充。"


def status(root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.chdir(root)
    assert main(["status", CODE]) == 0
    return capsys.readouterr().out


def missing(out: str) -> set[str]:
    return {line.split()[1] for line in out.splitlines() if line.strip().startswith("缺 ")}


def test_status_of_a_seed_lists_every_knowledge_and_skill_as_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    standard, _ = load_standard(STANDARDS / f"{CODE}.yaml")
    out = status(_project(tmp_path, {}), monkeypatch, capsys)
    items = {i.code for i in (*standard.knowledge, *standard.skills)}
    tasks = {t.code for t in standard.tasks() if t.shares_with is None}
    duties = {d.code for d in standard.duties}
    assert missing(out) == items | tasks | duties
    assert f"知識與技能的學習資源：0／{len(items)}（0%）" in out
    assert f"site_overrides/{CODE}/resources.yml：" in out
    assert f"site_overrides/{CODE}/T1.md：" in out and f"site_overrides/{CODE}/course.yml：" in out


def test_status_counts_what_the_trainer_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    standard, _ = load_standard(STANDARDS / f"{CODE}.yaml")
    files = {
        RESOURCES: GOOD,
        f"site_overrides/{CODE}/files/預約表範本.pdf": "%PDF-1.4",
        f"site_overrides/{CODE}/T1.md": "## 導入\n\n從一通電話開始。\n\n## T1.2 練習\n\n情境。\n",
        f"site_overrides/{CODE}/course.yml": "hours: {T1: 3}\n",
    }
    out = status(_project(tmp_path, files), monkeypatch, capsys)
    covered = {"K11", "S03", "K04", "S01", "T1.2", "T1"}
    items = {i.code for i in (*standard.knowledge, *standard.skills)}
    assert not covered & missing(out)
    assert items - {"K11", "S03", "K04", "S01"} <= missing(out)
    assert f"知識與技能的學習資源：4／{len(items)}（{400 // len(items)}%）" in out
    assert "單元導入：1／4（25%）" in out and "單元時數：1／4（25%）" in out


def test_indicators_assessed_by_the_bank_s_questions(tmp_path: Path) -> None:
    project = load_project(_project(tmp_path, {}))
    course = next(c for c in project.courses if c.standard.code == CODE)
    check = readiness(course).checks[-1]
    assert check.total == len(list(course.taught.indicators()))
    # Every task has an observation checklist of its indicators, so none is left unassessed.
    assert check.gaps == ()


def test_the_resources_skeleton_s_example_is_valid_once_uncommented(tmp_path: Path) -> None:
    standard, _ = load_standard(STANDARDS / f"{CODE}.yaml")
    skeleton = skeleton_files(standard)[RESOURCES]
    examples = re.sub(r"^# (?=[a-z]+:| )", "", skeleton, flags=re.MULTILINE)
    files = {RESOURCES: examples, f"site_overrides/{CODE}/files/表單範本.pdf": "%PDF-1.4"}
    project = load_project(_project(tmp_path, files))
    assert project.diagnostics == ()
    course = next(c for c in project.courses if c.standard.code == CODE)
    assert len(course.custom.resources) == 2


def test_the_module_skeleton_has_a_practice_section_per_task(tmp_path: Path) -> None:
    standard, _ = load_standard(STANDARDS / f"{CODE}.yaml")
    skeleton = skeleton_files(standard)[f"site_overrides/{CODE}/T1.md"]
    for task in standard.duties[0].tasks:
        assert f"\n## {task.code} 練習\n" in skeleton


def test_status_of_an_unknown_code_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(_project(tmp_path, {}))
    assert main(["status", "KPS5220-005v3"]) == 2
    assert "找不到職能基準 KPS5220-005v3（您是不是要寫 KPS5220-005v2？）" in capsys.readouterr().err
