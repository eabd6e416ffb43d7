"""`coursegen validate`: every problem at once, each with file, line and words a trainer reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.diagnostics import Severity
from generator.dump import standard_yaml
from generator.load import load_standard
from generator.validate import check_tree
from tests.conftest import STANDARDS

SEED = STANDARDS / "KPS5220-005v2.yaml"
SEED_TEXT = SEED.read_text("utf-8")


def _line_of(text: str, needle: str, after: str = "") -> int:
    """1-based line of the first ``needle`` at or after the first line containing ``after``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


def _project(tmp: Path, text: str, name: str = "KPS5220-005v2.yaml") -> Path:
    folder = tmp / "content" / "standards"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, "utf-8")
    return tmp / "content"


def _messages(tmp: Path, text: str, name: str = "KPS5220-005v2.yaml") -> list[str]:
    return [str(d) for d in check_tree(_project(tmp, text, name)).diagnostics]


def test_committed_standards_are_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--content", str(STANDARDS.parent)]) == 0
    assert "2 門課程，0 個錯誤，0 個警告" in capsys.readouterr().out


def test_round_trip_yaml_model_yaml() -> None:
    for path in sorted(STANDARDS.glob("*.yaml")):
        text = path.read_text("utf-8")
        standard, _ = load_standard(path)
        header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
        assert standard_yaml(standard, header) == text


def test_undefined_knowledge_names_file_line_and_code(in_tmp: Path) -> None:
    text = SEED_TEXT.replace(
        "knowledge: [K01, K02, K04, K05, K06, K07, K08, K09, K11, K12]",
        "knowledge: [K01, K02, K04, K05, K06, K07, K08, K09, K11, K13]",
    )
    line = _line_of(text, "K13")
    assert (
        f"content/standards/KPS5220-005v2.yaml:{line}: 錯誤：工作任務 T2.1 列出知識 K13，"
        "但本職能基準沒有定義 K13（您是不是要寫 K12？）"
    ) in _messages(in_tmp, text)


def test_all_problems_reported_at_once(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        SEED_TEXT.replace("skills: [S03, S04, S07, S09, S10]", "skills: [S03, S04, S07, S09, S99]")
        .replace("- {code: P2.2.3,", "- {code: P1.2.3,")
        .replace("      - code: T4.2\n", "      - code: T3.9\n")
    )
    _project(in_tmp, text)
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    assert "工作任務 T4.1 列出技能 S99，但本職能基準沒有定義 S99" in err
    assert "行為指標代碼 P1.2.3 重複" in err
    assert "行為指標 P1.2.3 不屬於工作任務 T2.2：代碼應以 P2.2 開頭" in err
    assert "工作任務 T3.9 放在主要職責 T4 之下，但代碼應以 T4. 開頭" in err


def test_unused_item_is_a_warning(in_tmp: Path) -> None:
    text = SEED_TEXT.replace(
        "  - {code: K12, name: 個人資料保護法}\n",
        "  - {code: K12, name: 個人資料保護法}\n  - {code: K13, name: 沒人用的知識}\n",
    )
    tree = check_tree(_project(in_tmp, text))
    [diagnostic] = tree.diagnostics
    assert diagnostic.severity is Severity.WARNING
    assert diagnostic.line == _line_of(text, "K13")
    assert "知識 K13 沒有任何工作任務使用" in diagnostic.message
    assert main(["validate"]) == 0  # warnings alone do not fail


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("level: 2\n", "level: 7\n", "level: 7", "級別須為 1 到 6 的整數"),
        ("name: 進行準備工作", "name: ''", "name: ''", "工作任務 T1.2 › 名稱：不可空白"),
        (
            "name: 進行準備工作",
            "nmae: 進行準備工作",
            "nmae",
            "不認得的欄位「nmae」（您是不是要寫 name？）",
        ),
        ("        level: 2\n", "        level: 二\n", "level: 二", "應為整數或空值 (null)"),
        ("- code: T2\n", "- code: T-2\n", "code: T-2", "「T-2」的格式不正確，應寫成像 T1 這樣"),
        (
            "description: 負責",
            "description: 負責\ndescription: 又一次",
            "又一次",
            "鍵「description」重複出現",
        ),
    ],
    ids=["level", "empty-name", "unknown-key", "wrong-type", "bad-code", "duplicate-key"],
)
def test_schema_problems_in_words(
    in_tmp: Path, old: str, new: str, needle: str, message: str
) -> None:
    text = SEED_TEXT.replace(old, new, 1)
    found = _messages(in_tmp, text)
    line = _line_of(text, needle)
    assert any(
        m.startswith(f"content/standards/KPS5220-005v2.yaml:{line}: ") and message in m
        for m in found
    ), found


def test_missing_required_field(in_tmp: Path) -> None:
    text = SEED_TEXT.replace(
        "description: 負責小型汽車客戶接待服務，聯繫回廠維修及維護休息室相關作業。\n", ""
    )
    assert any("缺少必填欄位 「description」（工作描述）" in m for m in _messages(in_tmp, text))


def test_yaml_syntax_error_has_line(in_tmp: Path) -> None:
    text = SEED_TEXT.replace("  - code: T3\n", "  - code: T3\n   bad: [\n", 1)
    [message] = _messages(in_tmp, text)
    assert message.startswith("content/standards/KPS5220-005v2.yaml:")
    assert "YAML 語法錯誤" in message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "檔案是空的"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "二進位檔"),
        (b"\xff\xfe\x00b\x00a\x00d", "檔案是 UTF-16 編碼"),
        ("code: K01\nname: 名稱\n".encode("utf-16"), "檔案是 UTF-16 編碼"),
        ("code: K01\nname: 名稱\n".encode("utf-16-le"), "檔案是 UTF-16 編碼"),
        ("code: K01\nname: 名稱\n".encode("big5"), "檔案是 Big5 編碼"),
        (b"name: \xff\xfe\xfd\n", "不是 UTF-8"),
    ],
    ids=["empty", "binary", "utf16-odd", "utf16", "utf16-no-bom", "big5", "unknown"],
)
def test_unreadable_files(in_tmp: Path, content: bytes, message: str) -> None:
    folder = in_tmp / "content" / "standards"
    folder.mkdir(parents=True)
    (folder / "X.yaml").write_bytes(content)
    [found] = [str(d) for d in check_tree(in_tmp / "content").diagnostics]
    assert found.startswith("content/standards/X.yaml") and message in found


def test_file_name_must_match_code(in_tmp: Path) -> None:
    found = _messages(in_tmp, SEED_TEXT, name="course.yaml")
    assert any("請將 course.yaml 改名為 KPS5220-005v2.yaml" in m for m in found)


def test_duplicate_standard_code_across_files(in_tmp: Path) -> None:
    _project(in_tmp, SEED_TEXT)
    found = _messages(in_tmp, SEED_TEXT, name="KPS5220-005v2.yml")
    assert any("職能基準代碼 KPS5220-005v2 已在" in m for m in found)


def test_shared_row_must_point_at_a_task(in_tmp: Path) -> None:
    text = SEED_TEXT.replace(
        "      - code: T1.2\n        name: 進行準備工作\n",
        "      - {code: T1.3, name: 共用測試, level: 2, shares_with: T1.9}\n"
        "      - code: T1.2\n        name: 進行準備工作\n",
    )
    found = _messages(in_tmp, text)
    line = _line_of(text, "shares_with: T1.9")
    assert any(
        m.startswith(f"content/standards/KPS5220-005v2.yaml:{line}: ")
        and "沒有可共用的工作任務 T1.9" in m
        for m in found
    ), found


def test_no_standards_at_all(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 1
    assert "沒有任何職能基準檔" in capsys.readouterr().err


def test_a_first_version_s_code_without_suffix_is_accepted(in_tmp: Path) -> None:
    text = SEED_TEXT.replace("KPS5220-005v2", "KPS5220-005")  # also in its version table
    found = check_tree(_project(in_tmp, text, "KPS5220-005.yaml"))
    assert [s.code for s in found.standards] == ["KPS5220-005"] and not found.diagnostics


def test_a_wrong_standard_code_shows_the_expected_forms(in_tmp: Path) -> None:
    text = SEED_TEXT.replace("code: KPS5220-005v2\n", "code: KPS5220-5\n", 1)
    [message] = _messages(in_tmp, text, "KPS5220-5.yaml")
    assert "「KPS5220-5」的格式不正確" in message
    assert "KPS5220-005v2 或 ABC1234-001" in message


def test_a_lost_duty_header_is_explained_with_the_fix(in_tmp: Path) -> None:
    header = "  - code: T4\n    name: 客戶休息室服務及環境設備維護\n    tasks:\n"
    assert header in SEED_TEXT
    text = SEED_TEXT.replace(header, "")
    errors = [m for m in _messages(in_tmp, text) if "錯誤" in m]
    [message] = [m for m in errors if "T4.1" in m]
    assert f"KPS5220-005v2.yaml:{_line_of(text, 'code: T4.1')}: " in message
    assert "工作任務 T4.1、T4.2 放在主要職責 T3 之下" in message
    assert "主要職責 T4 的標題在轉檔時遺失" in message and "移到它之下" in message


def test_a_duplicated_indicator_code_says_what_to_edit(in_tmp: Path) -> None:
    text = SEED_TEXT.replace("- {code: P2.2.3,", "- {code: P2.2.2,")
    [message] = [m for m in _messages(in_tmp, text) if "重複" in m]
    assert "行為指標代碼 P2.2.2 重複" in message
    assert "請對照原文" in message and "刪除其中一項" in message


_T22_OUTPUTS = "        outputs: []\n        indicators:\n          - {code: P2.2.1,"


def test_one_output_under_two_tasks_is_a_shared_output(in_tmp: Path) -> None:
    assert _T22_OUTPUTS in SEED_TEXT
    shared = SEED_TEXT.replace(
        _T22_OUTPUTS, _T22_OUTPUTS.replace("[]", "[{code: O2.1.1, name: 預約表}]")
    )
    found = check_tree(_project(in_tmp, shared))
    [warning] = found.diagnostics
    assert warning.severity is Severity.WARNING
    assert "工作產出 O2.1.1「預約表」列在 T2.1、T2.2 之下" in warning.message
    [standard] = found.standards
    assert [o.code for o in standard.outputs()].count("O2.1.1") == 1
    assert standard.producers("O2.1.1") == ("T2.1", "T2.2")


def test_one_output_code_with_two_names_is_an_error(in_tmp: Path) -> None:
    renamed = SEED_TEXT.replace(
        _T22_OUTPUTS, _T22_OUTPUTS.replace("[]", "[{code: O2.1.1, name: 接待紀錄}]")
    )
    [message] = _messages(in_tmp, renamed)
    assert "工作產出代碼 O2.1.1 重複，名稱卻不同：" in message
    assert "「預約表」" in message and "「接待紀錄」" in message and "改用不同代碼" in message


def test_a_task_sharing_a_row_keeps_the_row_s_indicators_on_the_first(in_tmp: Path) -> None:
    text = SEED_TEXT.replace(
        "      - code: T2.2\n        name: 接待客戶\n        level: 2\n",
        "      - code: T2.2\n        name: 接待客戶\n        level: 2\n        shares_with: T2.1\n",
    )
    [message] = [m for m in _messages(in_tmp, text) if "錯誤" in m]
    assert "T2.2 與 T2.1 寫在同一列" in message and "請寫在 T2.1" in message
