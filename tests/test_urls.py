"""Names a trainer or a standard gives become URLs that keep them apart (issue 17, part 2):
Chinese page names stay distinct, two names that would meet at one URL are an error naming both
files, and no code leads out of its folder."""

from __future__ import annotations

from pathlib import Path

from generator.project import load_project
from generator.render.pages import category_page_path
from generator.render.site import course_files
from tests.conftest import text_of
from tests.test_customisation import CODE, _project

PAGE = "# {title}\n\n{title}的內容。\n"


def _pages(tmp: Path, *names: str) -> Path:
    return _project(
        tmp,
        {
            f"site_overrides/{CODE}/pages/{name}": PAGE.format(title=Path(name).stem)
            for name in names
        },
    )


def test_chinese_page_names_publish_as_distinct_pages(tmp_path: Path) -> None:
    project = load_project(_pages(tmp_path, "個案.md", "討論.md"))
    assert project.diagnostics == ()
    course = next(c for c in project.courses if c.standard.code == CODE)
    files = course_files(course)
    assert "個案的內容" in text_of(files["pages/個案.md"])
    assert "討論的內容" in text_of(files["pages/討論.md"])


def test_two_pages_at_one_url_are_an_error_naming_both(tmp_path: Path) -> None:
    project = load_project(_pages(tmp_path, "a b.md", "a-b.md"))
    messages = [str(d) for d in project.diagnostics]
    folder = f"site_overrides/{CODE}/pages"
    assert len(messages) == 1, messages
    # sorted: "a b.md" is read first, so "a-b.md" is the one refused, naming the other
    assert messages[0].startswith(f"{folder}/a-b.md: 錯誤：這一頁與 {folder}/a b.md 的網址相同")


def test_category_codes_keep_their_names_and_stay_in_their_folder() -> None:
    assert category_page_path("行銷", 1) != category_page_path("餐旅", 1)
    assert category_page_path("行銷", 1) == "categories/行銷/index.md"
    for hostile in ("..", ".", "../..", "a/../../b"):
        parts = Path(category_page_path(hostile, 2)).parts
        assert parts[0] == "categories" and len(parts) == 3, parts
        assert ".." not in parts and "." not in parts


def test_two_category_codes_at_one_url_are_an_error_naming_both(tmp_path: Path) -> None:
    root = _project(tmp_path, {})
    standards = root / "content" / "standards"
    for name, code in (("KPS5220-005v2", "行銷 A"), ("KPS5294-001v3", "行銷-A")):
        path = standards / f"{name}.yaml"
        text = path.read_text("utf-8").replace("job: {code: KPS,", f"job: {{code: '{code}',", 1)
        path.write_text(text, "utf-8")
    messages = [str(d) for d in load_project(root).diagnostics]
    assert messages == [
        "content/standards/KPS5294-001v3.yaml: 錯誤：職類別代碼「行銷-A」與 "
        "content/standards/KPS5220-005v2.yaml 的「行銷 A」在課程總覽的網址裡相同"
        "（categories/行銷-A/）：請改正其中一個代碼。"
    ]
