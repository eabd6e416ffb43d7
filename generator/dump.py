"""Model -> canonical YAML, written atomically so a failure never leaves half a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.model import Duty, Standard, Task
from generator.publish.files import write_atomically as write_bytes_atomically
from generator.yamlio import dump_yaml


def standard_to_data(standard: Standard) -> dict[str, Any]:
    """Plain data in the canonical key order; optional keys only where they say something."""
    category = standard.category
    return {
        "code": standard.code,
        "name": standard.name,
        "level": standard.level,
        "description": standard.description,
        "category": {
            "job": {"code": category.job.code, "name": category.job.name},
            "occupations": [{"code": c.code, "name": c.name} for c in category.occupations],
            "industries": [{"code": c.code, "name": c.name} for c in category.industries],
        },
        "versions": [
            {
                "version": v.version,
                "code": v.code,
                "name": v.name,
                "status": v.status,
                "note": v.note,
                "date": v.date,
            }
            for v in standard.versions
        ],
        "duties": [
            {"code": d.code, "name": d.name or None, "tasks": [_task_data(t, d) for t in d.tasks]}
            for d in standard.duties
        ],
        "knowledge": [_item_data(i.code, i.name, i.variants) for i in standard.knowledge],
        "skills": [_item_data(i.code, i.name, i.variants) for i in standard.skills],
        "attitudes": [
            {"code": a.code, "name": a.name}
            | ({"definition": a.definition} if a.definition is not None else {})
            for a in standard.attitudes
        ],
        "notes": list(standard.notes),
    }


def _task_data(task: Task, duty: Duty) -> dict[str, Any]:
    """A task; a row group's outputs and indicators are written on its first task, and every
    task of the group keeps its own knowledge and skills. A task in rows of different levels
    writes ``levels``: each level with its row's indicator codes, knowledge and skills."""
    data: dict[str, Any] = {"code": task.code, "name": task.name}
    if task.level_rows:
        data["levels"] = [
            {
                "level": row.level,
                "indicators": list(row.indicators),
                "knowledge": list(row.knowledge),
                "skills": list(row.skills),
            }
            for row in task.level_rows
        ]
    else:
        data["level"] = task.level
    group = next((g for g in duty.rows if task.code in g.tasks), None)
    if task.shares_with is not None:
        data["shares_with"] = task.shares_with
    else:
        outputs, indicators = (
            (group.outputs, group.indicators) if group else (task.outputs, task.indicators)
        )
        data["outputs"] = [{"code": o.code, "name": o.name} for o in outputs]
        data["indicators"] = [{"code": p.code, "text": p.text} for p in indicators]
    if task.level_rows:  # its knowledge and skills are its rows'
        return data
    return data | {"knowledge": list(task.knowledge), "skills": list(task.skills)}


def _item_data(code: str, name: str, variants: tuple[str, ...]) -> dict[str, Any]:
    data: dict[str, Any] = {"code": code, "name": name}
    return data | {"variants": list(variants)} if variants else data


def standard_yaml(standard: Standard, header: str = "") -> str:
    return dump_yaml(standard_to_data(standard), header)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, newlines as given) beside ``path``, then rename it into place."""
    write_bytes_atomically(path, text.encode("utf-8"))
