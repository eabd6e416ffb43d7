"""A trainer's quiz edits, ``quizzes/<code>.yaml``: disable, reword, add their own questions.

Edits refer to generated questions by id. Ids are checked against the bank of the whole
standard (not only the taught part), so hiding a task never turns an edit into an error, while
a revision that removes a task does, naming the closest existing id.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostic, Severity, excerpt, suggest
from generator.load import read_trainer_yaml
from generator.model import Standard
from generator.quiz.model import FALSE, TRUE, Bank, Option, Question, QuestionType
from generator.yamlio import Located

# Words that turn a stem about what a task needs into one about what it does not need.
NEGATIONS = (
    "不需要",
    "不需",
    "不必",
    "不用",
    "用不到",
    "無須",
    "無需",
    "毋須",
    "不包括",
    "不屬於",
    "不是",
)


# What a trainer writes for the two options of a true/false question, by the answer it means.
TRUTH_WORDS = {
    TRUE: ("正確", "對", "是", "真", "○", "o", "true", "t", "yes"),
    FALSE: ("錯誤", "不正確", "錯", "否", "非", "假", "×", "x", "false", "f", "no"),
}


def truth_code(text: str) -> str | None:
    """TRUE or FALSE for an option text meaning it (「正確」「錯」「○」…), else None."""
    word = text.strip().rstrip("。.!！").strip().lower()
    return next((code for code, words in TRUTH_WORDS.items() if word in words), None)


def _reads_negative(stem: str) -> bool:
    return any(word in stem for word in NEGATIONS)


@dataclass(frozen=True)
class Reword:
    stem: str | None = None
    explanation: str | None = None


@dataclass(frozen=True)
class QuizEdits:
    disable: tuple[str, ...] = ()
    reword: tuple[tuple[str, Reword], ...] = ()
    add: tuple[Question, ...] = ()


def apply_edits(bank: Bank, edits: QuizEdits, taught: Standard) -> Bank:
    """The bank learners see: disabled questions out, rewording in, own questions added.

    Own questions about a task or duty the course does not teach are left out.
    """
    disabled = set(edits.disable)
    rewording = dict(edits.reword)
    tasks = {t.code for t in taught.tasks()}
    duties = {d.code for d in taught.duties}

    def reworded(question: Question) -> Question:
        change = rewording.get(question.id)
        if change is None:
            return question
        return replace(
            question,
            stem=change.stem or question.stem,
            explanation=change.explanation or question.explanation,
        )

    kept = [reworded(q) for q in bank.questions if q.id not in disabled]
    own = [
        q
        for q in edits.add
        if (q.task is None or q.task in tasks) and (q.duty is None or q.duty in duties)
    ]
    return Bank(bank.standard, (*kept, *own), bank.reasons)


def load_quiz_edits(
    path: Path, shown: str, standard: Standard, full_bank: Bank
) -> tuple[QuizEdits, list[Diagnostic]]:
    """Read ``quizzes/<code>.yaml`` if it exists; problems come back as diagnostics."""
    located, problems = read_trainer_yaml(path, shown, "quizzes")
    if located is None:
        return QuizEdits(), problems
    data: dict[str, Any] = located.data or {}
    ids = [q.id for q in full_bank.questions]
    check = _Checker(shown, located, standard, ids, problems)
    for i, question_id in enumerate(data.get("disable", [])):
        check.known_id(question_id, ("disable", i))
    for question_id, change in data.get("reword", {}).items():
        check.known_id(question_id, ("reword", question_id))
        if question_id in ids and change.get("stem"):
            check.same_sense(full_bank.question(question_id), change["stem"])
    own = tuple(check.own(item, i) for i, item in enumerate(data.get("add", [])))
    edits = QuizEdits(
        disable=tuple(data.get("disable", [])),
        reword=tuple(
            (qid, Reword(change.get("stem"), change.get("explanation")))
            for qid, change in data.get("reword", {}).items()
        ),
        add=own,
    )
    return edits, problems


@dataclass
class _Checker:
    file: str
    located: Located
    standard: Standard
    ids: list[str]
    problems: list[Diagnostic]

    def error(self, path: tuple[str | int, ...], message: str) -> None:
        self.problems.append(Diagnostic(self.file, self.located.line(path), message))

    def known_id(self, question_id: str, path: tuple[str | int, ...]) -> None:
        if question_id not in self.ids:
            hint = suggest(question_id, self.ids)
            self.error(path, f"題庫中沒有題目 {excerpt(question_id)}{hint}")

    def same_sense(self, question: Question, stem: str) -> None:
        """Warn when a reworded stem reads the other way round from the generated one: its key
        was derived from the generated sense (需要 or 不需要), and learners would be marked
        wrong for answering what the new wording asks."""
        if question.relation is None or question.relation.negated == _reads_negative(stem):
            return
        generated, reworded = ("否定", "肯定") if question.relation.negated else ("肯定", "否定")
        self.problems.append(
            Diagnostic(
                self.file,
                self.located.line(("reword", question.id, "stem")),
                f"題目 {question.id} 自動產生的題幹是{generated}句（「{question.stem}」），"
                f"答案依此推得；改寫後讀起來是{reworded}句，學員會被判錯。"
                "請改成同樣的意思，或停用這一題並加入自己的題目。",
                Severity.WARNING,
            )
        )

    def own(self, item: dict[str, Any], index: int) -> Question:
        path: tuple[str | int, ...] = ("add", index)
        question_id = item["id"]
        if question_id in self.ids:
            self.error(
                (*path, "id"), f"自訂題目的代號 {excerpt(question_id)} 與自動產生的題目重複。"
            )
        self.ids.append(question_id)
        task, duty = item.get("task"), item.get("duty")
        tasks = [t.code for t in self.standard.tasks()]
        duties = [d.code for d in self.standard.duties]
        if task is not None and task not in tasks:
            self.error(
                (*path, "task"),
                f"{self.standard.code} 沒有工作任務 {excerpt(task)}{suggest(task, tasks)}",
            )
            task = None
        if duty is not None and duty not in duties:
            self.error(
                (*path, "duty"),
                f"{self.standard.code} 沒有主要職責 {excerpt(duty)}{suggest(duty, duties)}",
            )
            duty = None
        if task is not None:
            duty = self.standard.duty_of(task).code
        options = tuple(
            Option(str(n), o["text"], o["correct"]) for n, o in enumerate(item["options"], start=1)
        )
        self._check_options(item["type"], options, path)
        if item["type"] == QuestionType.TRUE_FALSE.value and len(options) == 2:
            options = self._true_false(options, path)
        return Question(
            id=question_id,
            type=QuestionType(item["type"]),
            stem=item["stem"],
            options=options,
            explanation=item.get("explanation", ""),
            duty=duty,
            task=task,
            assesses=tuple(item.get("assesses", [task] if task else [])),
            relation=None,
        )

    def _true_false(
        self, options: tuple[Option, ...], path: tuple[str | int, ...]
    ) -> tuple[Option, ...]:
        """The options coded TRUE and FALSE by what their texts say, as generated ones are:
        exports and the quiz page read the key from the codes, not from the option's place."""
        codes = [truth_code(o.text) for o in options]
        if sorted(c or "" for c in codes) != [FALSE, TRUE]:
            texts = "」「".join(excerpt(o.text) for o in options)
            self.error(
                (*path, "options"),
                f"是非題的兩個選項要一個是「正確」、一個是「錯誤」（目前是「{texts}」）。",
            )
            return options
        return tuple(replace(o, code=c or o.code) for o, c in zip(options, codes, strict=True))

    def _check_options(
        self, kind: str, options: tuple[Option, ...], path: tuple[str | int, ...]
    ) -> None:
        right = sum(o.correct for o in options)
        texts = [o.text for o in options]
        if len(set(texts)) != len(texts):
            self.error((*path, "options"), "自訂題目有重複的選項。")
        if kind == "multiple" and not (right >= 1 and right < len(options)):
            self.error((*path, "options"), "複選題至少要有一個正確選項與一個錯誤選項。")
        if kind in ("single", "true_false") and right != 1:
            self.error((*path, "options"), f"這一題要剛好一個正確選項，目前有 {right} 個。")
        if kind == "true_false" and len(options) != 2:
            self.error((*path, "options"), "是非題要剛好兩個選項（例如「正確」「錯誤」）。")
