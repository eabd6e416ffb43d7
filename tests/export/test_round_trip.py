"""Every question type, the trainer's own included, with the text trainers really type, read
back by parsers that are not ours: gift-pegjs, PHP running Moodle's XML and CSV reading, the
IMS CP XSD. Expected values come from the trainer's file written here, never from the exporter.
"""

from __future__ import annotations

import html
import io
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from generator.export.common import ExportError
from generator.export.gift import gift
from generator.export.moodle_csv import moodle_competency_csv
from generator.export.moodle_xml import moodle_xml
from generator.export.qti import qti_package
from generator.model import Item, Standard
from generator.quiz.custom import load_quiz_edits
from generator.quiz.generate import build_bank
from generator.quiz.model import Bank, Option, Pair, Question, QuestionType
from tests.export.conftest import load
from tests.export.gift_reader import read_gift
from tests.export.moodle_php import moodle_csv_rows, moodle_xml_texts
from tests.export.parsers import assert_valid, gift_pegjs, imscp_schema

CODE = "KPS5220-005v2"
# What trainers type: every character a format reserves, and the sequences that mean
# something to one of them (a GIFT weight, a matching arrow, a comment, a CDATA end, HTML).
NASTY = (
    "~ = # { } : \\ < > & \" '",
    "%50% 看似半對的選項",
    "左邊 -> 右邊",
    "// 不是註解",
    "第一行\n第二行",
    "<script>alert('x')</script>",
    "結尾 ]]> 之後",
    "A & <B>",
    "A &amp; &lt;B&gt;",
    "[html] 不是格式標記",
    '反斜線 \\" 引號',
    "%-100% 也不是配分",
)


def _option(text: str, correct: bool) -> dict[str, Any]:
    return {"text": text, "correct": correct}


def _own(
    qid: str, kind: str, stem: str, options: list[tuple[str, bool]], **more: str
) -> dict[str, Any]:
    """One question of the trainer's file, as they write it (``more``: task, duty,
    explanation)."""
    return {"id": qid, "type": kind, "stem": stem, "options": [_option(*o) for o in options]} | more


# The trainer's file: one question of each type they can write; true/false both ways round,
# and with the options in either order and in other words.
OWN: list[dict[str, Any]] = [
    _own(
        "own/single",
        "single",
        NASTY[0],
        [(NASTY[1], False), (NASTY[2], True), (NASTY[5], False), (NASTY[11], False)],
        task="T1.1",
        explanation=NASTY[4],
    ),
    _own(
        "own/multiple",
        "multiple",
        NASTY[3],
        [(NASTY[7], True), (NASTY[8], False), (NASTY[9], True), (NASTY[6], False)],
        task="T1.1",
        explanation=NASTY[10],
    ),
    _own(
        "own/tf-true",
        "true_false",
        "接待前要先確認預約表。" + NASTY[7],
        [("正確", True), ("錯誤", False)],
        task="T1.1",
    ),
    _own(
        "own/tf-false",
        "true_false",
        "接待時不必理會客戶的問題。",
        [("正確", False), ("錯誤", True)],
        task="T1.1",
        explanation=NASTY[6],
    ),
    _own(
        "own/tf-reversed",
        "true_false",
        "選項先寫錯誤的是非題。",
        [("錯誤", True), ("正確", False)],
        duty="T1",
    ),
    _own(
        "own/tf-symbols",
        "true_false",
        "用符號作答的是非題（答案是 ○）。",
        [("×", False), ("○", True)],
    ),
]


def _truth(question: dict[str, Any]) -> bool:
    """Whether the trainer's true/false statement is true, read from their option texts."""
    right = next(o["text"] for o in question["options"] if o["correct"])
    return right in ("正確", "○")


@pytest.fixture(scope="module")
def standard() -> Standard:
    return load(CODE)


@pytest.fixture(scope="module")
def own(standard: Standard, tmp_path_factory: pytest.TempPathFactory) -> Bank:
    """The trainer's questions as coursegen loads them from quizzes/<code>.yaml."""
    path = tmp_path_factory.mktemp("quizzes") / f"{CODE}.yaml"
    path.write_text(yaml.safe_dump({"add": OWN}, allow_unicode=True), "utf-8")
    edits, problems = load_quiz_edits(path, path.name, standard, build_bank(standard))
    assert problems == []
    return Bank(CODE, edits.add)


def _matching(standard: Standard) -> Question:
    """A matching question (generated banks have them; trainers cannot write one) of nasty text."""
    rights = [Option(f"R{n}", text, True) for n, text in enumerate(NASTY[5:9])]
    pairs = tuple(Pair(f"L{n}", NASTY[n], f"R{(n + 1) % 3}") for n in range(3))
    return Question(
        id=f"{standard.code}/attitudes/matching-nasty",
        type=QuestionType.MATCHING,
        stem=NASTY[4],
        options=tuple(rights),
        explanation=NASTY[6],
        duty=None,
        task=None,
        assesses=(),
        relation=None,
        pairs=pairs,
    )


def _plain(text: dict[str, str]) -> str:
    return html.unescape(text["text"]) if text["format"] == "html" else text["text"]


# --- GIFT --------------------------------------------------------------------------------------


def test_gift_pegjs_reads_the_trainers_questions(standard: Standard, own: Bank) -> None:
    parsed = [q for q in gift_pegjs(gift(standard, own)) if q["type"] != "Category"]
    assert [q["id"] for q in parsed] == [q["id"] for q in OWN]  # [id:…], Moodle's idnumber
    assert [q["title"] for q in parsed] == [q["id"] for q in OWN]
    for question, read in zip(OWN, parsed, strict=True):
        assert _plain(read["stem"]) == question["stem"]
        assert _plain(read["globalFeedback"] or {"format": "", "text": ""}) == question.get(
            "explanation", ""
        )
        if question["type"] == "true_false":
            assert read["type"] == "TF"
            assert read["isTrue"] is _truth(question), question["id"]
            continue
        assert read["type"] == "MC"
        texts = [_plain(c["text"]) for c in read["choices"]]
        assert texts == [o["text"] for o in question["options"]]
        if question["type"] == "single":
            # The one "=" answer is the right one; no other option carries a weight.
            assert [c["isCorrect"] for c in read["choices"]] == [
                o["correct"] for o in question["options"]
            ]
            assert all(c["weight"] in (None, 0) for c in read["choices"])
        else:
            weights = [c["weight"] for c in read["choices"]]
            assert weights == [50 if o["correct"] else -50 for o in question["options"]]


def test_moodles_gift_rules_read_the_trainers_questions(standard: Standard, own: Bank) -> None:
    """The reader restating Moodle's qformat_gift: the same answers, weights and keys."""
    parsed = read_gift(gift(standard, own))
    for question, read in zip(OWN, parsed, strict=True):
        if question["type"] == "true_false":
            assert read.truth is _truth(question), question["id"]
            continue
        assert [a.text.plain for a in read.answers] == [o["text"] for o in question["options"]]
        expected = [(100 if o["correct"] else 0) for o in question["options"]]
        if question["type"] == "multiple":
            expected = [(50 if o["correct"] else -50) for o in question["options"]]
        assert [int(a.weight) for a in read.answers] == expected, question["id"]


def test_gift_pegjs_reads_a_matching_question(standard: Standard) -> None:
    question = _matching(standard)
    (read,) = [
        q for q in gift_pegjs(gift(standard, Bank(CODE, (question,)))) if q["type"] != "Category"
    ]
    assert read["type"] == "Matching"
    assert _plain(read["stem"]) == NASTY[4]
    rights = {o.code: o.text for o in question.options}
    expected = [(p.left_text, rights[p.right]) for p in question.pairs]
    expected += [("", NASTY[8])]  # the right-hand text no pair uses
    assert [(_plain(m["subquestion"]), m["subanswer"]) for m in read["matchPairs"]] == expected


# --- Moodle XML ------------------------------------------------------------------------------


def _xml_texts(data: bytes) -> list[str]:
    root = etree.fromstring(data)
    return [e.text or "" for e in root.iter("text", "idnumber")]


def test_moodle_reads_every_xml_text_whole(standard: Standard, own: Bank) -> None:
    """PHP's parser with Moodle's whitespace rule reads each text as an XML parser does."""
    bank = Bank(CODE, (*own.questions, _matching(standard)))
    data = moodle_xml(standard, bank)
    assert moodle_xml_texts(data) == _xml_texts(data)
    texts = {html.unescape(t) for t in _xml_texts(data)}
    for text in NASTY:
        assert text in texts


def test_moodle_xml_keys_the_trainers_questions(standard: Standard, own: Bank) -> None:
    root = etree.fromstring(moodle_xml(standard, own))
    read = [q for q in root.findall("question") if q.get("type") != "category"]
    assert [q.findtext("idnumber") for q in read] == [q["id"] for q in OWN]
    for question, element in zip(OWN, read, strict=True):
        assert html.unescape(element.findtext("questiontext/text") or "") == question["stem"]
        answers = element.findall("answer")
        fractions = {a.findtext("text"): float(a.get("fraction") or "") for a in answers}
        if question["type"] == "true_false":
            assert element.get("type") == "truefalse"
            truth = _truth(question)
            assert fractions == {"true": 100 * truth, "false": 100 * (not truth)}, question["id"]
            continue
        texts = [html.unescape(a.findtext("text") or "") for a in answers]
        assert texts == [o["text"] for o in question["options"]]


# --- QTI 2.1 ---------------------------------------------------------------------------------

QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"


def test_qti_package_of_the_trainers_questions(standard: Standard, own: Bank) -> None:
    bank = Bank(CODE, (*own.questions, _matching(standard)))
    with zipfile.ZipFile(io.BytesIO(qti_package(standard, bank))) as package:
        assert_valid(imscp_schema(), package.read("imsmanifest.xml"))
        items = [etree.fromstring(package.read(n)) for n in package.namelist()[1:]]
    by_title = {item.get("title"): item for item in items}
    for question in OWN:
        item = by_title[question["stem"]]
        choices = item.findall(f".//{QTI}simpleChoice")
        assert [c.text for c in choices] == [o["text"] for o in question["options"]]
        key = f"{QTI}responseDeclaration/{QTI}correctResponse/{QTI}value"
        correct = [v.text for v in item.findall(key)]
        options = zip(choices, question["options"], strict=True)
        assert correct == [c.get("identifier") for c, o in options if o["correct"]], question["id"]


# --- the competency CSV ------------------------------------------------------------------------


def test_moodle_reads_every_csv_cell_whole(standard: Standard) -> None:
    """Descriptions and names of nasty text: every row 14 columns, every cell as written."""
    nasty = replace(
        standard,
        description=NASTY[10],
        knowledge=tuple(
            Item(k.code, NASTY[n % len(NASTY)]) for n, k in enumerate(standard.knowledge)
        ),
    )
    rows = moodle_csv_rows(moodle_competency_csv(nasty).encode("utf-8"))
    assert rows[0][0] == "Parent ID number"  # the byte order mark is not part of the header
    assert all(len(row) == 14 for row in rows)
    assert rows[1][3] == NASTY[10]
    by_id = {row[1]: row for row in rows}
    for n, item in enumerate(standard.knowledge):
        expected = NASTY[n % len(NASTY)]
        assert by_id[f"{CODE}-{item.code}"][3] == expected


def test_csv_opens_as_utf8_in_a_spreadsheet(standard: Standard) -> None:
    """Moodle drops a byte order mark before reading, so the file can carry one for Excel."""
    assert moodle_competency_csv(standard).startswith("\ufeff")


# --- explanations ----------------------------------------------------------------------------


def test_attitude_explanations_read_as_one_sentence(standard: Standard) -> None:
    matching = [q for q in build_bank(standard).questions if q.type is QuestionType.MATCHING]
    assert matching
    for question in matching:
        assert "。；" not in question.explanation
        assert question.explanation.endswith("。")


def test_trainer_true_false_in_other_words_is_an_error(standard: Standard, tmp_path: Path) -> None:
    path = tmp_path / f"{CODE}.yaml"
    path.write_text(
        "add:\n"
        "  - id: own/maybe\n"
        "    type: true_false\n"
        "    stem: 這句話對嗎？\n"
        "    options:\n"
        "      - {text: 可能, correct: true}\n"
        "      - {text: 不一定, correct: false}\n",
        "utf-8",
    )
    _, problems = load_quiz_edits(path, path.name, standard, build_bank(standard))
    assert [p.line for p in problems] == [6]
    assert "「正確」" in problems[0].message and "「可能」「不一定」" in problems[0].message


# --- the generated banks of the seeds --------------------------------------------------------

GIFT_TYPES = {
    QuestionType.SINGLE: "MC",
    QuestionType.MULTIPLE: "MC",
    QuestionType.TRUE_FALSE: "TF",
    QuestionType.MATCHING: "Matching",
}


def test_gift_pegjs_reads_every_generated_question(seed: tuple[Standard, Bank]) -> None:
    standard, bank = seed
    parsed = [q for q in gift_pegjs(gift(standard, bank)) if q["type"] != "Category"]
    assert [q["id"] for q in parsed] == [q.id for q in bank.questions]
    for question, read in zip(bank.questions, parsed, strict=True):
        assert read["type"] == GIFT_TYPES[question.type], question.id
        assert _plain(read["stem"]) == question.stem
        if question.type is QuestionType.TRUE_FALSE:
            right = next(o for o in question.options if o.correct)
            assert read["isTrue"] is (right.text == "正確"), question.id
        elif question.type is QuestionType.MATCHING:
            rights = {o.code: o.text for o in question.options}
            pairs = [(_plain(m["subquestion"]), m["subanswer"]) for m in read["matchPairs"]]
            assert pairs[: len(question.pairs)] == [
                (p.left_text, rights[p.right]) for p in question.pairs
            ]
        else:
            texts = [_plain(c["text"]) for c in read["choices"]]
            assert texts == [o.text for o in question.options]


def test_moodle_reads_every_generated_xml_text_whole(seed: tuple[Standard, Bank]) -> None:
    standard, bank = seed
    data = moodle_xml(standard, bank)
    assert moodle_xml_texts(data) == _xml_texts(data)


def test_csv_cell_ending_in_a_backslash_is_refused_clearly(standard: Standard) -> None:
    """fgetcsv would read the backslash as escaping the closing quote and shift every column."""
    broken = replace(standard, description="結尾是反斜線 \\")
    with pytest.raises(ExportError, match="反斜線"):
        moodle_competency_csv(broken)
