"""Publish tests: one offline build of the seeds and one of the tricky fixture per session.

Each build runs in its own project folder (content/ + mkdocs.yml), as a pipeline runs it.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from generator.publish.paths import BUNDLE_FOLDER, OFFLINE_ZIP
from tests.site.conftest import FIXTURE_CONTENT, SEED_CONTENT, Built, build_project


def unzip(built: Built, into: Path) -> Path:
    """Unzip the project's offline bundle into ``into``; return the bundle's top folder."""
    with zipfile.ZipFile(built.site / OFFLINE_ZIP) as bundle:
        bundle.extractall(into)
    return into / BUNDLE_FOLDER


@pytest.fixture(scope="session")
def seeds_offline(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The two real seed standards, built with ``--offline``."""
    return build_project(tmp_path_factory.mktemp("seeds-offline"), SEED_CONTENT, offline=True)


@pytest.fixture(scope="session")
def fixture_offline(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The standard whose texts hold * | < [ <script>, built with ``--offline``."""
    return build_project(tmp_path_factory.mktemp("fixture-offline"), FIXTURE_CONTENT, offline=True)


@pytest.fixture(scope="session")
def seeds_bundle(seeds_offline: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return unzip(seeds_offline, tmp_path_factory.mktemp("seeds-unzipped"))


@pytest.fixture(scope="session")
def fixture_bundle(fixture_offline: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return unzip(fixture_offline, tmp_path_factory.mktemp("fixture-unzipped"))


@pytest.fixture
def project(seeds_offline: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of a built project (site/ included), as the working directory."""
    root = tmp_path / "project"
    shutil.copytree(seeds_offline.root, root, ignore=shutil.ignore_patterns("build"))
    monkeypatch.chdir(root)
    return root
