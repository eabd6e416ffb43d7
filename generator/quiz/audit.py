"""The blind-guesser audit: what a learner who knows nothing of the job scores on a bank.

Each strategy answers from what a page shows (option order, lengths, the stem's words, the
previous key) and never from the standard. Its expected score uses the quiz's own scoring:
one point for the key of a single-choice or true/false question; for multiple response, 1/k
for each of the k keys ticked and -1/(n-k) for each wrong option ticked, at least 0 (Moodle's
rule, so ticking everything scores 0); for matching, the share of pairs matched. Where a
strategy has nothing to say (a true/false rule on a single-choice item), the learner guesses.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from math import comb, lcm

from generator.quiz.cues import shared_words
from generator.quiz.model import Bank, Question, QuestionType

NEGATIVE = "不"  # a stem asking for what is not so: a guesser then picks the odd option out
_QUOTED = re.compile(r"「[^」]*」")  # quoted standard text: its 不 does not make a stem negative
TRUE_TEXT, FALSE_TEXT = "正確", "錯誤"


def credit(question: Question, chosen: Iterable[str]) -> float:
    """The score (0 to 1) that ticking ``chosen`` option codes earns on ``question``."""
    picked = set(chosen)
    keys = set(question.correct_codes)
    if question.type is QuestionType.MULTIPLE:
        wrong_total = len(question.options) - len(keys)
        right = len(picked & keys) / len(keys)
        wrong = len(picked - keys) / wrong_total if wrong_total else 0.0
        return max(0.0, right - wrong)
    return 1.0 if picked == keys else 0.0


def chance(question: Question) -> float:
    """The expected score of an answer drawn at random from all possible answers."""
    codes = [o.code for o in question.options]
    if question.type is QuestionType.MATCHING:
        return 1 / len(codes)
    if question.type is QuestionType.MULTIPLE:
        answers = [c for n in range(1, len(codes) + 1) for c in combinations(codes, n)]
        return sum(credit(question, a) for a in answers) / len(answers)
    return 1 / len(codes)


def guess_pass_probability(questions: Sequence[Question], pass_mark: int) -> Fraction:
    """The exact probability that a learner who answers every question at random (each answer
    drawn from all its possible answers) passes a quiz of ``questions`` at ``pass_mark``.

    The quiz page scores ``round(1000 × credits / n) / 10`` and passes at ``>= pass_mark``
    (quiz.js), so passing means credits ≥ n × (10 × pass_mark − ½) / 1000.

    Worked in integers (credits in units of 1/``unit``, answers counted rather than weighed):
    with ``Fraction`` a final quiz of 40 questions took over a second, and every course's
    report, export and readiness page ask for it.
    """
    if not questions:
        return Fraction(0)
    unit = lcm(*(_credit_unit(q) for q in questions))
    totals = {0: 1}  # sum of credits (in 1/unit) -> how many ways of answering give it
    ways = 1  # how many ways of answering there are in all
    for question in questions:
        spread, count = _credit_counts(question, unit)
        added: dict[int, int] = {}
        for total, n in totals.items():
            for got, m in spread.items():
                added[total + got] = added.get(total + got, 0) + n * m
        totals, ways = added, ways * count
    # total / unit >= len × (20 × pass_mark − 1) / 2000, in integers
    needed = len(questions) * (20 * pass_mark - 1) * unit
    return Fraction(sum(n for total, n in totals.items() if total * 2000 >= needed), ways)


def _credit_unit(question: Question) -> int:
    """The denominator every credit of ``question`` is a whole multiple of."""
    if question.type is QuestionType.MATCHING:
        return len(question.pairs)
    if question.type is QuestionType.MULTIPLE:
        keys = len(question.correct_codes)
        return lcm(keys, len(question.options) - keys or 1)
    return 1


def _credit_counts(question: Question, unit: int) -> tuple[dict[int, int], int]:
    """Credit (in 1/``unit``) -> how many of the question's possible answers earn it, and how
    many answers there are (drawn at random as ``chance`` draws them)."""
    options = len(question.options)
    if question.type is QuestionType.MATCHING:  # each left text given one of the options
        pairs = len(question.pairs)
        step = unit // pairs
        # k pairs right: comb(pairs, k) choices of which, and (options - 1) wrong answers each
        spread = {k * step: comb(pairs, k) * (options - 1) ** (pairs - k) for k in range(pairs + 1)}
        return spread, options**pairs
    if question.type is QuestionType.MULTIPLE:
        codes = [o.code for o in question.options]
        keys = set(question.correct_codes)
        wrong_total = options - len(keys)
        counts: dict[int, int] = {}
        for n in range(1, options + 1):
            for chosen in combinations(codes, n):
                right = len(keys.intersection(chosen))
                wrong = n - right
                got = right * (unit // len(keys)) - (
                    wrong * (unit // wrong_total) if wrong_total else 0
                )
                counts[max(0, got)] = counts.get(max(0, got), 0) + 1
        return counts, 2**options - 1
    return {unit: 1, 0: options - 1}, options


def _among(question: Question, codes: Sequence[str]) -> float:
    """Expected score of ticking one of ``codes``, drawn at random."""
    return sum(credit(question, [c]) for c in codes) / len(codes)


def _matching(question: Question, pick: Callable[[str], Sequence[str]]) -> float:
    """Expected share of pairs matched when each left text is given one of ``pick(left)``."""
    total = 0.0
    for pair in question.pairs:
        choices = pick(pair.left_text)
        total += sum(c == pair.right for c in choices) / len(choices)
    return total / len(question.pairs)


@dataclass(frozen=True)
class Context:
    """What a strategy may know besides the question: the previous single-choice key's place,
    and the module of each task (which a learner may guess from the task names)."""

    previous_key: int | None
    duty_of: Mapping[str, str]


Strategy = Callable[[Question, Context], float | None]


def _position(place: int) -> Strategy:
    def choose(question: Question, context: Context) -> float | None:
        options = question.options
        if question.type is QuestionType.MATCHING:
            code = options[min(place, len(options) - 1)].code
            return _matching(question, lambda _left: [code])
        return credit(question, [options[min(place, len(options) - 1)].code])

    return choose


def _after_last(question: Question, context: Context) -> float | None:
    if question.type is not QuestionType.SINGLE or context.previous_key is None:
        return None
    place = (context.previous_key + 1) % len(question.options)
    return credit(question, [question.options[place].code])


def _by_length(longest: bool) -> Strategy:
    def choose(question: Question, context: Context) -> float | None:
        if question.type not in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            return None
        lengths = [len(o.text) for o in question.options]
        best = max(lengths) if longest else min(lengths)
        return _among(question, [o.code for o in question.options if len(o.text) == best])

    return choose


def _shared_words(question: Question, context: Context) -> float | None:
    """Pick what repeats the stem's words (or, for a negative stem, what does not)."""
    if question.type is QuestionType.MATCHING:

        def pick(left: str) -> list[str]:
            scores = {o.code: shared_words(left, o.text) for o in question.options}
            top = max(scores.values())
            return [c for c, s in scores.items() if s == top]

        return _matching(question, pick)
    if question.type is QuestionType.TRUE_FALSE:
        return None
    scores = {o.code: shared_words(question.stem, o.text) for o in question.options}
    if not any(scores.values()):
        return None
    if question.type is QuestionType.MULTIPLE:
        return credit(question, [c for c, s in scores.items() if s])
    negative = NEGATIVE in _QUOTED.sub("", question.stem)
    target = min(scores.values()) if negative else max(scores.values())
    return _among(question, [c for c, s in scores.items() if s == target])


def _one_duty(question: Question, context: Context) -> float | None:
    """Multiple response over tasks: tick every option of the module most options come from."""
    if question.type is not QuestionType.MULTIPLE:
        return None
    duties = [context.duty_of.get(o.code) for o in question.options]
    if None in duties:
        return None
    counts = Counter(duties)
    top = max(counts.values())
    groups = [d for d, n in counts.items() if n == top]
    return sum(
        credit(question, [o.code for o, d in zip(question.options, duties, strict=True) if d == g])
        for g in groups
    ) / len(groups)


def _tick_all(question: Question, context: Context) -> float | None:
    if question.type is not QuestionType.MULTIPLE:
        return None
    return credit(question, [o.code for o in question.options])


def _always(text: str) -> Strategy:
    def choose(question: Question, context: Context) -> float | None:
        if question.type is not QuestionType.TRUE_FALSE:
            return None
        return credit(question, [o.code for o in question.options if o.text == text])

    return choose


# The cues the generator keeps at chance level when it chooses options.
CUES: dict[str, Strategy] = {
    "words": _shared_words,
    "duty": _one_duty,
    "longest": _by_length(longest=True),
    "shortest": _by_length(longest=False),
}

STRATEGIES: tuple[tuple[str, Strategy], ...] = (
    *((f"一律選第 {n + 1} 個選項", _position(n)) for n in range(4)),
    ("選上一題答案的下一個位置", _after_last),
    ("選最長的選項", _by_length(longest=True)),
    ("選最短的選項", _by_length(longest=False)),
    ("選與題幹字詞重複的選項", _shared_words),
    ("複選題勾選同一職責的所有任務", _one_duty),
    ("複選題全部勾選", _tick_all),
    ("是非題一律答「正確」", _always(TRUE_TEXT)),
    ("是非題一律答「錯誤」", _always(FALSE_TEXT)),
)


@dataclass(frozen=True)
class StrategyScore:
    name: str
    score: float  # expected score out of 100


@dataclass(frozen=True)
class Audit:
    standard: str
    questions: int
    chance: float  # out of 100
    strategies: tuple[StrategyScore, ...]
    best: float  # the best strategy for each question type, combined: out of 100
    key_positions: tuple[int, ...]  # single choice: keys at option 1, 2, 3, 4
    true_false: tuple[int, int]  # statements that are true, false
    multiple_keys: tuple[tuple[int, int], ...]  # (number of keys, questions)

    def meets(self, pass_mark: int, margin: float = 10.0) -> bool:
        return self.best <= self.chance + margin and self.best < pass_mark


def _key_place(question: Question) -> int:
    return next(i for i, o in enumerate(question.options) if o.correct)


def audit(bank: Bank, duty_of: Mapping[str, str]) -> Audit:
    """Every strategy's expected score on ``bank`` in its order, and the bank's balance."""
    questions = bank.questions
    count = max(len(questions), 1)
    chances = [chance(q) for q in questions]
    credits: dict[str, list[float]] = {}
    for name, strategy in STRATEGIES:
        previous: int | None = None
        row = []
        for question, guess in zip(questions, chances, strict=True):
            got = strategy(question, Context(previous, duty_of))
            row.append(guess if got is None else got)
            if question.type is QuestionType.SINGLE:
                previous = _key_place(question)
        credits[name] = row
    best = 0.0
    for kind in QuestionType:
        places = [i for i, q in enumerate(questions) if q.type is kind]
        if places:
            best += max(sum(row[i] for i in places) for row in credits.values())
    singles = [q for q in questions if q.type is QuestionType.SINGLE]
    statements = [q for q in questions if q.type is QuestionType.TRUE_FALSE]
    true = sum(q.options[_key_place(q)].text == TRUE_TEXT for q in statements)
    keys = Counter(len(q.correct_codes) for q in questions if q.type is QuestionType.MULTIPLE)
    return Audit(
        standard=bank.standard,
        questions=len(questions),
        chance=100 * sum(chances) / count,
        strategies=tuple(
            StrategyScore(name, 100 * sum(row) / count) for name, row in credits.items()
        ),
        best=100 * best / count,
        key_positions=tuple(sum(_key_place(q) == n for q in singles) for n in range(4)),
        true_false=(true, len(statements) - true),
        multiple_keys=tuple(sorted(keys.items())),
    )


def audit_report(result: Audit, pass_mark: int) -> str:
    """The audit as a plain-text report in Chinese."""
    lines = [
        f"{result.standard}：題庫共 {result.questions} 題的盲猜稽核",
        "（不懂這份工作的學員只靠選項位置、長度、字詞等線索作答時的期望分數）",
        "",
        f"隨機作答\t{result.chance:.1f} 分",
    ]
    lines += [f"{s.name}\t{s.score:.1f} 分" for s in result.strategies]
    lines += [
        f"各題型最佳策略合計\t{result.best:.1f} 分",
        "",
        "單選題答案位置（第 1～4 個選項）：" + "、".join(str(n) for n in result.key_positions),
        f"是非題：正確 {result.true_false[0]} 題、錯誤 {result.true_false[1]} 題",
        "複選題正確選項數："
        + ("、".join(f"{k} 個 {n} 題" for k, n in result.multiple_keys) or "（無複選題）"),
        "",
    ]
    if result.meets(pass_mark):
        lines.append(
            f"結果：最佳盲猜策略 {result.best:.1f} 分，不超過隨機作答加 10 分，"
            f"也低於及格分數 {pass_mark} 分。"
        )
    else:
        lines.append(
            f"警告：最佳盲猜策略 {result.best:.1f} 分，超過隨機作答（{result.chance:.1f} 分）"
            f"加 10 分或達到及格分數 {pass_mark} 分；請停用或改寫有線索的題目。"
        )
    return "\n".join(lines) + "\n"
