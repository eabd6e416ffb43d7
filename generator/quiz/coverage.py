"""Which questions assess each task, K, S, A, P and O of a standard, and what none assesses."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Standard
from generator.quiz.model import KINDS, Bank

OWN_KIND = "講師自訂題目"
# An indicator no question assesses: the checklist does (every indicator is on it).
CHECKLIST = "以評量檢核表評量"
DISABLED = "評量它的題目已停用，請以評量檢核表評量。"


@dataclass(frozen=True)
class Covered:
    kind: str  # 工作任務, 知識, …
    code: str
    name: str
    questions: tuple[str, ...]  # ids of the questions that assess it
    reason: str | None = None  # an indicator without a question: why, and how it is assessed


def coverage(standard: Standard, bank: Bank) -> tuple[Covered, ...]:
    entries: list[tuple[str, str, str]] = [
        *(("工作任務", t.code, t.name) for t in standard.tasks()),
        *(("知識", k.code, k.name) for k in standard.knowledge),
        *(("技能", s.code, s.name) for s in standard.skills),
        *(("態度", a.code, a.name) for a in standard.attitudes),
        *(("行為指標", p.code, p.text) for p in standard.indicators()),
        *(("工作產出", o.code, o.name) for o in standard.outputs()),
    ]
    reasons = dict(bank.reasons)
    rows = []
    for kind, code, name in entries:
        ids = tuple(q.id for q in bank.questions if code in q.assesses)
        reason = None
        if not ids and kind == "行為指標":
            reason = reasons.get(code, DISABLED)
        rows.append(Covered(kind, code, name, ids, reason))
    return tuple(rows)


def kinds_by_task(standard: Standard, bank: Bank) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """For each task, the kinds of questions asked about it (in the words of ``KINDS``)."""
    return tuple(
        (
            task.code,
            tuple(
                dict.fromkeys(
                    KINDS.get(q.kind, OWN_KIND)
                    for q in bank.questions
                    if q.task == task.code or task.code in q.assesses
                )
            ),
        )
        for task in standard.tasks()
    )


def coverage_report(standard: Standard, bank: Bank) -> str:
    """A plain-text report in Chinese: counts per kind, then everything left unassessed."""
    rows = coverage(standard, bank)
    kinds = list(dict.fromkeys(r.kind for r in rows))
    lines = [f"{standard.code} {standard.name}：題庫共 {len(bank.questions)} 題", ""]
    for kind in kinds:
        of_kind = [r for r in rows if r.kind == kind]
        done = sum(bool(r.questions) for r in of_kind)
        lines.append(f"{kind}：{done}/{len(of_kind)} 項有題目評量")
    lines.append("")
    for row in rows:
        ids = "、".join(q.rsplit("/", 2)[-2] + "/" + q.rsplit("/", 1)[-1] for q in row.questions)
        lines.append(f"{row.code}\t{row.name[:24]}\t{ids or '（沒有題目）'}")
    missing = [r for r in rows if not r.questions]
    lines.append("")
    if missing:
        lines.append("沒有任何題目評量的項目：" + "、".join(r.code for r in missing))
        lines += [f"{r.code}：{r.reason}" for r in missing if r.reason]
        lines.append("（行為指標與工作產出可由評量檢核表評量。）")
    else:
        lines.append("每一項都至少有一題評量。")
    lines.append("")
    lines.append("各工作任務的題型：")
    for code, asked in kinds_by_task(standard, bank):
        lines.append(f"{code}\t{'、'.join(asked) or '（沒有題目）'}")
    return "\n".join(lines) + "\n"
