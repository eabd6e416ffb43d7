"""Site tests: build the real seeds (and a tricky fixture) once per session.

Each build runs in its own copy of the project (content/ + mkdocs.yml) under a temporary
folder, exactly as ``coursegen build`` runs in a clone.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.publish.build import build_site
from generator.model import Standard
from generator.validate import check_tree

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED_CONTENT = ROOT / "content"
FIXTURE_CONTENT = HERE / "fixtures" / "content"
# imported from tests/fixtures/icap/ (test_import_variations checks they still import so)
VARIATIONS_CONTENT = HERE / "fixtures" / "variations" / "content"


@dataclass(frozen=True)
class Built:
    """A project folder after a successful ``build_site``."""

    root: Path
    standards: tuple[Standard, ...]

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def docs(self) -> Path:
        return self.root / "build" / "docs"

    def page(self, url: str) -> str:
        """The HTML of a site URL such as ``/KPS5220-005v2/T2/``."""
        return (self.site / url.strip("/") / "index.html").read_text("utf-8")


def make_project(folder: Path, content: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(content, folder / "content")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def build_project(folder: Path, content: Path, offline: bool = False) -> Built:
    make_project(folder, content)
    assert build_site(folder, site_url=None, offline=offline) == 0
    return Built(folder, check_tree(folder / "content").standards)


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The course site of the two real seed standards in content/standards."""
    return build_project(tmp_path_factory.mktemp("seeds"), SEED_CONTENT)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A small standard whose texts hold * | < [ <script> and friends."""
    return build_project(tmp_path_factory.mktemp("fixture"), FIXTURE_CONTENT)


@pytest.fixture(scope="session")
def variations_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Standards that vary as real ones do: a row of five tasks with 【T1.2】 marks, a shared
    output, a first version's code, an unnamed duty, seven duties, K35/S90/SS01/A06 codes."""
    return build_project(tmp_path_factory.mktemp("variations"), VARIATIONS_CONTENT)


@pytest.fixture(params=["seeds_site", "fixture_site", "variations_site"])
def any_site(request: pytest.FixtureRequest) -> Built:
    site: Built = request.getfixturevalue(request.param)
    return site
