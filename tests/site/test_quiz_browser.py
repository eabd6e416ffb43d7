"""A module quiz in headless Chromium, answered with the keyboard alone."""

from __future__ import annotations

import math
from typing import Any

import pytest

from generator.quiz.generate import build_bank
from generator.quiz.model import Question, QuestionType
from tests.site.conftest import Built
from tests.site.test_browser import AXE, _axe, base_url, browser, page  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

def _active(page: Any, expression: str) -> Any:
    return page.evaluate(f"() => {{ const e = document.activeElement; return {expression}; }}")


def _key(question: Question) -> list[str]:
    if question.type is QuestionType.MATCHING:
        return [p.right for p in question.pairs]
    return [o.code for o in question.options if o.correct]


def _tab_into_quiz(page: Any) -> None:
    for _ in range(300):
        page.keyboard.press("Tab")
        if _active(page, "!!e.closest('form.cg-quiz') && e.matches('input, select')"):
            return
    pytest.fail("the quiz cannot be reached with the Tab key")


def _answer(page: Any, question: Question, right: bool) -> None:
    """Answer the focused question with the keyboard, then Tab past it."""
    assert _active(page, "e.closest('.cg-q').dataset.qid") == question.id
    key = _key(question)
    if question.type is QuestionType.MULTIPLE:
        for _ in question.options:
            if (_active(page, "e.value") in key) == right:
                page.keyboard.press("Space")
            page.keyboard.press("Tab")
    elif question.type is QuestionType.MATCHING:
        for wanted in key:
            for _ in range(len(question.options) + 1):
                if (_active(page, "e.value") == wanted) == right and _active(page, "e.value"):
                    break
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Tab")
    else:
        page.keyboard.press("Space")  # selects the first option of the radio group
        for _ in question.options:
            if (_active(page, "e.value") in key) == right:
                break
            page.keyboard.press("ArrowDown")  # moves to and selects the next option
        page.keyboard.press("Tab")


def _js_round(value: float) -> str:
    """The score as quiz.js prints it: one decimal, half up, no trailing .0."""
    rounded = math.floor(value * 10 + 0.5) / 10
    return str(int(rounded)) if rounded.is_integer() else str(rounded)


def test_answer_by_keyboard_score_feedback_reload_and_reset(
    page: Any, seeds_site: Built
) -> None:
    standard = seeds_site.standards[0]
    duty = standard.duties[1]
    questions = build_bank(standard).for_duty(duty.code)
    page.goto(f"/{standard.code}/quiz-{duty.code}/")
    page.wait_for_load_state("networkidle")

    _tab_into_quiz(page)
    for n, question in enumerate(questions):
        _answer(page, question, right=n != 0)  # the first one wrong, every other one right
    assert _active(page, "e.type + ':' + e.textContent.trim()") == "submit:檢查答案"
    page.keyboard.press("Enter")

    result = page.locator(".cg-quiz-result")
    score = _js_round(100 * (len(questions) - 1) / len(questions))
    assert f"得分 {score} 分" in result.text_content()
    assert ("已通過" if float(score) >= 60 else "尚未通過") in result.text_content()
    first, second = page.locator(".cg-q").nth(0), page.locator(".cg-q").nth(1)
    assert first.locator(".cg-verdict").text_content() == "答錯了。"
    assert "✗ 你的選擇不正確" in first.text_content()
    assert "正確答案" in first.text_content()
    assert second.locator(".cg-verdict").text_content() == "答對了！"
    task = questions[0].task
    assert first.locator(f".cg-review a[href$='#{task}']").count() == 1  # back to the task

    page.reload()
    page.wait_for_load_state("networkidle")
    assert f"得分 {score} 分" in page.locator(".cg-quiz-result").text_content()
    assert page.locator(".cg-q input:checked").count() > 0

    page.locator(".cg-quiz-reset").focus()
    page.keyboard.press("Enter")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator(".cg-q input:checked").count() == 0
    assert page.locator(".cg-quiz-result").text_content() == ""


def test_retry_clears_answers_and_reshuffles_options(page: Any, seeds_site: Built) -> None:
    standard = seeds_site.standards[1]
    page.goto(f"/{standard.code}/quiz-{standard.duties[0].code}/")
    page.wait_for_load_state("networkidle")
    order = "() => [...document.querySelectorAll('.cg-options input')].map(i => i.id).join()"
    before = page.evaluate(order)
    page.locator(".cg-options input").first.check()
    page.locator(".cg-quiz-retry").click()
    assert page.evaluate(order) != before
    assert page.locator(".cg-q input:checked").count() == 0


def test_quiz_page_accessibility_after_checking(page: Any, seeds_site: Built) -> None:
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run npm ci")
    standard = seeds_site.standards[0]
    page.goto(f"/{standard.code}/quiz-{standard.duties[0].code}/")
    page.wait_for_load_state("networkidle")
    page.locator(".cg-options input").first.check()
    page.locator("button[type=submit]").click()
    problems = _axe(page)
    assert not problems, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in problems]
