"""One rule for every file the project reads: inside the project, a regular file, within
limits (issue 28). Each test plays a hostile or careless user and runs what they would run:
``coursegen validate``, or the project as ``validate`` and ``build`` load it."""

from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from generator.cli import main
from generator.diagnostics import Severity
from generator.project import load_project
from tests.conftest import ROOT, SEEDS, STANDARDS

CODE = "KPS5220-005v2"
OTHER = "KPS5294-001v3"
SECRET = "root:x:0:0:root:/root:/bin/bash\nTOP-SECRET-LINE\n"


def _project(tmp: Path, files: Mapping[str, str | bytes] | None = None) -> Path:
    root = tmp / "project"
    (root / "content" / "standards").mkdir(parents=True)
    for seed in STANDARDS.glob("*.yaml"):
        (root / "content" / "standards" / seed.name).write_bytes(seed.read_bytes())
    for name, data in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return root


def _outside(tmp: Path, name: str = "secret.txt", text: str = SECRET) -> Path:
    folder = tmp / "elsewhere"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, "utf-8")
    return folder / name


def _validate(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    os.chdir(root)
    code = main(["validate"])
    return code, capsys.readouterr().err


# --- 1. files from outside the project -----------------------------------------------------


def test_a_standard_that_is_a_link_to_a_file_outside_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path)
    outside = tmp_path / "elsewhere" / f"{CODE}.yaml"
    outside.parent.mkdir()
    outside.write_text(
        (STANDARDS / f"{CODE}.yaml").read_text("utf-8").replace("汽車", "外洩的汽車"), "utf-8"
    )
    (root / "content" / "standards" / f"{CODE}.yaml").unlink()
    (root / "content" / "standards" / f"{CODE}.yaml").symlink_to(outside)
    monkeypatch.chdir(root)
    project = load_project(root)
    assert [str(d) for d in project.diagnostics] == [
        f"content/standards/{CODE}.yaml: 錯誤：這是符號連結（指向 {outside}），coursegen 不讀連結："
        "建置會把它指向的檔案公開，可能是專案以外的檔案。請把檔案本身複製到這裡，取代這個連結。"
    ]
    assert project.courses == ()  # nothing read, so nothing of it can be published


def test_a_linked_standards_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    elsewhere = tmp_path / "shared-standards"
    (root / "content" / "standards").rename(elsewhere)
    (root / "content" / "standards").symlink_to(elsewhere)
    code, err = _validate(root, capsys)
    assert code == 1
    assert "content/standards: 錯誤：這是符號連結" in err


def test_quiz_edits_linked_to_a_system_file_are_refused_without_quoting_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    (root / "quizzes").mkdir()
    (root / "quizzes" / f"{CODE}.yaml").symlink_to(_outside(tmp_path))
    code, err = _validate(root, capsys)
    assert code == 1
    assert f"quizzes/{CODE}.yaml: 錯誤：這是符號連結" in err
    assert "root:x" not in err and "TOP-SECRET" not in err


def test_a_hard_link_to_a_file_outside_is_refused_and_one_inside_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    files = root / "site_overrides" / CODE / "files"
    files.mkdir(parents=True)
    os.link(_outside(tmp_path), files / "handout.txt")
    code, err = _validate(root, capsys)
    assert code == 1
    assert f"site_overrides/{CODE}/files/handout.txt: 錯誤：這個檔案是硬連結" in err
    (files / "handout.txt").unlink()
    (files / "a.txt").write_text("講義", "utf-8")
    os.link(files / "a.txt", files / "b.txt")  # both names inside the project
    code, err = _validate(root, capsys)
    assert (code, err) == (0, "")


# --- 2. special files ----------------------------------------------------------------------


def _limited_validate(root: Path) -> subprocess.CompletedProcess[str]:
    """``coursegen validate`` in a child with 1 GB of memory and 60 s: a hang or a runaway
    read fails the test instead of the machine."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_a_fifo_among_the_pages_is_refused_without_waiting(tmp_path: Path) -> None:
    root = _project(tmp_path)
    pages = root / "site_overrides" / CODE / "pages"
    pages.mkdir(parents=True)
    os.mkfifo(pages / "x.md")
    done = _limited_validate(root)
    assert done.returncode == 1
    assert f"site_overrides/{CODE}/pages/x.md: 錯誤：這不是一般檔案" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_device_among_the_pages_is_refused_without_reading(tmp_path: Path) -> None:
    root = _project(tmp_path)
    pages = root / "site_overrides" / CODE / "pages"
    pages.mkdir(parents=True)
    try:  # /dev/zero's numbers: reading it never ends
        os.mknod(pages / "z.md", stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except PermissionError:
        pytest.skip("making a device node needs root (CAP_MKNOD)")
    done = _limited_validate(root)
    assert done.returncode == 1
    assert f"site_overrides/{CODE}/pages/z.md: 錯誤：這不是一般檔案" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_text_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = "# 講義\n\n" + "很長的內容。" * 500_000  # 9 MB of UTF-8
    root = _project(tmp_path, {f"site_overrides/{CODE}/pages/long.md": page})
    code, err = _validate(root, capsys)
    assert code == 1
    assert f"site_overrides/{CODE}/pages/long.md: 錯誤：檔案有 " in err
    assert "超過文字檔的上限" in err


# --- 3. limits on every field a person writes ------------------------------------------------

MEGA = "長" * 330_000  # 1 MB of UTF-8


def test_a_megabyte_course_title_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = f"subtitle: 副標\ntitle: {MEGA}\n"
    root = _project(tmp_path, {f"site_overrides/{CODE}/course.yml": settings})
    code, err = _validate(root, capsys)
    assert code == 1
    assert f"site_overrides/{CODE}/course.yml:2: 錯誤：課程名稱：「長長" in err
    assert "330,000 個字元，超過上限 200 個字元" in err
    assert len(err) < 1000


def test_a_megabyte_quiz_stem_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edits = (
        "add:\n"
        f"  - id: {CODE}/own/1\n"
        "    type: single\n"
        "    task: T2.1\n"
        f"    stem: {MEGA}\n"
        "    options:\n"
        "      - {text: 回廠目的與時間, correct: true}\n"
        "      - {text: 客戶的血型, correct: false}\n"
    )
    root = _project(tmp_path, {f"quizzes/{CODE}.yaml": edits})
    code, err = _validate(root, capsys)
    assert code == 1
    assert f"quizzes/{CODE}.yaml:5: 錯誤：自訂題目第 1 項 › 題幹：" in err
    assert len(err) < 1000


def test_an_error_about_a_huge_quiz_id_quotes_only_an_excerpt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edits = f"disable:\n  - {CODE}/T9.9/{'x' * 1_000_000}\n"
    root = _project(tmp_path, {f"quizzes/{CODE}.yaml": edits})
    code, err = _validate(root, capsys)
    assert code == 1
    assert f"quizzes/{CODE}.yaml:2: 錯誤：" in err
    assert len(err) < 1000


# --- 4. names that validate must build --------------------------------------------------------


def _page_problems(tmp: Path, names: list[str]) -> list[str]:
    root = _project(tmp, {f"site_overrides/{CODE}/pages/{n}": f"# {n}\n" for n in names})
    return [str(d) for d in load_project(root).diagnostics]


def test_a_page_named_only_by_dots_is_refused(tmp_path: Path) -> None:
    found = _page_problems(tmp_path, ["...md", "md.md"])
    assert found == [
        f"site_overrides/{CODE}/pages/...md: 錯誤：檔名「...md」沒有文字或數字，網址會是「-」："
        "請改用看得懂的檔名，例如 個案討論.md。"
    ]


def test_pages_whose_names_differ_only_by_case_are_refused(tmp_path: Path) -> None:
    found = _page_problems(tmp_path, ["A.md", "a.md"])
    assert len(found) == 1
    assert found[0].startswith(f"site_overrides/{CODE}/pages/a.md: 錯誤：這一頁與 ")
    assert f"site_overrides/{CODE}/pages/A.md 的網址相同" in found[0]


def test_files_whose_names_differ_only_by_case_are_refused(tmp_path: Path) -> None:
    files = {f"site_overrides/{CODE}/files/{n}": "講義" for n in ("Notes.txt", "notes.txt")}
    found = [str(d) for d in load_project(_project(tmp_path, files)).diagnostics]
    assert len(found) == 1
    folder = f"site_overrides/{CODE}/files"
    assert found[0].startswith(f"{folder}/notes.txt: 錯誤：發布後與 {folder}/Notes.txt 的位置相同")


# --- 5. smaller ones --------------------------------------------------------------------------


def test_a_code_with_a_trailing_newline_is_quoted_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (STANDARDS / f"{CODE}.yaml").read_text("utf-8")
    broken = text.replace(f"code: {CODE}\n", f'code: "{CODE}\\n"\n', 1)
    assert broken != text
    root = _project(tmp_path, {f"content/standards/{CODE}.yaml": broken})
    code, err = _validate(root, capsys)
    assert code == 1
    problem = next(line for line in err.splitlines() if "格式不正確" in line)
    line = broken.splitlines().index(f'code: "{CODE}\\n"') + 1
    assert problem.startswith(f"content/standards/{CODE}.yaml:{line}: 錯誤：")
    assert f"「{CODE}\\n」" in problem


def test_a_utf16_standard_without_byte_order_mark_is_named_utf16_at_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (STANDARDS / f"{CODE}.yaml").read_text("utf-8")
    assert "需" in text  # U+9700: a NUL in its low byte, as in many Chinese characters
    data = text.encode("utf-16-le")
    root = _project(tmp_path, {f"content/standards/{CODE}.yaml": data})
    code, err = _validate(root, capsys)
    assert code == 1
    assert f"content/standards/{CODE}.yaml:1: 錯誤：檔案是 UTF-16 編碼" in err


def test_a_nul_byte_is_reported_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (STANDARDS / f"{CODE}.yaml").read_text("utf-8")
    lines = text.splitlines(keepends=True)
    data = "".join(lines[:4]).encode() + b"name: \x00\n" + "".join(lines[5:]).encode()
    root = _project(tmp_path, {f"content/standards/{CODE}.yaml": data})
    code, err = _validate(root, capsys)
    assert code == 1
    assert f"content/standards/{CODE}.yaml:5: 錯誤：這是二進位檔" in err


def test_one_category_code_under_two_names_is_warned(tmp_path: Path) -> None:
    text = (STANDARDS / f"{OTHER}.yaml").read_text("utf-8")
    job = "job: {code: KPS, name: 行銷與銷售 / 專業銷售}"
    renamed = text.replace(job, "job: {code: KPS, name: 行銷}")
    assert renamed != text
    root = _project(tmp_path, {f"content/standards/{OTHER}.yaml": renamed})
    found = load_project(root).diagnostics
    assert [(d.file, d.severity) for d in found] == [
        (f"content/standards/{OTHER}.yaml", Severity.WARNING)
    ]
    assert "職類別 KPS 在這裡叫「行銷」" in found[0].message
    assert f"content/standards/{CODE}.yaml 叫「行銷與銷售 / 專業銷售」" in found[0].message


def test_a_file_name_with_a_line_break_is_reported_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path, {f"site_overrides/{CODE}/files/講義\n.txt": "講義"})
    code, err = _validate(root, capsys)
    assert code == 1
    assert err.splitlines() == [
        f"site_overrides/{CODE}/files/講義\\n.txt: 錯誤：名稱「講義\\n.txt」含有 Windows "
        '不允許的字元（< > : " | ? * \\ 或控制字元），離線版在 Windows 上無法解壓縮：請改名。'
    ]


def test_a_source_to_import_may_be_a_link_the_user_names_on_the_command_line(
    tmp_path: Path,
) -> None:
    """The rules are for the files a project reads by itself; a file the user names is theirs
    to choose (only a FIFO or a device is still refused)."""
    link = tmp_path / "source.txt"
    link.symlink_to(SEEDS / f"{CODE}.txt")
    assert main(["import", str(link), "--output-dir", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / f"{CODE}.yaml").is_file()


def test_a_fifo_to_import_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "source.txt")
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "import", "source.txt", "--output-dir", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 1
    assert "source.txt: 錯誤：這不是一般檔案" in done.stderr


def test_files_side_by_side_in_folders_are_all_published(tmp_path: Path) -> None:
    names = ["講義/第一週.pdf", "講義/第二週.pdf", "講義/圖/a.png", "README.md", "個案 一.txt"]
    files = {f"site_overrides/{CODE}/files/{n}": "內容" for n in names}
    project = load_project(_project(tmp_path, files))
    assert project.diagnostics == ()
    (course,) = [c for c in project.courses if c.standard.code == CODE]
    assert sorted(name for name, _ in course.custom.files) == sorted(names)


def test_a_markdown_file_and_a_folder_that_mkdocs_writes_to_one_place_are_refused(
    tmp_path: Path,
) -> None:
    names = ["notes.md", "notes/index.html"]  # MkDocs writes notes.md as notes/index.html
    files = {f"site_overrides/{CODE}/files/{n}": "內容" for n in names}
    found = [str(d) for d in load_project(_project(tmp_path, files)).diagnostics]
    assert len(found) == 1
    assert found[0].startswith(f"site_overrides/{CODE}/files/notes/index.html: 錯誤：發布後與 ")
