"""Model -> canonical YAML, written atomically so a failure never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from generator.model import Standard, Task
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
            {"code": d.code, "name": d.name, "tasks": [_task_data(t) for t in d.tasks]}
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


def _task_data(task: Task) -> dict[str, Any]:
    data: dict[str, Any] = {"code": task.code, "name": task.name, "level": task.level}
    if task.shares_with is not None:
        return data | {"shares_with": task.shares_with}
    return data | {
        "outputs": [{"code": o.code, "name": o.name} for o in task.outputs],
        "indicators": [{"code": p.code, "text": p.text} for p in task.indicators],
        "knowledge": list(task.knowledge),
        "skills": list(task.skills),
    }


def _item_data(code: str, name: str, variants: tuple[str, ...]) -> dict[str, Any]:
    data: dict[str, Any] = {"code": code, "name": name}
    return data | {"variants": list(variants)} if variants else data


def standard_yaml(standard: Standard, header: str = "") -> str:
    return dump_yaml(standard_to_data(standard), header)


def _umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, newlines as given) beside ``path``, then rename it into place."""
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    The file gets the mode a newly created file gets (0666 less the umask), not mkstemp's 0600.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
