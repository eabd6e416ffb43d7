"""An independent reader of question banks: every key recomputed, every blind strategy scored.

Nothing here uses the generator's own relations, cue measures or audit: the standard is read
back from its YAML as plain data, each relation is written out again from the data contract
(docs/standard-format.md, DESIGN.md), and the blind strategies are re-implemented from the
issue's description. Shared by the seed tests and the property tests.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import yaml

from generator.dump import standard_yaml
from generator.model import Standard
from generator.quiz.bank import bank_to_data
from generator.quiz.model import Bank

BANNED = ("以上皆是", "以上皆非", "以上都對", "以上都不對")
# Codes a learner must not need: T1.1, K03, S12, A01, P1.2.3, O2.1.1, SS01, KPS5220-005v2.
CODE = re.compile(
    r"(?<![A-Za-z])(?:T\d+(?:\.\d+)?|SS?\d{2,}|K\d{2,}|A\d{2,}|P\d+\.\d+|O\d+\.\d+|[A-Z]{3}\d{4}-\d{3})"
)


@dataclass(frozen=True)
class Raw:
    """A standard as plain data, read from its YAML."""

    tasks: dict[str, dict[str, Any]]  # code -> name, duty, knowledge, skills, outputs, indicators
    knowledge: dict[str, dict[str, Any]]
    skills: dict[str, dict[str, Any]]
    outputs: dict[str, str]  # code -> name
    indicators: dict[str, str]  # code -> text
    definitions: dict[str, str | None]
    every_k: frozenset[str]  # knowledge every task needs
    every_s: frozenset[str]


def raw(standard: Standard) -> Raw:
    data = yaml.safe_load(standard_yaml(standard))
    tasks: dict[str, dict[str, Any]] = {}
    for duty in data["duties"]:
        for task in duty["tasks"]:
            tasks[task["code"]] = dict(task, duty=duty["code"])
    outputs = {o["code"]: o["name"] for t in tasks.values() for o in t.get("outputs", [])}
    indicators = {p["code"]: p["text"] for t in tasks.values() for p in t.get("indicators", [])}
    # Several tasks in one row (docs/standard-format.md): each keeps its own knowledge and
    # skills (the first task's when it lists none); the outputs and indicators written on the
    # first task belong to the row's tasks together, so to no single task of them.
    firsts = {t["shares_with"] for t in tasks.values() if t.get("shares_with") in tasks}
    for task in tasks.values():
        first = tasks.get(task.get("shares_with") or "", task)
        for key in ("knowledge", "skills"):
            # a task in rows of different levels needs what each of its rows lists
            rows = [code for row in task.get("levels", []) for code in row.get(key, [])]
            task[key] = task[key] if key in task else rows or first.get(key, [])
    for task in tasks.values():
        for key in ("outputs", "indicators"):
            task[key] = [] if task["code"] in firsts else task.get(key, [])
    k_sets = [set(t["knowledge"]) for t in tasks.values()]
    s_sets = [set(t["skills"]) for t in tasks.values()]
    return Raw(
        tasks=tasks,
        knowledge={k["code"]: k for k in data["knowledge"]},
        skills={s["code"]: s for s in data["skills"]},
        outputs=outputs,
        indicators=indicators,
        definitions={a["code"]: a.get("definition") for a in data["attitudes"]},
        every_k=frozenset(set.intersection(*k_sets)) if k_sets else frozenset(),
        every_s=frozenset(set.intersection(*s_sets)) if s_sets else frozenset(),
    )


def truth(r: Raw, relation: str, subject: str, option: str) -> bool:
    """Whether ``option`` stands in ``relation`` to ``subject`` in the standard."""
    task = r.tasks.get(subject, {})
    owner = r.tasks.get(option, {})
    names = {o["name"] for o in task.get("outputs", [])}
    texts = {p["text"] for p in task.get("indicators", [])}
    if relation == "needs_knowledge":
        return option in task.get("knowledge", [])
    if relation == "needs_skill":
        return option in task.get("skills", [])
    if relation == "produces_output":
        return r.outputs.get(option) in names
    if relation == "has_indicator":
        return r.indicators.get(option) in texts
    if relation == "knowledge_needed_by":
        return subject in owner.get("knowledge", [])
    if relation == "skill_needed_by":
        return subject in owner.get("skills", [])
    if relation == "output_of_task":
        return r.outputs.get(subject) in {o["name"] for o in owner.get("outputs", [])}
    if relation == "indicator_of_task":
        return r.indicators.get(subject) in {p["text"] for p in owner.get("indicators", [])}
    if relation == "attitude_definition":
        return r.definitions.get(subject) is not None and (
            r.definitions.get(option) == r.definitions.get(subject)
        )
    if relation == "names_output":
        return r.outputs.get(option, "\0") in r.indicators.get(subject, "")
    if relation == "behaviour_of":
        return subject in (r.definitions.get(option) or "")
    raise AssertionError(f"unknown relation {relation}")


def key_problems(r: Raw, q: dict[str, Any]) -> list[str]:
    """Recompute the key of one question from the standard; list every disagreement."""
    rel = q.get("relation")
    if rel is None:
        return []  # a trainer's own question: its key is the trainer's
    name, subject, negated = rel["name"], rel["subject"], rel["negated"]
    if q["type"] == "matching":
        problems = []
        for pair in q["pairs"]:
            rights = [o["code"] for o in q["options"] if truth(r, name, pair["left"], o["code"])]
            if rights != [pair["right"]]:
                problems.append(f"{q['id']}: {pair['left']} matches {rights}")
        return problems
    if q["type"] == "true_false":
        said = truth(r, name, subject, q["statement"]) != negated
        keyed = [o["code"] for o in q["options"] if o["correct"]]
        return [] if keyed == ["true" if said else "false"] else [f"{q['id']}: statement"]
    return [
        f"{q['id']}: option {o['code']} keyed {o['correct']}"
        for o in q["options"]
        if (truth(r, name, subject, o["code"]) != negated) != o["correct"]
    ]


def _variants(r: Raw, code: str) -> set[str]:
    item = r.knowledge.get(code) or r.skills.get(code) or {}
    return {item.get("name", ""), *item.get("variants", [])} - {""}


def bank_problems(standard: Standard, bank: Bank) -> list[str]:
    """Every rule a bank must keep; an empty list means the bank is sound."""
    r = raw(standard)
    data = bank_to_data(bank)["questions"]
    problems: list[str] = []
    ids = [q["id"] for q in data]
    if len(ids) != len(set(ids)):
        problems.append("duplicate question ids")
    for q in data:
        problems += key_problems(r, q)
        texts = [o["text"] for o in q["options"]]
        right = [o for o in q["options"] if o["correct"]]
        wrong = [o for o in q["options"] if not o["correct"]]
        if len(texts) != len(set(texts)):
            problems.append(f"{q['id']}: two options read the same")
        if any(b in t for b in BANNED for t in [q["stem"], *texts]):
            problems.append(f"{q['id']}: 以上皆是／以上皆非")
        shown = [q["stem"], *texts, *(p["left_text"] for p in q.get("pairs", []))]
        if any(CODE.search(t) for t in shown):
            problems.append(f"{q['id']}: a code in what learners read")
        if q["type"] in ("single", "multiple"):
            right_words = {w for o in right for w in _variants(r, o["code"]) | {o["text"]}}
            if any(_variants(r, o["code"]) & right_words for o in wrong):
                problems.append(f"{q['id']}: a wrong option is a spelling of a right one")
        expected = {
            "single": len(right) == 1 and len(texts) == 4,
            "multiple": 1 <= len(right) < len(texts) and len(texts) >= 4,
            "true_false": len(right) == 1 and len(texts) == 2,
            "matching": len(q.get("pairs", [])) >= 3,
        }[q["type"]]
        if not expected:
            problems.append(f"{q['id']}: wrong number of options or answers for {q['type']}")
        if q["type"] == "true_false":
            problems += _statement_problems(r, q)
    return problems


def _statement_problems(r: Raw, q: dict[str, Any]) -> list[str]:
    """A true/false item states no fact that holds for every task, and is never negated."""
    rel = q["relation"]
    if rel["negated"] or "不" in q["stem"]:
        return [f"{q['id']}: a negative true/false statement"]
    every = r.every_k if rel["name"] == "needs_knowledge" else r.every_s
    if rel["name"] in ("needs_knowledge", "needs_skill") and q["statement"] in every:
        return [f"{q['id']}: a statement true of every task"]
    return []


# --- blind strategies, scored with the quiz's own rule ---------------------------------------


def credit(q: dict[str, Any], chosen: set[str]) -> float:
    keys = {o["code"] for o in q["options"] if o["correct"]}
    if q["type"] == "multiple":
        n_wrong = len(q["options"]) - len(keys)
        return max(0.0, len(chosen & keys) / len(keys) - len(chosen - keys) / n_wrong)
    return float(chosen == keys)


def chance(q: dict[str, Any]) -> float:
    codes = [o["code"] for o in q["options"]]
    if q["type"] == "multiple":
        subsets = [set(c) for n in range(1, len(codes) + 1) for c in combinations(codes, n)]
        return sum(credit(q, s) for s in subsets) / len(subsets)
    return 1 / len(codes)


def _pick_among(q: dict[str, Any], codes: list[str]) -> float:
    return sum(credit(q, {c}) for c in codes) / len(codes)


def _bigrams(text: str) -> set[str]:
    runs = re.findall(r"[\u4e00-\u9fff]+", text)
    stop = {
        "需要",
        "下列",
        "哪一",
        "一項",
        "哪些",
        "工作",
        "任務",
        "知識",
        "技能",
        "能力",
        "行為",
        "指標",
    }
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)} - stop


def blind_scores(standard: Standard, bank: Bank) -> tuple[float, dict[str, float], float]:
    """(chance, each strategy's expected score, the best strategy per question type combined),
    all out of 100. Strategies a question type gives no handle to fall back to chance."""
    r = raw(standard)
    data = bank_to_data(bank)["questions"]
    guesses = [chance(q) for q in data]
    rows: dict[str, list[float]] = {}

    def run(name: str, strategy: Any) -> None:
        previous: int | None = None
        row = []
        for q, guess in zip(data, guesses, strict=True):
            got = strategy(q, previous) if q["type"] != "matching" else None
            row.append(guess if got is None else got)
            if q["type"] == "single":
                previous = next(i for i, o in enumerate(q["options"]) if o["correct"])
        rows[name] = row

    for place in range(4):
        run(
            f"place {place + 1}",
            lambda q, _p, place=place: credit(
                q, {q["options"][min(place, len(q["options"]) - 1)]["code"]}
            ),
        )
    run(
        "one after the last",
        lambda q, p: (
            None
            if q["type"] != "single" or p is None
            else credit(q, {q["options"][(p + 1) % len(q["options"])]["code"]})
        ),
    )
    for name, pick in (("longest", max), ("shortest", min)):
        run(
            name,
            lambda q, _p, pick=pick: (
                None
                if q["type"] not in ("single", "multiple")
                else _pick_among(
                    q,
                    [
                        o["code"]
                        for o in q["options"]
                        if len(o["text"]) == pick(len(x["text"]) for x in q["options"])
                    ],
                )
            ),
        )

    def words(q: dict[str, Any], _p: int | None) -> float | None:
        if q["type"] not in ("single", "multiple"):
            return None
        shared = {o["code"]: len(_bigrams(q["stem"]) & _bigrams(o["text"])) for o in q["options"]}
        if not any(shared.values()):
            return None
        if q["type"] == "multiple":
            return credit(q, {c for c, n in shared.items() if n})
        negative = "不" in re.sub(r"「[^」]*」", "", q["stem"])
        target = (min if negative else max)(shared.values())
        return _pick_among(q, [c for c, n in shared.items() if n == target])

    run("shared words", words)

    def one_duty(q: dict[str, Any], _p: int | None) -> float | None:
        duties = [r.tasks.get(o["code"], {}).get("duty") for o in q["options"]]
        if q["type"] != "multiple" or None in duties:
            return None
        counts = Counter(duties)
        top = [d for d, n in counts.items() if n == max(counts.values())]
        return sum(
            credit(q, {o["code"] for o, d in zip(q["options"], duties, strict=True) if d == g})
            for g in top
        ) / len(top)

    run("one duty", one_duty)
    run(
        "tick all",
        lambda q, _p: (
            credit(q, {o["code"] for o in q["options"]}) if q["type"] == "multiple" else None
        ),
    )
    for text in ("正確", "錯誤"):
        run(
            f"always {text}",
            lambda q, _p, text=text: (
                credit(q, {o["code"] for o in q["options"] if o["text"] == text})
                if q["type"] == "true_false"
                else None
            ),
        )
    count = len(data)
    best = sum(
        max(sum(row[i] for i, q in enumerate(data) if q["type"] == kind) for row in rows.values())
        for kind in {q["type"] for q in data}
    )
    return (
        100 * sum(guesses) / count,
        {name: 100 * sum(row) / count for name, row in rows.items()},
        100 * best / count,
    )
