"""A copy of the worked example (content/, site_overrides/, quizzes/), to break a rule in."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT

CODE = "KPS5220-005v2"
PLAN = Path("site_overrides") / CODE / "plan.yml"
SETTINGS = Path("site_overrides") / CODE / "course.yml"


def example_project(folder: Path) -> Path:
    for name in ("content", "site_overrides", "quizzes"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def edit_yaml(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Rewrite a YAML file after ``change`` (comments are lost; the data is what counts)."""
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
