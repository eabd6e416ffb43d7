"""A trainer customises a course, rebuilds, and finds every change in the built site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.publish.build import build_site
from generator.load import load_standard
from generator.model import Standard
from tests.site.conftest import SEED_CONTENT, make_project
from tests.site.htmltools import parse
from tests.site.test_pages import study_steps

CODE = "KPS5220-005v2"
HIDDEN = "T4.2"
DISABLED = f"{CODE}/T1.2/knowledge-1"
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>'
FILES = {
    f"site_overrides/{CODE}/course.yml": (
        "title: 汽車售後服務接待實務\n"
        "organization: 測試職訓中心\n"
        "modules: [T2, T1, T3, T4]\n"
        "hours: {T1: 3, T2: 4.5}\n"
        f"hidden_tasks: [{HIDDEN}]\n"
        "quiz: {pass_mark: 80}\n"
    ),
    f"site_overrides/{CODE}/T2.md": (
        "## 導入\n\n本單元從一通預約電話開始。\n\n"
        '## T2.1\n\n!!! tip "講師提醒"\n\n    預約表要當場複誦確認。\n\n'
        "![預約表範例](files/booking.svg)\n\n"
        "## T2.1 練習\n\n陳先生來電，想預約週六上午做 3 萬公里保養。\n\n"
        "## 活動\n\n兩人一組演練接待流程。\n"
    ),
    f"site_overrides/{CODE}/resources.yml": (
        "resources:\n"
        "  - {title: 消保法導讀, kind: 閱讀, url: 'https://example.org/a?b=(c)', serves: [K11]}\n"
        "  - {title: 預約表範例檔, kind: 範例, file: booking.svg, serves: [S03, T2.1]}\n"
    ),
    f"site_overrides/{CODE}/files/booking.svg": LOGO,
    f"site_overrides/{CODE}/pages/個案.md": "# 個案討論\n\n一位客戶遲到了半小時。\n",
    f"quizzes/{CODE}.yaml": (
        f"disable: [{DISABLED}]\n"
        "add:\n"
        f"  - id: {CODE}/own/1\n"
        "    type: single\n"
        "    task: T2.1\n"
        "    stem: 預約表上最重要的資訊是什麼？\n"
        "    options:\n"
        "      - {text: 回廠目的與時間, correct: true}\n"
        "      - {text: 客戶喜歡的顏色, correct: false}\n"
    ),
    "site_overrides/assets/logo.svg": LOGO,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("custom"), SEED_CONTENT)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("theme:\n", "theme:\n  logo: assets/logo.svg\n", 1),
        "utf-8",
    )
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    assert build_site(root, site_url=None) == 0
    return root / "site"


@pytest.fixture(scope="module")
def standard() -> Standard:
    return load_standard(SEED_CONTENT / "standards" / f"{CODE}.yaml")[0]


def _page(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text("utf-8")


def test_course_home_shows_the_trainer_s_title_hours_and_order(site: Path) -> None:
    text = parse(_page(site, f"/{CODE}/")).text
    assert "汽車售後服務接待實務" in text and "測試職訓中心" in text
    assert "共 7.5 小時" in text
    order = [text.index(f"T{n} ") for n in (2, 1, 3, 4)]
    assert order == sorted(order)  # modules in the trainer's order on the course map
    assert "個案討論" in text  # the extra page is announced


def test_module_additions_in_their_places(site: Path) -> None:
    html = _page(site, f"/{CODE}/T2/")
    text = parse(html).text
    intro, objectives = text.index("本單元從一通預約電話開始"), text.index("學習目標")
    assert intro < objectives
    # The task sections' headings (with their ¶ link), not the objectives that name the tasks.
    note, t22 = text.index("預約表要當場複誦確認"), text.index("T2.2 接待客戶¶")
    assert text.index("T2.1 預約服務¶") < note < t22
    assert 'class="admonition tip"' in html  # Material's admonition syntax works
    assert text.index("兩人一組演練接待流程") > t22
    assert "建議時數 4.5 小時" in text
    assert (site / CODE / "files" / "booking.svg").is_file()
    assert re.search(r'<img alt="預約表範例" src="\.\./files/booking\.svg"', html)


def _task_sections(html: str) -> dict[str, str]:
    """The HTML of each task's section of a module page (``<h2 id="T2.1">`` …), by task code."""
    parts = re.split(r'(?=<h2 id=")', html)
    return {m.group(1): part for part in parts if (m := re.match(r'<h2 id="(T[0-9.]+)"', part))}


def test_resources_at_each_task_needing_them_and_on_the_reference_pages(
    site: Path, standard: Standard
) -> None:
    for duty in standard.duties:
        sections = _task_sections(_page(site, f"/{CODE}/{duty.code}/"))
        for task in duty.tasks:
            if task.code == HIDDEN or task.shares_with:
                continue
            text = parse(sections[task.code], whole=True).text
            assert ("消保法導讀" in text) == ("K11" in task.knowledge), task.code
            own = "S03" in task.skills or task.code == "T2.1"
            assert ("預約表範例檔" in text) == own, task.code
    t21 = _task_sections(_page(site, f"/{CODE}/T2/"))["T2.1"]
    assert 'href="https://example.org/a?b=%28c%29"' in t21
    assert 'href="../files/booking.svg"' in t21
    knowledge = parse(_page(site, f"/{CODE}/knowledge/")).text
    entry = knowledge.split("K11 ")[1].split("K12 ")[0]
    assert "消保法導讀（閱讀）" in entry
    assert "在全國法規資料庫查詢「消費者保護法」" in entry
    assert "預約表範例檔（範例）" in parse(_page(site, f"/{CODE}/skills/")).text


def test_the_practice_uses_the_trainer_s_scenario(site: Path, standard: Standard) -> None:
    t21 = _task_sections(_page(site, f"/{CODE}/T2/"))["T2.1"]
    practice = parse(t21.split('id="T2.1-practice"')[1], whole=True).text
    assert practice.index("陳先生來電") < practice.index("練習 1")
    for number, output in enumerate(standard.task("T2.1").outputs, start=1):
        assert f"練習 {number}：做出「{output.name}」（工作產出 {output.code}）" in practice
    assert "用上面的情境與材料" in practice


def test_readiness_page_counts_the_trainer_s_work(site: Path) -> None:
    text = parse(_page(site, f"/{CODE}/readiness/")).text
    assert "單元導入 1／4 25%" in text  # T2 has its introduction
    assert "單元時數 2／4 50%" in text
    resources = text.split("知識與技能的學習資源")[-1].split("工作任務的練習情境")[0]
    assert "K11" not in resources and "S03" not in resources and "K01" in resources


def test_the_header_shows_the_course_s_name(site: Path) -> None:
    html = _page(site, f"/{CODE}/T1/")
    header = html.split('class="md-header__topic"')[1].split("</div>")[0]
    assert "汽車售後服務接待實務" in header


def test_extra_page_is_in_the_course(site: Path) -> None:
    assert "一位客戶遲到了半小時" in parse(_page(site, f"/{CODE}/pages/個案/")).text
    assert "個案討論" in _page(site, f"/{CODE}/T1/")  # in the course's navigation
    steps = study_steps(_page(site, f"/{CODE}/"))  # and among the ways to study, in step 5
    assert len(steps) == 6 and "講師另外準備了：個案討論" in steps[4]


def test_nothing_of_the_hidden_task_anywhere(site: Path, standard: Standard) -> None:
    task = standard.task(HIDDEN)
    traces = [
        HIDDEN,
        *(p.code for p in task.indicators),
        *(p.text for p in task.indicators),
        *(o.code for o in task.outputs),
    ]
    for page in sorted(site.rglob("*.html")):
        text = parse(page.read_text("utf-8"), whole=True).text
        if f"/{CODE}/" not in f"/{page.relative_to(site).as_posix()}":
            continue
        found = [t for t in traces if t in text]
        assert not found, (page, found)


def test_quiz_has_the_own_question_not_the_disabled_one(site: Path) -> None:
    html = _page(site, f"/{CODE}/quiz-T2/")
    assert f'data-qid="{CODE}/own/1"' in html
    assert "預約表上最重要的資訊是什麼？" in parse(html).text
    assert 'data-pass="80"' in html
    assert f'data-qid="{DISABLED}"' not in _page(site, f"/{CODE}/quiz-T1/")
    assert f'data-qid="{DISABLED}"' not in _page(site, f"/{CODE}/quiz/")


def test_logo_from_site_overrides(site: Path) -> None:
    assert (site / "assets" / "logo.svg").is_file()
    assert re.search(r'<img src="\.\./assets/logo\.svg"', _page(site, f"/{CODE}/"))


def test_trainer_files_are_not_published_as_raw_files(site: Path) -> None:
    assert not (site / CODE / "course.yml").exists()
    assert not (site / CODE / "T2.md").exists()


def test_rebuild_with_nothing_changed_keeps_trainer_files(site: Path) -> None:
    root = site.parent
    before = {n: (root / n).read_bytes() for n in FILES}
    assert build_site(root, site_url=None) == 0
    assert {n: (root / n).read_bytes() for n in FILES} == before
