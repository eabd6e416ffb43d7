"""The sharded catalogue workflow: manual only, a matrix of `--course` builds, one assembly.

It cannot run here; these tests check what can be checked offline, including that each
``coursegen build`` it runs is a command our own parser accepts.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

import yaml

from generator.cli import parser
from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "catalogue-sharded.yml"


def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def run_lines(job: str) -> list[str]:
    steps = workflow()["jobs"][job]["steps"]
    return [line for s in steps for line in s.get("run", "").splitlines() if "coursegen" in line]


def test_runs_by_hand_only() -> None:
    assert set(workflow()[True]) == {"workflow_dispatch"}  # YAML 1.1 reads `on` as true


def test_shards_are_a_matrix_as_long_as_the_shard_count() -> None:
    data = workflow()
    shards = data["jobs"]["shard"]["strategy"]["matrix"]["shard"]
    assert shards == list(range(int(data["env"]["SHARDS"])))


def test_each_shard_builds_its_courses_and_uploads_build_courses() -> None:
    (line,) = run_lines("shard")
    words = shlex.split(line.replace("$args", "--course KPS5220-005v2 --course KPS5294-001v3"))
    words = [w.replace("$SITE_URL", "https://o.example.invalid/r/") for w in words]
    args = parser().parse_args(words[1:])
    assert args.course == ["KPS5220-005v2", "KPS5294-001v3"]
    assert args.offline and not args.catalogue_only
    steps = workflow()["jobs"]["shard"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "build/courses/"


def test_assembly_downloads_every_shard_then_composes_and_deploys() -> None:
    jobs = workflow()["jobs"]
    assert jobs["assemble"]["needs"] == "shard"
    steps = jobs["assemble"]["steps"]
    download = next(i for i, s in enumerate(steps) if "download-artifact" in s.get("uses", ""))
    assert steps[download]["with"]["path"] == "build/courses"
    assert steps[download]["with"]["merge-multiple"] is True
    build = next(i for i, s in enumerate(steps) if "coursegen build" in s.get("run", ""))
    assert download < build
    (line,) = run_lines("assemble")
    words = [w.replace("$SITE_URL", "https://o.example.invalid/r/") for w in shlex.split(line)]
    args = parser().parse_args(words[1:])
    assert args.catalogue_only and args.offline and args.course is None
    assert jobs["deploy"]["needs"] == "assemble"


def test_every_job_installs_from_the_lock_file() -> None:
    for job in ("shard", "assemble"):
        runs = " ".join(s.get("run", "") for s in workflow()["jobs"][job]["steps"])
        assert re.search(r"--require-hashes -r requirements/site\.lock", runs)


def test_each_shard_keeps_its_build_between_runs_and_uploads_only_its_courses() -> None:
    steps = workflow()["jobs"]["shard"]["steps"]
    names = [s.get("uses", s.get("run", "")) for s in steps]
    restore = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@"))
    build = next(i for i, n in enumerate(names) if "coursegen build" in n)
    assert restore < build
    key = steps[restore]["with"]["key"]
    assert "matrix.shard" in key and "hashFiles('requirements/site.lock', 'pyproject.toml')" in key
    assert "rm -rf" in steps[build]["run"]  # a course of another shard is not uploaded
