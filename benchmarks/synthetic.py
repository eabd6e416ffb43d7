"""A synthetic catalogue of N standards, made by transforming the seed standards.

Standard ``i`` is the same whatever N is (its random generator is seeded with ``i``), so the
catalogue of 50 is the first 50 of the catalogue of 100. Codes are ``KPS9xxx-NNNv1``; each
standard has 3-7 duties of 2-6 tasks, drawn from one seed's tasks (so every K/S reference stays
valid), renumbered, with varied names and indicator order.
"""

from __future__ import annotations

import copy
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.dump import standard_to_data
from generator.load import load_standard
from generator.yamlio import dump_yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "content" / "standards"
SEED = 20250101
QUALIFIERS = ("基礎", "進階", "數位", "智慧", "綠色", "跨域", "社區", "國際", "行動", "整合")
DATES = tuple(
    f"{year}-{month:02d}-{day:02d}"
    for year in range(2016, 2026)
    for month, day in ((3, 31), (9, 30), (12, 31))
)


def seed_data() -> list[dict[str, Any]]:
    """The seed standards as plain data, in code order."""
    return [standard_to_data(load_standard(path)[0]) for path in sorted(SEEDS.glob("*.yaml"))]


def code_of(index: int) -> str:
    return f"KPS9{index // 1000:03d}-{index % 1000 + 1:03d}v1"


def _own_tasks(seed: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for d in seed["duties"] for t in d["tasks"] if "shares_with" not in t]


def _task(source: dict[str, Any], duty: int, number: int, rng: random.Random) -> dict[str, Any]:
    task = copy.deepcopy(source)
    prefix = f"{duty}.{number}"
    task["code"] = f"T{prefix}"
    task["name"] = f"{source['name']}（{rng.choice(QUALIFIERS)}）"
    rng.shuffle(task["indicators"])
    task["indicators"] = [
        {"code": f"P{prefix}.{k}", "text": item["text"]}
        for k, item in enumerate(task["indicators"], start=1)
    ]
    task["outputs"] = [
        {"code": f"O{prefix}.{k}", "name": item["name"]}
        for k, item in enumerate(task["outputs"], start=1)
    ]
    return task


def synthetic_standard(index: int, seeds: list[dict[str, Any]]) -> dict[str, Any]:
    """Standard number ``index`` of every synthetic catalogue."""
    rng = random.Random(SEED + index)
    base = seeds[index % len(seeds)]
    data = copy.deepcopy(base)
    code = code_of(index)
    data["code"] = code
    data["name"] = f"{rng.choice(QUALIFIERS)}{base['name']}"
    data["description"] = f"{base['description']}（課程 {index + 1}）"
    data["versions"] = [
        {
            "version": "V1",
            "code": code,
            "name": data["name"],
            "status": "最新版本",
            "note": "略",
            "date": rng.choice(DATES),
        }
    ]
    pool = _own_tasks(base)
    names = [d["name"] for d in base["duties"]]
    data["duties"] = [
        {
            "code": f"T{duty}",
            "name": f"{rng.choice(names)}（{rng.choice(QUALIFIERS)}）",
            "tasks": [
                _task(rng.choice(pool), duty, number, rng)
                for number in range(1, rng.randint(2, 6) + 1)
            ],
        }
        for duty in range(1, rng.randint(3, 7) + 1)
    ]
    return data


def synthetic_catalogue(n: int) -> Iterator[tuple[str, str]]:
    """(file name, YAML text) of the first ``n`` synthetic standards."""
    seeds = seed_data()
    for index in range(n):
        data = synthetic_standard(index, seeds)
        yield f"{data['code']}.yaml", dump_yaml(data, f"# {data['code']} synthetic (benchmarks)\n")


def make_project(folder: Path, n: int) -> Path:
    """A project folder (content/standards + mkdocs.yml) with ``n`` synthetic standards."""
    standards = folder / "content" / "standards"
    standards.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    for name, text in synthetic_catalogue(n):
        (standards / name).write_text(text, "utf-8")
    return folder
