"""Quiz pages in the built site, checked against the question bank built from the standard."""

from __future__ import annotations

import base64
import json
import re
from html.parser import HTMLParser

from generator.quiz.coverage import coverage
from generator.quiz.generate import build_bank
from generator.quiz.model import Question, QuestionType
from tests.site.conftest import Built
from tests.site.htmltools import normalize, parse


class _Form(HTMLParser):
    """The quiz form's questions: their data attributes, controls and labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.questions: list[dict[str, str]] = []
        self.inputs: list[dict[str, str]] = []  # radio/checkbox/select, with the question id
        self.labels: set[str] = set()  # the "for" of every label
        self.legends = 0
        self.fieldsets = 0
        self.hidden_actions = False
        self.details_open: bool | None = None
        self.result: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "li" and "cg-q" in a.get("class", "").split():
            self.questions.append(a)
        elif tag in ("input", "select") and self.questions:
            self.inputs.append({**a, "question": self.questions[-1]["id"], "tag": tag})
        elif tag == "label" and "for" in a:
            self.labels.add(a["for"])
        elif tag == "legend":
            self.legends += 1
        elif tag == "fieldset":
            self.fieldsets += 1
        elif tag == "div" and "cg-quiz-actions" in a.get("class", ""):
            self.hidden_actions = "hidden" in a
        elif "cg-quiz-result" in a.get("class", ""):
            self.result = a
        elif tag == "details" and "cg-answer-key" in a.get("class", ""):
            self.details_open = "open" in a


def _form(html: str) -> _Form:
    form = _Form()
    form.feed(html)
    return form


def _expected_key(question: Question) -> list[str]:
    if question.type is QuestionType.MATCHING:
        return [p.right for p in question.pairs]
    return [o.code for o in question.options if o.correct]


def _unsealed(attrs: dict[str, str]) -> dict[str, object]:
    """Open a question's sealed key as quiz.js does: base64, XOR with the question id, JSON."""
    mask = attrs["data-qid"].encode()
    raw = base64.b64decode(attrs["data-sealed"])
    opened: dict[str, object] = json.loads(
        bytes(b ^ mask[i % len(mask)] for i, b in enumerate(raw)).decode()
    )
    return opened


def test_every_module_has_a_quiz_with_its_questions(any_site: Built) -> None:
    for standard in any_site.standards:
        bank = build_bank(standard)
        for duty in standard.duties:
            module = any_site.page(f"/{standard.code}/{duty.code}/")
            assert f'href="../quiz-{duty.code}/"' in module  # the module links to its quiz
            html = any_site.page(f"/{standard.code}/quiz-{duty.code}/")
            form = _form(html)
            expected = bank.for_duty(duty.code)
            assert [q["data-qid"] for q in form.questions] == [q.id for q in expected]
            sealed = [_unsealed(q) for q in form.questions]
            assert [s["key"] for s in sealed] == [_expected_key(q) for q in expected]
            text = parse(html).text
            for question, opened in zip(expected, sealed, strict=True):
                assert normalize(question.stem) in text
                for option in question.options:
                    assert normalize(option.text) in text
                # the explanation is there for the script, but not readable in the page
                assert opened["explanation"] == question.explanation
                assert normalize(question.explanation) not in normalize(html)


def test_questions_are_accessible_form_controls(any_site: Built) -> None:
    standard = any_site.standards[0]
    html = any_site.page(f"/{standard.code}/quiz-{standard.duties[0].code}/")
    form = _form(html)
    assert form.fieldsets == form.legends == len(form.questions) > 0
    ids = [i["id"] for i in form.inputs]
    assert len(ids) == len(set(ids))
    assert set(ids) <= form.labels  # every control has a label
    assert form.result["role"] == "status"  # the score is announced
    assert form.result["aria-live"] == "polite"


def test_without_javascript_no_key_is_shown_and_buttons_hidden(any_site: Built) -> None:
    standard = any_site.standards[0]
    html = any_site.page(f"/{standard.code}/quiz/")
    form = _form(html)
    assert form.hidden_actions is True
    assert form.details_open is None  # the answer key is on the trainers' page only
    assert "data-key" not in html and "答案與解析" not in parse(html).text
    assert "複選題的計分" in parse(html).text  # the rule of partial credit is stated


def test_final_quiz_covers_every_task_and_the_course_wide_questions(any_site: Built) -> None:
    for standard in any_site.standards:
        bank = build_bank(standard)
        form = _form(any_site.page(f"/{standard.code}/quiz/"))
        shown = {q["data-qid"] for q in form.questions}
        assert {q.id for q in bank.questions if q.duty is None} <= shown
        tasks = {q.task for q in bank.questions if q.id in shown and q.task}
        assert tasks == {t.code for t in standard.tasks()}


def test_quiz_pages_are_not_in_the_search_index(any_site: Built) -> None:
    index = json.loads((any_site.site / "search" / "search_index.json").read_text("utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert not [x for x in locations if re.search(r"/(quiz(-[^/]*)?|coverage)/", x)]


def test_coverage_page_lists_every_item_and_flags_the_unassessed(any_site: Built) -> None:
    for standard in any_site.standards:
        text = parse(any_site.page(f"/{standard.code}/coverage/")).text
        for row in coverage(standard, build_bank(standard)):
            assert row.code in text
            if not row.questions:
                assert re.search(rf"{re.escape(row.code)} .*?未評量", text)
