"""The hosting pipelines in the repo: they parse, install from the lock file and run our build.

They cannot run here (no network); these tests check what can be checked offline, including
that every ``coursegen build`` they run is a command our own parser accepts.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import yaml

from generator.cli import parser
from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
LOCK_INSTALL = "--require-hashes -r requirements/site.lock"
PAGES_ACTIONS = ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages")


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def workflow_steps(job: str) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = load(WORKFLOW)["jobs"][job]["steps"]
    return steps


def commands(lines: list[str]) -> list[list[str]]:
    """Every shell command of ``lines`` (one per line, as the pipelines write them), split."""
    return [shlex.split(line) for text in lines for line in text.splitlines() if line.strip()]


def coursegen_builds(lines: list[str], env: dict[str, str]) -> list[list[str]]:
    """The arguments of each ``coursegen build`` in ``lines``, with variables filled in."""
    found = []
    for words in commands(lines):
        if words and words[0].endswith("coursegen"):
            filled = [word.replace("$SITE_URL", env.get("SITE_URL", "")) for word in words]
            found.append([w.replace("$CI_PAGES_URL", "https://g.example.invalid") for w in filled])
    return found


def step_index(steps: list[dict[str, Any]], needle: str) -> int:
    return next(i for i, s in enumerate(steps) if needle in s.get("uses", s.get("run", "")))


def test_workflow_runs_on_push_to_main_and_by_hand() -> None:
    triggers = load(WORKFLOW)[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers


def test_workflow_uses_the_official_pages_actions() -> None:
    uses = [
        s["uses"].split("@")[0]
        for job in ("build", "deploy")
        for s in workflow_steps(job)
        if "uses" in s
    ]
    for action in PAGES_ACTIONS:
        assert action in uses


def test_workflow_installs_from_the_lock_file_then_builds_then_uploads_site() -> None:
    steps = workflow_steps("build")
    install = step_index(steps, LOCK_INSTALL)
    build = step_index(steps, "coursegen build")
    upload = step_index(steps, "actions/upload-pages-artifact")
    assert install < build < upload
    assert steps[upload]["with"]["path"] == "site"


def test_workflow_build_command_is_valid_for_our_cli() -> None:
    steps = workflow_steps("build")
    step = steps[step_index(steps, "coursegen build")]
    env = {"SITE_URL": "https://o.example.invalid/repo/"}
    (words,) = coursegen_builds([step["run"]], env)
    args = parser().parse_args(words[1:])
    assert args.command == "build"
    assert args.site_url == env["SITE_URL"]
    assert args.offline


def test_deploy_job_has_the_pages_permissions_and_waits_for_the_build() -> None:
    deploy = load(WORKFLOW)["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


def test_gitlab_pages_job_installs_from_the_lock_file_and_publishes_public() -> None:
    job = load(GITLAB)["pages"]
    script: list[str] = job["script"]
    install = next(i for i, line in enumerate(script) if LOCK_INSTALL in line)
    build = next(i for i, line in enumerate(script) if "coursegen build" in line)
    assert install < build
    assert commands(script[build + 1 :]) == [["mv", "site", "public"]]
    assert job["artifacts"]["paths"] == ["public"]


def test_gitlab_build_command_is_valid_for_our_cli() -> None:
    (words,) = coursegen_builds(load(GITLAB)["pages"]["script"], {})
    args = parser().parse_args(words[1:])
    assert args.site_url == "https://g.example.invalid/"
    assert args.offline


def test_pipelines_use_python_3_11() -> None:
    steps = workflow_steps("build")
    setup = steps[step_index(steps, "actions/setup-python")]
    assert setup["with"]["python-version"] == "3.11"
    assert load(GITLAB)["pages"]["image"].startswith("python:3.11")


def _restores_build(step: dict[str, Any]) -> bool:
    """An actions/cache step that keeps build/ between runs, started afresh by a new lock
    file, a new coursegen version (pyproject.toml) or another OS."""
    if not step.get("uses", "").startswith("actions/cache@"):
        return False
    key = step["with"]["key"]
    return (
        "build" in step["with"]["path"].split()
        and "hashFiles('requirements/site.lock', 'pyproject.toml')" in key
        and "runner.os" in key
    )


def test_workflow_keeps_build_between_runs_so_an_edit_rebuilds_one_course() -> None:
    steps = workflow_steps("build")
    restore = next(i for i, s in enumerate(steps) if _restores_build(s))
    assert restore < step_index(steps, "coursegen build")


def test_gitlab_keeps_build_between_runs_keyed_by_lock_file_and_version() -> None:
    caches = load(GITLAB)["pages"]["cache"]
    (build,) = [c for c in caches if "build" in c["paths"]]
    assert set(build["key"]["files"]) == {"requirements/site.lock", "pyproject.toml"}
