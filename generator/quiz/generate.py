"""Standard -> question bank: a pure, deterministic function.

For every task: a question on its knowledge, on its skills, on its outputs (when it has any)
and on its indicators, both ways round; for every K, S and output, which tasks need or produce
it; for every attitude, its definition, plus a matching question. Every option's key comes from
``relations.holds``, and a question is only asked when enough wrong options exist that are
really wrong; otherwise it falls back to a safer form (negative, true/false) or is not asked.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from generator.model import Standard, Task
from generator.quiz.model import (
    Bank,
    Option,
    Pair,
    Question,
    QuestionType,
    Relation,
    RelationName,
)
from generator.quiz.relations import Facts

CHOICES = 4  # options of a single-choice question
MULTIPLE_MAX = 5  # options of a multiple-response question
TRUE, FALSE = "true", "false"
MATCHING_PAIRS = 5

Rank = Callable[[str], tuple[int, str]]  # orders candidate answers: the smallest is asked


def _in_order(code: str) -> tuple[int, str]:
    return (0, code)


def build_bank(standard: Standard) -> Bank:
    facts = Facts.of(standard)
    questions = [
        *_task_questions(standard, facts),
        *_reverse_questions(standard, facts),
        *_attitude_questions(standard, facts),
    ]
    return Bank(standard.code, tuple(_balance_positions(questions)))


# --- option pools ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pool:
    """Every option a relation could offer about one subject, with what a learner reads."""

    facts: Facts
    relation: RelationName
    subject: str
    texts: dict[str, str]  # option code -> text, in the standard's order
    preferred: frozenset[str] = frozenset()  # codes of sibling items, tried first as distractors

    def holds(self, code: str) -> bool:
        return self.facts.holds(self.relation, self.subject, code)

    def split(self, negated: bool) -> tuple[list[str], list[str]]:
        """Codes that answer the question, and codes that are safely wrong.

        A wrong option whose words equal those of an answer is dropped: it would look right.
        """
        answers = [c for c in self.texts if self.holds(c) != negated]
        answer_texts = {self.texts[c] for c in answers}
        wrong = [
            c for c in self.texts if self.holds(c) == negated and self.texts[c] not in answer_texts
        ]
        return answers, wrong


def _stable(*parts: str) -> int:
    """A stable pseudo-random number: the same on every run and machine."""
    return int(hashlib.sha256("|".join(parts).encode()).hexdigest()[:12], 16)


def _distractors(pool: _Pool, wrong: list[str], qid: str, anchor: str, count: int) -> list[str]:
    """Up to ``count`` wrong codes: siblings first, then similar length, with distinct words."""
    ranked = sorted(
        wrong,
        key=lambda c: (
            c not in pool.preferred,
            abs(len(pool.texts[c]) - len(anchor)),
            _stable(qid, c),
        ),
    )
    chosen: list[str] = []
    seen: set[str] = set()
    for code in ranked:
        if pool.texts[code] not in seen and len(chosen) < count:
            chosen.append(code)
            seen.add(pool.texts[code])
    return chosen


def _options(pool: _Pool, codes: Iterable[str], negated: bool) -> tuple[Option, ...]:
    return tuple(Option(c, pool.texts[c], pool.holds(c) != negated) for c in codes)


@dataclass(frozen=True)
class _Ask:
    """What a question is about, apart from its options."""

    qid: str
    stem: str
    explanation: str
    duty: str | None
    task: str | None
    assesses: tuple[str, ...]


def _single(ask: _Ask, pool: _Pool, rank: Rank, negated: bool = False) -> Question | None:
    answers, wrong = pool.split(negated)
    if not answers:
        return None
    answer = min(answers, key=rank)
    distractors = _distractors(pool, wrong, ask.qid, pool.texts[answer], CHOICES - 1)
    if len(distractors) < CHOICES - 1:
        return None
    return Question(
        id=ask.qid,
        type=QuestionType.SINGLE,
        stem=ask.stem,
        options=_options(pool, [answer, *distractors], negated),
        explanation=ask.explanation,
        duty=ask.duty,
        task=ask.task,
        assesses=tuple(dict.fromkeys([*ask.assesses, answer])),
        relation=Relation(pool.subject, pool.relation, negated),
    )


def _multiple(ask: _Ask, pool: _Pool, rank: Rank) -> Question | None:
    """Two or three right answers among at most five options, at least two of them wrong."""
    answers, wrong = pool.split(negated=False)
    distinct = list({pool.texts[c]: c for c in sorted(answers, key=rank, reverse=True)}.values())
    if len(distinct) < 2 or len(wrong) < 2:
        return None
    shown = sorted(distinct, key=rank)[:3]
    distractors = _distractors(
        pool, wrong, ask.qid, pool.texts[shown[0]], MULTIPLE_MAX - len(shown)
    )
    if len(distractors) < 2:
        return None
    codes = sorted([*shown, *distractors], key=lambda c: _stable(ask.qid, c))
    return Question(
        id=ask.qid,
        type=QuestionType.MULTIPLE,
        stem=ask.stem,
        options=_options(pool, codes, negated=False),
        explanation=ask.explanation,
        duty=ask.duty,
        task=ask.task,
        assesses=tuple(dict.fromkeys([*ask.assesses, *shown])),
        relation=Relation(pool.subject, pool.relation),
    )


def _true_false(ask: _Ask, pool: _Pool, statement: str, stems: tuple[str, str]) -> Question:
    """A true/false question about ``statement``; ``stems``: the positive and negative wording.

    True/false arises only where every option holds (a task needing every K, say), so the
    positive statement is always true. About half of the questions state the negative (false)
    instead, chosen by a stable hash of the id, so that answering 正確 every time does not pay.
    """
    negated = _stable(ask.qid, "negated") % 2 == 1
    true = pool.holds(statement) != negated
    return Question(
        id=ask.qid,
        type=QuestionType.TRUE_FALSE,
        stem=stems[negated],
        options=(Option(TRUE, "正確", true), Option(FALSE, "錯誤", not true)),
        explanation=ask.explanation,
        duty=ask.duty,
        task=ask.task,
        assesses=tuple(dict.fromkeys([*ask.assesses, statement])),
        relation=Relation(pool.subject, pool.relation, negated),
        statement=statement,
    )


# --- naming ------------------------------------------------------------------------------


def _task_label(task: Task) -> str:
    return f"{task.code} {task.name}"


def _listing(items: Iterable[str]) -> str:
    return "、".join(items)


def _task_texts(standard: Standard) -> dict[str, str]:
    return {t.code: _task_label(t) for t in standard.tasks()}


def _siblings(standard: Standard, task: Task) -> list[Task]:
    return [t for t in standard.duty_of(task.code).tasks if t.code != task.code]


def _usage(standard: Standard, field: str) -> dict[str, int]:
    """How many tasks use each K or S: the fewer, the more telling an answer it is."""
    counts: dict[str, int] = {}
    for task in standard.tasks():
        for code in getattr(task, field):
            counts[code] = counts.get(code, 0) + 1
    return counts


# --- questions on each task ---------------------------------------------------------------


def _task_questions(standard: Standard, facts: Facts) -> Iterator[Question]:
    for task in standard.tasks():
        yield from _requirement_questions(standard, facts, task, "knowledge")
        yield from _requirement_questions(standard, facts, task, "skills")
        yield from _output_question(standard, facts, task)
        yield from _indicator_questions(standard, facts, task)


_REQUIREMENT = {
    "knowledge": (RelationName.NEEDS_KNOWLEDGE, "知識"),
    "skills": (RelationName.NEEDS_SKILL, "技能"),
}


def _requirement_questions(
    standard: Standard, facts: Facts, task: Task, field: str
) -> Iterator[Question]:
    """Single choice; negative when the task needs nearly all; true/false when it needs all."""
    relation, kind = _REQUIREMENT[field]
    items = standard.knowledge if field == "knowledge" else standard.skills
    names = {i.code: i.name for i in items}
    siblings = {c for t in _siblings(standard, task) for c in getattr(t, field)}
    pool = _Pool(facts, relation, task.code, names, frozenset(siblings))
    usage = _usage(standard, field)

    def rank(code: str) -> tuple[int, str]:
        return (usage.get(code, 0), code)

    needed = getattr(task, field)
    label = _task_label(task)
    explanation = (
        f"依職能基準，執行「{label}」需要的{kind}有："
        f"{_listing(f'{c} {names[c]}' for c in needed if c in names)}。"
    )
    duty = standard.duty_of(task.code).code
    qid = f"{standard.code}/{task.code}/{field}-1"
    base = _Ask(qid, "", explanation, duty, task.code, (task.code,))
    if field == "skills":
        multiple = _multiple(
            replace(base, stem=f"執行「{label}」時，需要下列哪些{kind}？（可複選）"), pool, rank
        )
        if multiple:
            yield multiple
            return
    single = _single(replace(base, stem=f"執行「{label}」時，需要下列哪一項{kind}？"), pool, rank)
    if single is None:
        single = _single(
            replace(
                base,
                stem=f"執行「{label}」時，不需要下列哪一項{kind}？",
                explanation=explanation + f"不在其中的{kind}就是答案。",
            ),
            pool,
            rank,
            negated=True,
        )
    if single is not None:
        yield single
    elif needed:
        statement = min(needed, key=rank)
        item = f"「{statement} {names[statement]}」"
        stems = (f"執行「{label}」時，需要{item}。", f"執行「{label}」時，不需要{item}。")
        yield _true_false(base, pool, statement, stems)


def _output_question(standard: Standard, facts: Facts, task: Task) -> Iterator[Question]:
    if not task.outputs:
        return
    texts = {o.code: o.name for o in standard.outputs()}
    siblings = {o.code for t in _siblings(standard, task) for o in t.outputs}
    pool = _Pool(facts, RelationName.PRODUCES_OUTPUT, task.code, texts, frozenset(siblings))
    label = _task_label(task)
    ask = _Ask(
        qid=f"{standard.code}/{task.code}/output-1",
        stem=f"下列哪一項是「{label}」的工作產出？",
        explanation=f"「{label}」的工作產出是：{_listing(o.name for o in task.outputs)}。",
        duty=standard.duty_of(task.code).code,
        task=task.code,
        assesses=(task.code,),
    )
    question = _single(ask, pool, rank=_in_order)
    if question is not None:
        yield question


def _indicator_questions(standard: Standard, facts: Facts, task: Task) -> Iterator[Question]:
    """Which indicator belongs to the task, and which task an indicator belongs to."""
    if not task.indicators:
        return
    duty = standard.duty_of(task.code).code
    label = _task_label(task)
    texts = {p.code: p.text for p in standard.indicators()}
    siblings = {p.code for t in _siblings(standard, task) for p in t.indicators}
    first = task.indicators[0]
    pool = _Pool(facts, RelationName.HAS_INDICATOR, task.code, texts, frozenset(siblings))
    ask = _Ask(
        qid=f"{standard.code}/{task.code}/indicator-1",
        stem=f"下列哪一項是「{label}」的行為指標？",
        explanation=f"「{label}」的行為指標包括 {first.code}：{first.text}",
        duty=duty,
        task=task.code,
        assesses=(task.code,),
    )
    question = _single(ask, pool, rank=_in_order)
    if question is not None:
        yield question
    if task.shares_with is not None:
        return  # its indicators are asked about from the task that owns the row
    last = task.indicators[-1]
    owners = [t for t in standard.tasks() if last.text in {p.text for p in t.indicators}]
    reverse = _Pool(
        facts,
        RelationName.INDICATOR_OF_TASK,
        last.code,
        _task_texts(standard),
        frozenset(t.code for t in standard.duty_of(task.code).tasks),
    )
    ask = _Ask(
        qid=f"{standard.code}/{last.code}/task-1",
        stem=f"「{last.text}」是下列哪{'些' if len(owners) > 1 else '一項'}工作任務的行為指標？"
        + ("（可複選）" if len(owners) > 1 else ""),
        explanation=f"這是「{_listing(_task_label(t) for t in owners)}」的行為指標 {last.code}。",
        duty=duty,
        task=task.code,
        assesses=(last.code,),
    )
    question = (_multiple if len(owners) > 1 else _single)(ask, reverse, _in_order)
    if question is not None:
        yield question


# --- course-wide questions: which tasks need a K or S, or produce an output -----------------


def _reverse_questions(standard: Standard, facts: Facts) -> Iterator[Question]:
    for field, relation, kind in (
        ("knowledge", RelationName.KNOWLEDGE_NEEDED_BY, "知識"),
        ("skills", RelationName.SKILL_NEEDED_BY, "技能"),
    ):
        items = standard.knowledge if field == "knowledge" else standard.skills
        for item in items:
            users = [t for t in standard.tasks() if item.code in getattr(t, field)]
            label = f"{item.code} {item.name}"
            ask = _Ask(
                qid=f"{standard.code}/{item.code}/tasks-1",
                stem="",
                explanation=f"需要{kind}「{label}」的工作任務有："
                f"{_listing(_task_label(t) for t in users) or '（無）'}。",
                duty=None,
                task=None,
                assesses=(item.code,),
            )
            question = _which_tasks(
                standard, facts, ask, relation, item.code, label, len(users), kind
            )
            if question is not None:
                yield question
    yield from _output_owner_questions(standard, facts)


def _which_tasks(
    standard: Standard,
    facts: Facts,
    ask: _Ask,
    relation: RelationName,
    subject: str,
    label: str,
    users: int,
    kind: str,
) -> Question | None:
    pool = _Pool(facts, relation, subject, _task_texts(standard))
    if users == 1:
        return _single(replace(ask, stem=f"下列哪一項工作任務需要「{label}」？"), pool, _in_order)
    question = _multiple(
        replace(ask, stem=f"下列哪些工作任務需要「{label}」這項{kind}？（可複選）"), pool, _in_order
    )
    if question is None:
        question = _single(
            replace(ask, stem=f"下列哪一項工作任務不需要「{label}」？"),
            pool,
            _in_order,
            negated=True,
        )
    if question is None and users:
        first = next(t for t in standard.tasks() if pool.holds(t.code))
        task = _task_label(first)
        stems = (f"執行「{task}」時，需要「{label}」。", f"執行「{task}」時，不需要「{label}」。")
        question = _true_false(ask, pool, first.code, stems)
    return question


def _output_owner_questions(standard: Standard, facts: Facts) -> Iterator[Question]:
    """「預約表」是哪些工作任務的工作產出？ — every task that produces it is a right answer."""
    seen: set[str] = set()
    for output in standard.outputs():
        if output.name in seen:
            continue
        seen.add(output.name)
        owners = [t for t in standard.tasks() if output.name in {o.name for o in t.outputs}]
        pool = _Pool(facts, RelationName.OUTPUT_OF_TASK, output.code, _task_texts(standard))
        many = len(owners) > 1
        ask = _Ask(
            qid=f"{standard.code}/{output.code}/tasks-1",
            stem=f"「{output.name}」是下列哪{'些' if many else '一項'}工作任務的工作產出？"
            + ("（可複選）" if many else ""),
            explanation=f"以「{output.name}」為工作產出的工作任務："
            f"{_listing(_task_label(t) for t in owners)}。",
            duty=None,
            task=None,
            assesses=tuple(o.code for o in standard.outputs() if o.name == output.name),
        )
        question = (_multiple if many else _single)(ask, pool, _in_order)
        if question is not None:
            yield question


# --- attitudes -------------------------------------------------------------------------------


def _attitude_questions(standard: Standard, facts: Facts) -> Iterator[Question]:
    defined = [a for a in standard.attitudes if a.definition]
    texts = {a.code: a.definition or "" for a in defined}
    for attitude in defined:
        pool = _Pool(facts, RelationName.ATTITUDE_DEFINITION, attitude.code, texts)
        ask = _Ask(
            qid=f"{standard.code}/{attitude.code}/definition-1",
            stem=f"「{attitude.code} {attitude.name}」指的是下列哪一種表現？",
            explanation=f"「{attitude.name}」的定義是：{attitude.definition}",
            duty=None,
            task=None,
            assesses=(attitude.code,),
        )
        question = _single(ask, pool, rank=_in_order)
        if question is not None:
            yield question
    # Matching needs one definition per attitude: two attitudes defined alike cannot be told apart.
    counts = Counter(a.definition for a in defined)
    distinct = [a for a in defined if counts[a.definition] == 1]
    for n, start in enumerate(range(0, len(distinct), MATCHING_PAIRS), start=1):
        group = distinct[start : start + MATCHING_PAIRS]
        if len(group) < 3:
            continue
        yield Question(
            id=f"{standard.code}/attitudes/matching-{n}",
            type=QuestionType.MATCHING,
            stem="請為每一項態度選出它的定義。",
            options=tuple(
                Option(a.code, a.definition or "", True)
                for a in sorted(group, key=lambda a: _stable(standard.code, a.code))
            ),
            explanation="；".join(f"{a.name}：{a.definition}" for a in group),
            duty=None,
            task=None,
            assesses=tuple(a.code for a in group),
            relation=Relation("*", RelationName.ATTITUDE_DEFINITION),
            pairs=tuple(Pair(a.code, f"{a.code} {a.name}", a.code) for a in group),
        )


# --- positions ------------------------------------------------------------------------------


def _balance_positions(questions: list[Question]) -> Iterator[Question]:
    """Put the answer of the n-th single-choice question at position n mod 4, across the bank."""
    n = 0
    for question in questions:
        if question.type is QuestionType.SINGLE:
            options = list(question.options)
            answer = next(o for o in options if o.correct)
            options.remove(answer)
            options.insert(n % len(question.options), answer)
            n += 1
            question = replace(question, options=tuple(options))
        yield question
