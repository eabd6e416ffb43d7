"""Shared paths for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.source_file import Content

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = FIXTURES / "seeds"  # copies of ../shared/seeds, exactly as extracted from iCAP's PDFs
STANDARDS = ROOT / "content" / "standards"


def text_of(content: Content) -> str:
    """A generated page's text (a trainer's file stays a reference: it is no page)."""
    assert isinstance(content, bytes), content
    return content.decode("utf-8")


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test inside an empty project folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- the fast loop: ``pytest -m "not slow"`` leaves out every test that builds a whole site ---

# Fixtures that build a site (MkDocs included): a test using one is slow.
BUILD_FIXTURES = frozenset(
    {
        "seeds_site",
        "fixture_site",
        "any_site",
        "seeds_offline",
        "fixture_offline",
        "seeds_bundle",
        "fixture_bundle",
        "built",
        "project",
        "catalogue",
        "rendered_pdfs",  # not a site, but PDFs printed by Chromium: as slow
    }
)
# Modules whose tests build sites themselves (``build_site``, ``coursegen build``/``serve``).
BUILD_MODULES = frozenset(
    {
        "test_build.py",
        "test_build_properties.py",
        "test_bundle.py",
        "test_customised_site.py",
        "test_leftovers.py",
        "test_outside_files.py",
        "test_per_course_build.py",
        "test_safe_build.py",
        "test_serve.py",
        "test_warm_worker.py",
    }
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current output (then review the diff)",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if (
            names & BUILD_FIXTURES
            or item.path.name in BUILD_MODULES
            or item.get_closest_marker("browser")
        ):
            item.add_marker(pytest.mark.slow)
