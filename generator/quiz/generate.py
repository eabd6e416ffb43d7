"""Standard -> question bank: a pure, deterministic function.

Every question records the relation of the standard that makes each option right or wrong
(``relations.Facts.holds``), so its key can be recomputed at any time. What makes the bank a
measure of competence rather than of test-wiseness:

- learners read names, never codes; tasks of the same name are told apart by their duty;
- a wrong option is really wrong: never a spelling variant or near-duplicate (``cues.similar``)
  of anything right, and never the same visible text as another option;
- no cue gives a blind learner more than chance (``audit``): among the option sets that are
  possible, one is chosen in which no option repeats the stem's words unless all do, no duty
  gives away the keys of a multiple-response item, and the key is not the only longest or
  shortest option where that can be avoided;
- keys are spread: single-choice keys over the four places in equal numbers, in an order that
  follows a hash of the ids (no run pattern); multiple-response items have 1 to n-1 keys;
  true/false statements are half true, half false, never about a fact that holds for every
  task and never negated;
- one question per fact: tasks with the same knowledge (or skills) are asked about once;
- every indicator is asked about (which task it belongs to; which output it names) unless no
  cue-free question exists, in which case the bank says why (``Bank.reasons``) and the
  indicator is assessed by the checklist.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as default
from functools import cache, cached_property
from itertools import combinations, islice
from typing import Any

from generator.model import Attitude, Standard, Task
from generator.quiz.audit import CUES, Context
from generator.quiz.cues import shared_words, similar
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
MATCHING_PAIRS = 5
TRUE, FALSE = "true", "false"
BLANK = "＿＿＿＿"
_CANDIDATES = 6  # distractors tried per question (the best-ranked ones)
_TRIES = 24  # option sets judged per question at most
_CLAUSE = re.compile(r"[，；。：]")

# Why an indicator has no question (shown on the coverage page).
REASON_ROW = "此行為指標屬於同一列的數項工作任務，不單獨歸屬某一任務，請以評量檢核表評量。"
REASON_CUE = "能出的題目都有字詞或選項線索（不懂工作也猜得到），請以評量檢核表評量。"


def build_bank(standard: Standard) -> Bank:
    builder = _Builder(standard, Facts.of(standard))
    drafts = [
        *builder.task_questions(),
        *builder.reverse_questions(),
        *builder.attitude_questions(),
    ]
    questions = _place_keys(_decide_statements(drafts))
    asked = {code for q in questions for code in q.assesses}
    reasons = tuple(
        (p.code, builder.reasons.get(p.code, REASON_CUE))
        for p in standard.indicators()
        if p.code not in asked
    )
    return Bank(standard.code, tuple(questions), reasons)


def _stable(*parts: str) -> int:
    """A stable pseudo-random number: the same on every run and machine."""
    return int(hashlib.sha256("|".join(parts).encode()).hexdigest()[:12], 16)


# --- option pools ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pool:
    """Every option a relation could offer about one subject, with what a learner reads."""

    facts: Facts
    relation: RelationName
    subject: str
    texts: dict[str, str]  # option code -> text, in the standard's order
    aliases: dict[str, tuple[str, ...]] = default(default_factory=dict)  # other spellings
    preferred: frozenset[str] = frozenset()  # codes tried first as distractors (siblings)
    avoid: frozenset[str] = frozenset()  # codes never offered (look too much like the key)

    @cached_property
    def truth(self) -> dict[str, bool]:
        return {c: self.facts.holds(self.relation, self.subject, c) for c in self.texts}

    def holds(self, code: str) -> bool:
        return self.truth[code]

    def words(self, code: str) -> tuple[str, ...]:
        return (self.texts[code], *self.aliases.get(code, ()))

    def universe(self) -> tuple[str, ...]:
        return tuple(w for c in self.texts for w in self.words(c))

    def split(self, negated: bool) -> tuple[list[str], list[str]]:
        """Codes that answer the question (one per visible text), and codes that are surely
        wrong: not the words, a variant or a near-duplicate of any answer."""
        answering = {c: self.holds(c) != negated for c in self.texts}
        answers = list(
            {
                self.texts[c]: c
                for c in reversed(self.texts)
                if answering[c] and c not in self.avoid
            }.values()
        )[::-1]
        right = {w for c in self.texts if answering[c] for w in self.words(c)}
        lookalikes = _similar_groups(self.universe())
        wrong = [
            c
            for c in self.texts
            if not answering[c]
            and c not in self.avoid
            and not any(lookalikes[w] & right for w in self.words(c))
        ]
        return answers, list({self.texts[c]: c for c in reversed(wrong)}.values())[::-1]


@cache
def _similar_groups(universe: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Each text of ``universe`` with the texts it could be taken for (itself included)."""
    return {a: frozenset(b for b in universe if a == b or similar(a, b)) for a in universe}


@dataclass(frozen=True)
class _Ask:
    """What a question is about, apart from its options."""

    qid: str
    kind: str
    stem: str
    explanation: str
    duty: str | None
    task: str | None
    assesses: tuple[str, ...]


def _question(
    ask: _Ask, pool: _Pool, codes: Sequence[str], negated: bool, kind: QuestionType
) -> Question:
    return Question(
        id=ask.qid,
        type=kind,
        stem=ask.stem,
        options=tuple(Option(c, pool.texts[c], pool.holds(c) != negated) for c in codes),
        explanation=ask.explanation,
        duty=ask.duty,
        task=ask.task,
        assesses=ask.assesses,
        relation=Relation(pool.subject, pool.relation, negated),
        kind=ask.kind,
    )


def _cue_cost(question: Question, duty_of: dict[str, str]) -> int | None:
    """None when a word or duty cue gives a blind learner more than a near-even guess (the key
    tied with at least two other options); otherwise how many length cues (only longest, only
    shortest) the option set has."""
    context = Context(None, duty_of)
    tolerance = 1 / (len(question.options) - 1) + 1e-9
    for name in ("words", "duty"):
        got = CUES[name](question, context)
        if got is not None and got > tolerance:
            return None
    guess = 1 / len(question.options) + 1e-9
    return sum((CUES[name](question, context) or 0.0) > guess for name in ("longest", "shortest"))


def _best(candidates: Iterable[Question], duty_of: dict[str, str]) -> Question | None:
    """The first option set without a length cue, else the one with the fewest cues.

    Length cues are cheap to count, word and duty cues are not: a set is judged fully only
    when it could be the best one so far.
    """
    best: tuple[int, Question] | None = None
    for question in islice(candidates, _TRIES):
        if best is not None and _length_cues(question) >= best[0]:
            continue
        cost = _cue_cost(question, duty_of)
        if cost is not None and (best is None or cost < best[0]):
            best = (cost, question)
            if cost == 0:
                break
    return best[1] if best else None


def _can_hide(stem: str, pool: _Pool, key: str, distractors: list[str]) -> bool:
    """Whether a key that repeats the stem's words can be outdone by a distractor, or matched by
    two: without them no option set of this key passes the word cue (a quick pre-check)."""
    shared = shared_words(stem, pool.texts[key])
    others = [shared_words(stem, pool.texts[c]) for c in distractors]
    return not shared or max(others, default=0) > shared or sum(n >= shared for n in others) >= 2


def _length_cues(question: Question) -> int:
    """1 for a key that is the only longest option, 1 for the only shortest (single keys)."""
    lengths = [len(o.text) for o in question.options]
    keyed = [len(o.text) for o in question.options if o.correct]
    if len(keyed) != 1:
        return 0
    return sum(
        lengths.count(extreme) == 1 and keyed[0] == extreme
        for extreme in (max(lengths), min(lengths))
    )


def _ranked(pool: _Pool, wrong: list[str], qid: str, anchor: str) -> list[str]:
    """The wrong codes worth offering, best first: siblings, then similar length."""
    return sorted(
        wrong,
        key=lambda c: (
            c not in pool.preferred,
            abs(len(pool.texts[c]) - len(anchor)) // 3,
            _stable(qid, c),
        ),
    )[:_CANDIDATES]


# --- the builder -------------------------------------------------------------------------


class _Builder:
    """Drafts every question of one standard; remembers which facts were already asked."""

    def __init__(self, standard: Standard, facts: Facts) -> None:
        self.standard = standard
        self.facts = facts
        self.duty_of = {t.code: standard.duty_of(t.code).code for t in standard.tasks()}
        self.labels = _task_labels(standard)
        self.asked: set[tuple[object, ...]] = set()
        self.reasons: dict[str, str] = {}

    def about(self, task: Task, kind: str, stem: str, explanation: str, number: int = 1) -> _Ask:
        """A question on ``task`` (its module's quiz), id ``<standard>/<task>/<kind>-<n>``."""
        return _Ask(
            f"{self.standard.code}/{task.code}/{kind}-{number}",
            kind,
            stem,
            explanation,
            self.duty_of[task.code],
            task.code,
            (task.code,),
        )

    def fresh(self, *fact: object) -> bool:
        """Whether this fact set is not asked yet (and from now on, it is)."""
        if fact in self.asked:
            return False
        self.asked.add(fact)
        return True

    # --- choosing options --------------------------------------------------------------

    def single(
        self, ask: _Ask, pool: _Pool, rank: Callable[[str], Any], negated: bool = False
    ) -> Question | None:
        answers, wrong = pool.split(negated)
        for answer in sorted(answers, key=rank)[:4]:
            distractors = _ranked(pool, wrong, ask.qid, pool.texts[answer])
            if not negated and not _can_hide(ask.stem, pool, answer, distractors):
                continue
            sets = (
                _question(ask, pool, (answer, *chosen), negated, QuestionType.SINGLE)
                for chosen in combinations(distractors, CHOICES - 1)
            )
            found = _best(sets, self.duty_of)
            if found is not None:
                return replace(found, assesses=(*ask.assesses, *_codes(found, negated)))
        return None

    def multiple(self, ask: _Ask, pool: _Pool, rank: Callable[[str], Any]) -> Question | None:
        """1 to n-1 keys among at most five options; the number of keys varies by question."""
        answers, wrong = pool.split(negated=False)
        size = min(MULTIPLE_MAX, len(answers) + len(wrong))
        low, high = max(1, size - len(wrong)), min(len(answers), size - 1)
        if size < CHOICES or low > high:
            return None
        counts = list(range(low, high + 1))
        start = _stable(ask.qid, "keys") % len(counts)
        keys_ranked = sorted(answers, key=rank)[:_CANDIDATES]
        distractors = _ranked(pool, wrong, ask.qid, pool.texts[keys_ranked[0]])
        for count in counts[start:] + counts[:start]:
            sets = (
                _question(
                    ask,
                    pool,
                    # a salt of its own: the keys were chosen by the same hash
                    sorted((*keys, *others), key=lambda c: _stable(ask.qid, "order", c)),
                    False,
                    QuestionType.MULTIPLE,
                )
                for keys in combinations(keys_ranked, count)
                for others in combinations(distractors, size - count)
            )
            found = _best(sets, self.duty_of)
            if found is not None:
                return replace(found, assesses=(*ask.assesses, *found.correct_codes))
        return None

    # --- questions on each task ------------------------------------------------------------

    def task_questions(self) -> Iterator[Question | _Statement]:
        for task in self.standard.tasks():
            yield from self.requirement(task, "knowledge")
            yield from self.requirement(task, "skills")
            yield from self.output(task)
            yield from self.odd_indicator(task)
            statement = self.statement(task)
            if statement is not None:
                yield statement
            if task.shares_with is None:
                for indicator in task.indicators:
                    yield from self.indicator_task(task, indicator.code)
                    yield from self.cloze(task, indicator.code)

    def items(self, field: str) -> _Pool:
        items = self.standard.knowledge if field == "knowledge" else self.standard.skills
        relation = _REQUIREMENT[field][0]
        return _Pool(
            self.facts,
            relation,
            "",
            {i.code: i.name for i in items},
            {i.code: i.variants for i in items},
        )

    def usage(self, field: str) -> dict[str, int]:
        """How many tasks use each K or S: an item every task needs tells nothing of a task."""
        counts: dict[str, int] = {}
        for task in self.standard.tasks():
            for code in getattr(task, field):
                counts[code] = counts.get(code, 0) + 1
        return counts

    def requirement(self, task: Task, field: str) -> Iterator[Question]:
        """Which K (single choice) or S (multiple response) the task needs; negative (with 不)
        when it needs nearly all of them."""
        needed = frozenset(getattr(task, field))
        if not needed or not self.fresh(field, needed):
            return
        kind = _REQUIREMENT[field][1]
        siblings = {c for t in _siblings(self.standard, task) for c in getattr(t, field)}
        pool = replace(self.items(field), subject=task.code, preferred=frozenset(siblings))
        usage = self.usage(field)
        label = self.labels[task.code]
        names = pool.texts
        explanation = (
            f"依職能基準，執行「{label}」需要的{kind}有："
            f"{_listing(names[c] for c in getattr(task, field) if c in names)}。"
        )
        ask = self.about(task, field, "", explanation)

        def rank(code: str) -> tuple[int, str]:
            return (usage.get(code, 0), code)

        question = None
        if field == "skills":
            question = self.multiple(
                replace(ask, stem=f"執行「{label}」時，需要下列哪些{kind}？（可複選）"), pool, rank
            )
        question = question or self.single(
            replace(ask, stem=f"執行「{label}」時，需要下列哪一項{kind}？"), pool, rank
        )
        question = question or self.single(
            replace(
                ask,
                stem=f"執行「{label}」時，不需要下列哪一項{kind}？",
                explanation=explanation + f"不在其中的{kind}就是答案。",
            ),
            pool,
            lambda c: (-usage.get(c, 0), c),
            negated=True,
        )
        if question is not None:
            yield question

    def output(self, task: Task) -> Iterator[Question]:
        if not task.outputs or not self.fresh("outputs", frozenset(o.name for o in task.outputs)):
            return
        texts = {o.code: o.name for o in self.standard.outputs()}
        siblings = {o.code for t in _siblings(self.standard, task) for o in t.outputs}
        pool = _Pool(
            self.facts,
            RelationName.PRODUCES_OUTPUT,
            task.code,
            texts,
            preferred=frozenset(siblings),
        )
        label = self.labels[task.code]
        ask = self.about(
            task,
            "output",
            f"下列哪一項是「{label}」的工作產出？",
            f"「{label}」的工作產出是：{_listing(o.name for o in task.outputs)}。",
        )
        question = self.single(ask, pool, rank=lambda c: c)
        if question is not None:
            yield question

    def odd_indicator(self, task: Task) -> Iterator[Question]:
        """Three of the task's indicators and one of another task: which one is not its?

        Asked in turn over the indicators (1-3, 4-6, …, the last group filled up from the
        start), so that every indicator of the task is shown in one of them.
        """
        own = list({p.text: p for p in reversed(task.indicators)}.values())[::-1]
        if len(own) < CHOICES - 1 or _in_row(self.standard, task):
            return
        texts = {p.code: p.text for p in self.standard.indicators()}
        siblings = {p.code for t in _siblings(self.standard, task) for p in t.indicators}
        pool = _Pool(
            self.facts, RelationName.HAS_INDICATOR, task.code, texts, preferred=frozenset(siblings)
        )
        label = self.labels[task.code]
        foreign, _ = pool.split(negated=True)
        size = CHOICES - 1
        for n, start in enumerate(range(0, len(own), size), start=1):
            shown = [own[(start + i) % len(own)].code for i in range(size)]
            ask = self.about(
                task,
                "odd",
                f"下列哪一項不是「{label}」的行為指標？",
                f"「{label}」的行為指標是：{_listing(p.text.rstrip('。') for p in own)}。",
                n,
            )
            ask = replace(ask, assesses=(task.code, *shown))
            sets = (
                _question(ask, pool, (key, *shown), True, QuestionType.SINGLE)
                for key in _ranked(pool, foreign, ask.qid, texts[shown[0]])
            )
            question = _best(sets, self.duty_of)
            if question is not None:
                yield question

    def statement(self, task: Task) -> _Statement | None:
        """正確 or 錯誤: 「執行…時，需要…」 about an item that some tasks need and some do not."""
        fields = ("knowledge", "skills")
        first = _stable(task.code, "statement") % 2
        total = sum(1 for _ in self.standard.tasks())
        for field in fields[first:] + fields[:first]:
            needed = frozenset(getattr(task, field))
            if not self.fresh("statement", field, needed):
                continue
            usage = self.usage(field)
            pool = replace(self.items(field), subject=task.code)
            true = [c for c in sorted(needed) if usage.get(c, 0) < total]
            _, false = pool.split(negated=False)
            if not (true or false):
                continue
            relation, kind = _REQUIREMENT[field]
            label = self.labels[task.code]

            def said(code: str, pool: _Pool = pool, kind: str = kind, label: str = label) -> str:
                return f"執行「{label}」時，需要「{pool.texts[code]}」這項{kind}。"

            pick = _stable(task.code, field)
            return _Statement(
                ask=self.about(
                    task,
                    "statement",
                    "",
                    f"依職能基準，執行「{label}」需要的{kind}有："
                    f"{_listing(pool.texts[c] for c in getattr(task, field))}。",
                ),
                relation=Relation(task.code, relation),
                true=(true[pick % len(true)], said(true[pick % len(true)])) if true else None,
                false=(false[pick % len(false)], said(false[pick % len(false)])) if false else None,
            )
        return None

    # --- questions on each indicator ----------------------------------------------------------

    def indicator_task(self, task: Task, code: str) -> Iterator[Question]:
        """Which task a behaviour belongs to, among tasks with nothing like it."""
        text = self.facts.indicator_text[code]
        owners = [t for t in self.standard.tasks() if text in self.facts.indicator_texts[t.code]]
        if len(owners) > 1:
            self.reasons[code] = REASON_ROW
            return
        lookalikes = frozenset(
            t.code
            for t in self.standard.tasks()
            if t.code != task.code
            and (
                t.name == task.name
                or any(similar(text, other) for other in self.facts.indicator_texts[t.code])
            )
        )
        pool = _Pool(
            self.facts,
            RelationName.INDICATOR_OF_TASK,
            code,
            dict(self.labels),
            preferred=frozenset(t.code for t in _siblings(self.standard, task)),
            avoid=lookalikes,
        )
        ask = _Ask(
            f"{self.standard.code}/{code}/task-1",
            "task",
            f"「{text}」是下列哪一項工作任務的行為指標？",
            f"這是「{self.labels[task.code]}」的行為指標。",
            self.duty_of[task.code],
            task.code,
            (code, task.code),
        )
        question = self.single(ask, pool, rank=lambda c: c)
        if question is not None:
            yield replace(question, assesses=(code, task.code))

    def cloze(self, task: Task, code: str) -> Iterator[Question]:
        """An indicator naming an output, with the name blanked: which output goes there?"""
        text = self.facts.indicator_text[code]
        named = [o for o in self.standard.outputs() if o.name in text]
        if not named:
            return
        output = max(named, key=lambda o: len(o.name))
        pool = _Pool(
            self.facts,
            RelationName.NAMES_OUTPUT,
            code,
            {o.code: o.name for o in self.standard.outputs()},
            avoid=frozenset(o.code for o in named if o.name != output.name),
        )
        ask = _Ask(
            f"{self.standard.code}/{code}/cloze-1",
            "cloze",
            f"「{text.replace(output.name, BLANK, 1)}」空格中應填入哪一項工作產出？",
            f"完整的行為指標是：「{text}」",
            self.duty_of[task.code],
            task.code,
            (code, *(o.code for o in self.standard.outputs() if o.name == output.name)),
        )
        question = self.single(ask, pool, rank=lambda c: c)
        if question is not None:
            yield replace(question, assesses=ask.assesses)

    # --- course-wide: which tasks need a K or S, or produce an output ------------------------

    def reverse_questions(self) -> Iterator[Question]:
        for field, relation, kind in (
            ("knowledge", RelationName.KNOWLEDGE_NEEDED_BY, "知識"),
            ("skills", RelationName.SKILL_NEEDED_BY, "技能"),
        ):
            items = self.standard.knowledge if field == "knowledge" else self.standard.skills
            for item in items:
                users = frozenset(
                    t.code for t in self.standard.tasks() if item.code in getattr(t, field)
                )
                if not users or not self.fresh(relation, users):
                    continue
                ask = _Ask(
                    f"{self.standard.code}/{item.code}/tasks-1",
                    "tasks",
                    f"下列哪些工作任務需要「{item.name}」這項{kind}？（可複選）",
                    f"需要{kind}「{item.name}」的工作任務有："
                    f"{_listing(self.labels[t] for t in self.labels if t in users)}。",
                    None,
                    None,
                    (item.code,),
                )
                question = self.which_tasks(ask, relation, item.code)
                if question is not None:
                    yield question
        yield from self.output_owners()

    def which_tasks(self, ask: _Ask, relation: RelationName, subject: str) -> Question | None:
        pool = _Pool(self.facts, relation, subject, dict(self.labels))
        return self.multiple(ask, pool, rank=lambda c: _stable(ask.qid, c))

    def output_owners(self) -> Iterator[Question]:
        """「預約表」是哪些工作任務的工作產出？ — every task that produces it is right."""
        for output in self.standard.outputs():
            owners = frozenset(
                t.code
                for t in self.standard.tasks()
                if output.name in self.facts.output_names[t.code]
            )
            if not self.fresh(RelationName.OUTPUT_OF_TASK, output.name):
                continue
            ask = _Ask(
                f"{self.standard.code}/{output.code}/tasks-1",
                "tasks",
                f"「{output.name}」是下列哪些工作任務的工作產出？（可複選）",
                f"以「{output.name}」為工作產出的工作任務："
                f"{_listing(self.labels[t] for t in self.labels if t in owners)}。",
                None,
                None,
                tuple(o.code for o in self.standard.outputs() if o.name == output.name),
            )
            question = self.which_tasks(ask, RelationName.OUTPUT_OF_TASK, output.code)
            if question is not None:
                yield question

    # --- attitudes -----------------------------------------------------------------------------

    def attitude_questions(self) -> Iterator[Question]:
        defined = [a for a in self.standard.attitudes if a.definition]
        definitions = {a.code: a.definition or "" for a in defined}
        names = {a.code: a.name for a in defined}
        for attitude in defined:
            pool = _Pool(self.facts, RelationName.ATTITUDE_DEFINITION, attitude.code, definitions)
            ask = _Ask(
                f"{self.standard.code}/{attitude.code}/definition-1",
                "definition",
                f"「{attitude.name}」指的是下列哪一種表現？",
                f"「{attitude.name}」的定義是：{attitude.definition}",
                None,
                None,
                (attitude.code,),
            )
            question = self.single(ask, pool, rank=lambda c: c)
            if question is not None:
                yield replace(question, assesses=(attitude.code,))
            yield from self.behaviour(attitude.code, definitions, names)
        yield from self.matching(defined)

    def behaviour(
        self, code: str, definitions: dict[str, str], names: dict[str, str]
    ) -> Iterator[Question]:
        """A clause of one definition only: which attitude does this behaviour show?"""
        others = [c for other, d in definitions.items() if other != code for c in _clauses(d)]
        unique = [c for c in _clauses(definitions[code]) if not any(similar(c, o) for o in others)]
        for clause in sorted(unique, key=lambda c: _stable(code, c)):
            pool = _Pool(self.facts, RelationName.BEHAVIOUR_OF, clause, names)
            ask = _Ask(
                f"{self.standard.code}/{code}/behaviour-1",
                "behaviour",
                f"工作時「{clause}」，最能展現下列哪一種態度？",
                f"「{names[code]}」的定義是：{definitions[code]}",
                None,
                None,
                (code,),
            )
            question = self.single(ask, pool, rank=lambda c: c)
            if question is not None:
                yield replace(question, assesses=(code,))
                return

    def matching(self, attitudes: Sequence[Attitude]) -> Iterator[Question]:
        counts = Counter(a.definition for a in attitudes)
        # Two attitudes defined alike cannot be told apart.
        distinct = [a for a in attitudes if counts[a.definition] == 1]
        for n, start in enumerate(range(0, len(distinct), MATCHING_PAIRS), start=1):
            group = distinct[start : start + MATCHING_PAIRS]
            if len(group) < 3:
                continue
            yield Question(
                id=f"{self.standard.code}/attitudes/matching-{n}",
                type=QuestionType.MATCHING,
                stem="請為每一項態度選出它的定義。",
                options=tuple(
                    Option(a.code, a.definition or "", True)
                    for a in sorted(group, key=lambda a: _stable(self.standard.code, a.code))
                ),
                explanation="；".join(
                    f"{a.name}：{(a.definition or '').rstrip('。')}" for a in group
                )
                + "。",
                duty=None,
                task=None,
                assesses=tuple(a.code for a in group),
                relation=Relation("*", RelationName.ATTITUDE_DEFINITION),
                pairs=tuple(Pair(a.code, a.name, a.code) for a in group),
                kind="matching",
            )


# --- true/false: a statement is drafted both ways, then half are made false ------------------


@dataclass(frozen=True)
class _Statement:
    ask: _Ask
    relation: Relation
    true: tuple[str, str] | None  # (option code, stem) of a true statement
    false: tuple[str, str] | None

    def stated(self, truth: bool) -> Question:
        chosen = self.true if truth else self.false
        assert chosen is not None
        code, stem = chosen
        return Question(
            id=self.ask.qid,
            type=QuestionType.TRUE_FALSE,
            stem=stem,
            options=(Option(TRUE, "正確", truth), Option(FALSE, "錯誤", not truth)),
            explanation=self.ask.explanation,
            duty=self.ask.duty,
            task=self.ask.task,
            assesses=(*self.ask.assesses, code),
            relation=self.relation,
            statement=code,
            kind=self.ask.kind,
        )


def _decide_statements(drafts: list[Question | _Statement]) -> list[Question]:
    """Half of the statements true, half false, in an order no guesser can follow."""
    statements = sorted(
        (d for d in drafts if isinstance(d, _Statement)), key=lambda s: _stable(s.ask.qid, "tf")
    )
    truth: dict[str, bool] = {}
    made = [0, 0]  # false, true
    for statement in statements:
        wanted = made[1] <= made[0]
        if (statement.true if wanted else statement.false) is None:
            wanted = not wanted
        truth[statement.ask.qid] = wanted
        made[wanted] += 1
    return [d.stated(truth[d.ask.qid]) if isinstance(d, _Statement) else d for d in drafts]


def _place_keys(questions: list[Question]) -> list[Question]:
    """Single choice: each place (1-4) keyed equally often, and each step from one key's place
    to the next (same, one after, …) equally often too, so neither 'always B' nor 'one after
    the last' pays; the place follows a hash of the id where the counts leave a choice."""
    places, steps = [0] * CHOICES, [0] * CHOICES
    previous: int | None = None
    placed = []
    for question in questions:
        if question.type is QuestionType.SINGLE:
            last, qid = previous, question.id

            def cost(p: int, last: int | None = last, qid: str = qid) -> tuple[int, int]:
                step = 0 if last is None else steps[(p - last) % CHOICES]
                return (places[p] + step, _stable(qid, str(p)))

            place = min(range(len(question.options)), key=cost)
            places[place] += 1
            if previous is not None:
                steps[(place - previous) % CHOICES] += 1
            previous = place
            question = _with_key_at(question, place)
        placed.append(question)
    return placed


def _with_key_at(question: Question, place: int) -> Question:
    """The distractors in the order of a hash of their codes, the key at ``place``."""
    options = sorted(question.options, key=lambda o: _stable(question.id, o.code))
    key = next(o for o in options if o.correct)
    options.remove(key)
    options.insert(place, key)
    return replace(question, options=tuple(options))


# --- naming and shape -----------------------------------------------------------------------

_REQUIREMENT = {
    "knowledge": (RelationName.NEEDS_KNOWLEDGE, "知識"),
    "skills": (RelationName.NEEDS_SKILL, "技能"),
}


def _task_labels(standard: Standard) -> dict[str, str]:
    """What learners read for each task: its name, with its duty's name where two tasks share
    a name (參與工作團隊 in two duties)."""
    tasks = list(standard.tasks())
    labels = {}
    for task in tasks:
        twins = [t for t in tasks if t.name == task.name]
        duty = standard.duty_of(task.code).name
        labels[task.code] = task.name if len(twins) == 1 else f"{task.name}（{duty}）"
    return labels


def _listing(items: Iterable[str]) -> str:
    """Items joined by 、, or by ； where an item holds 、 itself (組織產品、服務與顧客基本資料)."""
    listed = list(items)
    return ("；" if any("、" in item for item in listed) else "、").join(listed)


def _siblings(standard: Standard, task: Task) -> list[Task]:
    return [t for t in standard.duty_of(task.code).tasks if t.code != task.code]


def _in_row(standard: Standard, task: Task) -> bool:
    """Whether the task shares its table row (and so its indicators) with other tasks."""
    return task.shares_with is not None or any(t.shares_with == task.code for t in standard.tasks())


def _clauses(definition: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.split(definition) if len(c.strip()) >= 6]


def _codes(question: Question, negated: bool) -> tuple[str, ...]:
    """The option codes a question assesses: its keys (or, asked negatively, the right facts)."""
    return tuple(o.code for o in question.options if o.correct != negated)
