"""The trainer's assessment kit in the built site, checked against the standard and the bank."""

from __future__ import annotations

import re

from generator.export import FORMATS, export_course
from generator.project import load_project
from generator.render.quiz import final_quiz, module_quizzes
from tests.site.conftest import Built
from tests.site.htmltools import normalize, parse


def _sections(html: str) -> dict[str, str]:
    """The text of each checklist sheet, by the id of its heading."""
    parts = re.split(r'<h2 [^>]*\bid="check-([^"]+)"', html)
    return {parts[i]: parse(parts[i + 1], whole=True).text for i in range(1, len(parts), 2)}


def test_one_checklist_per_task_with_its_indicators_and_outputs(any_site: Built) -> None:
    for standard in any_site.standards:
        sheets = _sections(any_site.page(f"/{standard.code}/checklists/"))
        assert list(sheets) == [t.code for t in standard.tasks()]
        for task in standard.tasks():
            sheet = sheets[task.code]
            for label in ("學員姓名", "評量人員", "評量日期", "達成", "未達成", "備註"):
                assert label in sheet
            # a task of a row group is observed on its row's indicators and outputs
            observed = standard.row_group(task.code) or task
            for p in observed.indicators:
                assert f"{p.code} {normalize(p.text)}" in sheet
            for o in observed.outputs:
                assert f"{o.code} {normalize(o.name)}" in sheet
            others = {p.code for p in standard.indicators()} - {p.code for p in observed.indicators}
            assert not [c for c in others if re.search(rf"\b{re.escape(c)}\b", sheet)]


def test_mapping_covers_every_p_by_a_checklist_and_every_k_s_by_a_quiz_item_or_checklist(
    seeds_site: Built,
) -> None:
    for course in load_project(seeds_site.root).courses:
        standard, bank = course.taught, course.bank
        text = parse(seeds_site.page(f"/{standard.code}/mapping/")).text
        assert "每一項都至少有一種評量方式" in text
        for p in standard.indicators():
            owner = next(t for t in standard.tasks() if p in t.indicators)
            assert re.search(rf"{re.escape(p.code)} .*? {re.escape(owner.code)} 檢核表", text)
        for field, items in (("knowledge", standard.knowledge), ("skills", standard.skills)):
            for item in items:
                assessing = [q for q in bank.questions if item.code in q.assesses]
                users = [t for t in standard.tasks() if item.code in getattr(t, field)]
                assert assessing or users, item.code
                if not assessing:  # observed on the checklist of a task that needs it
                    assert re.search(rf"{re.escape(item.code)} .*? {users[0].code} 檢核表", text)
                    continue
                short = assessing[0].id.removeprefix(f"{standard.code}/")
                assert re.search(rf"\b{re.escape(item.code)} .*?{re.escape(short)}", text)


def test_answer_key_lists_every_quiz_question_with_its_answer(seeds_site: Built) -> None:
    for course in load_project(seeds_site.root).courses:
        text = parse(seeds_site.page(f"/{course.standard.code}/answer-key/")).text
        for quiz in (*module_quizzes(course), final_quiz(course)):
            assert normalize(quiz.title) in text
            for q in quiz.questions:
                assert q.qid.removeprefix(f"{course.standard.code}/") in text
                for option in q.options:
                    if option.correct and q.type in ("single", "multiple"):
                        assert f"{option.letter}. {normalize(option.text)}" in text


def test_every_export_can_be_downloaded(seeds_site: Built) -> None:
    for course in load_project(seeds_site.root).courses:
        code = course.standard.code
        html = seeds_site.page(f"/{code}/exports/")
        for fmt in FORMATS.values():
            assert f'href="../downloads/{code}{fmt.suffix}"' in html
            published = (seeds_site.site / code / "downloads" / f"{code}{fmt.suffix}").read_bytes()
            assert published == export_course(fmt.name, course)
            # The link names the file; the size is in KB, as a file manager shows it.
            link = f'href="../downloads/{code}{fmt.suffix}">{code}{fmt.suffix}</a>'
            assert link in html
            assert f"{len(published) / 1024:.0f} KB" in html


def test_kit_pages_are_not_in_the_search_index(seeds_site: Built) -> None:
    for standard in seeds_site.standards:  # each course has its own search index
        path = seeds_site.site / standard.code / "search" / "search_index.json"
        index = path.read_text("utf-8")
        for page in ("trainer", "checklists", "mapping", "coverage", "answer-key", "exports"):
            assert f'"location":"{page}/' not in index


def test_trainer_pages_are_reached_from_the_trainers_area_not_the_learners_nav(
    seeds_site: Built,
) -> None:
    for standard in seeds_site.standards:
        home = seeds_site.page(f"/{standard.code}/")
        nav = home[home.index('class="md-nav') :]
        for page in ("trainer", "checklists", "mapping", "coverage", "answer-key", "exports"):
            assert f'href="{page}/"' not in nav, page  # no link a learner could follow
        hub = seeds_site.page(f"/{standard.code}/trainer/")
        for page in ("checklists", "mapping", "coverage", "answer-key", "exports"):
            assert f'href="../{page}/"' in hub, page
