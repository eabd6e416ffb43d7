"""The question bank as plain data and YAML: what trainers review and the site renders."""

from __future__ import annotations

from typing import Any

from generator.quiz.model import Bank, Question
from generator.yamlio import dump_yaml


def question_to_data(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": question.id,
        "type": question.type.value,
        "kind": question.kind or "own",
        "duty": question.duty,
        "task": question.task,
        "stem": question.stem,
        "options": [
            {"code": o.code, "text": o.text, "correct": o.correct} for o in question.options
        ],
        "explanation": question.explanation,
        "assesses": list(question.assesses),
    }
    if question.relation is not None:
        data["relation"] = {
            "subject": question.relation.subject,
            "name": question.relation.name.value,
            "negated": question.relation.negated,
        }
    if question.statement is not None:
        data["statement"] = question.statement
    if question.pairs:
        data["pairs"] = [
            {"left": p.left, "left_text": p.left_text, "right": p.right} for p in question.pairs
        ]
    return data


def bank_to_data(bank: Bank) -> dict[str, Any]:
    data: dict[str, Any] = {
        "standard": bank.standard,
        "questions": [question_to_data(q) for q in bank.questions],
    }
    if bank.reasons:
        data["unassessed"] = [{"code": code, "reason": why} for code, why in bank.reasons]
    return data


def bank_yaml(bank: Bank) -> str:
    count = len(bank.questions)
    header = (
        f"# {bank.standard} 的題庫（由 coursegen 依職能基準自動產生，共 {count} 題）\n"
        "# 每題的 relation 說明正確答案的依據；要停用或改寫題目，請在 quizzes/ 中以 id 指定。\n"
    )
    return dump_yaml(bank_to_data(bank), header)
