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
    assert first.locator(".cg-verdict").text_content().startswith("答錯了。正確答案：")
    assert "✗ 錯誤選項，你選了" in first.text_content()
    assert second.locator(".cg-verdict").text_content().startswith("答對了！")
    assert first.locator(".cg-explanation").text_content() == questions[0].explanation
    assert first.locator(".cg-review a").count() >= 1  # where to review

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


def test_explanation_opens_only_after_checking(page: Any, seeds_site: Built) -> None:
    standard = seeds_site.standards[0]
    question = build_bank(standard).for_duty(standard.duties[0].code)[0]
    page.goto(f"/{standard.code}/quiz-{standard.duties[0].code}/")
    page.wait_for_load_state("networkidle")
    first = page.locator(".cg-q").first
    assert question.explanation not in page.content()  # nor in the page's source
    assert not first.locator(".cg-feedback").is_visible()
    page.locator("button[type=submit]").click()
    assert first.locator(".cg-feedback").is_visible()
    assert first.locator(".cg-explanation").text_content() == question.explanation


def test_the_key_is_written_in_the_letters_shown_after_a_reshuffle(
    page: Any, seeds_site: Built
) -> None:
    standard = seeds_site.standards[0]
    page.goto(f"/{standard.code}/quiz-{standard.duties[1].code}/")
    page.wait_for_load_state("networkidle")
    page.locator(".cg-quiz-retry").click()
    page.locator("button[type=submit]").click()
    for n in range(page.locator(".cg-q[data-type=single]").count()):
        question = page.locator(".cg-q[data-type=single]").nth(n)
        options = question.locator(".cg-options li")
        keyed = [
            "ABCD"[i]
            for i in range(options.count())
            if "正確答案" in (options.nth(i).text_content() or "")
        ]
        assert question.locator(".cg-verdict").text_content().endswith(f"正確答案：{keyed[0]}。")


def test_retry_keeps_the_last_and_the_best_score(page: Any, seeds_site: Built) -> None:
    standard = seeds_site.standards[0]
    duty = standard.duties[1]
    questions = build_bank(standard).for_duty(duty.code)
    page.goto(f"/{standard.code}/quiz-{duty.code}/")
    page.wait_for_load_state("networkidle")
    for question in questions:  # every answer right
        item = page.locator(f".cg-q[data-qid='{question.id}']")
        for option in question.options:
            if option.correct and question.type is not QuestionType.MATCHING:
                item.locator(f"input[value='{option.code}']").check()
        for n, pair in enumerate(question.pairs):
            item.locator("select").nth(n).select_option(pair.right)
    page.locator("button[type=submit]").click()
    assert "得分 100 分" in page.locator(".cg-quiz-result").text_content()
    page.locator(".cg-quiz-retry").click()
    page.locator("button[type=submit]").click()  # nothing answered: 0
    assert "得分 0 分" in page.locator(".cg-quiz-result").text_content()
    assert "最高分是 100 分" in page.locator(".cg-quiz-result").text_content()
    page.goto(f"/{standard.code}/")
    page.wait_for_load_state("networkidle")
    link = page.locator(f"[data-cg-quiz$='{duty.code}']")
    assert "最近 0 分・最高 100 分・已通過" in link.text_content()


def test_multiple_response_wording_matches_the_score(page: Any, seeds_site: Built) -> None:
    standard = seeds_site.standards[0]
    question = next(q for q in build_bank(standard).questions if q.type is QuestionType.MULTIPLE)
    page.goto(f"/{standard.code}/quiz{'-' + question.duty if question.duty else ''}/")
    page.wait_for_load_state("networkidle")
    item = page.locator(f".cg-q[data-qid='{question.id}']")
    wrong = next(o.code for o in question.options if not o.correct)
    item.locator(f"input[value='{question.correct_codes[0]}']").check()
    item.locator(f"input[value='{wrong}']").check()
    page.locator("button[type=submit]").click()
    verdict = item.locator(".cg-verdict").text_content()
    keys = len(question.correct_codes)
    earned = max(0.0, 1 / keys - 1 / (len(question.options) - keys))
    if earned:
        assert verdict.startswith(f"部分正確：得到這一題 {round(earned * 100)}% 的分數。"), verdict
    else:  # never 「答錯了」 beside a 「正確答案，你選了」 mark without saying why
        assert verdict.startswith("這一題得 0 分：你勾選了 1 個正確選項，但也勾選了 1 個錯誤選項")
